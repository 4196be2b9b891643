using System.Net;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Web;

namespace HtxFund.Tests.Support;

/// <summary>
/// A person using the pages as a browser does, without a browser: signed in with the <c>htxfund.auth</c> cookie, reading
/// a page to get its form's antiforgery token (and cookie), and posting the form back with it and a fresh
/// <c>__IdempotencyKey</c>, as the form rendered by the page would. For comparing a page's command with the API's.
/// </summary>
public sealed partial class PageSession(IAlbaHost host, string authCookie, IPAddress from)
{
    private string _antiforgeryCookie = "";
    private string _token = "";

    public static async Task<PageSession> SignInAsync(IAlbaHost host, string userName, string password, IPAddress from)
    {
        var login = await host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
            s.Post.Json(new { userName, password }).ToUrl("/api/auth/login").QueryString("useCookies", "true");
            s.StatusCodeShouldBe(200);
        });
        return new PageSession(host, login.Context.Response.Headers.SetCookie.ToString().Split(';')[0], from);
    }

    /// <summary>The <c>htxfund.auth=...</c> cookie this person signed in with (empty when not signed in).</summary>
    public string AuthCookie => authCookie;

    /// <summary>Someone not signed in (the sign-in page).</summary>
    public static PageSession Anonymous(IAlbaHost host, IPAddress from) => new(host, "", from);

    private string Cookies => string.Join("; ", new[] { authCookie, _antiforgeryCookie }.Where(c => c.Length > 0));

    /// <summary>Reads a page (200 expected) and keeps its form's antiforgery token; answers the decoded HTML.</summary>
    public async Task<string> OpenAsync(string url)
    {
        var page = await host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
            s.WithRequestHeader("Cookie", Cookies);
            s.Get.Url(url);
            s.StatusCodeShouldBe(200);
        });
        var html = await page.ReadAsTextAsync();
        _token = AntiforgeryField().Match(html).Groups[1].Value;
        _token.ShouldNotBeEmpty($"no form with an antiforgery token on {url}");
        foreach (var set in page.Context.Response.Headers.SetCookie)
            if (set is not null && set.StartsWith("htxfund.csrf=", StringComparison.Ordinal)) _antiforgeryCookie = set.Split(';')[0];
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>Posts a form of the last page opened, with its antiforgery token and a new idempotency key.</summary>
    public Task<IScenarioResult> SubmitAsync(string url, IReadOnlyDictionary<string, string?> fields) => host.Scenario(s =>
    {
        var form = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        form["__RequestVerificationToken"] = _token;
        form[PageCommands.IdempotencyField] = Guid.CreateVersion7().ToString("N");
        var body = new FormUrlEncodedContent(form);
        s.Post.Url(url);
        s.ConfigureHttpContext(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Headers.Cookie = Cookies;
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = body.ReadAsStream();
        });
        s.IgnoreStatusCode();
    });

    /// <summary>The code of the refusal shown above a form (<c>_Problem</c>), or null.</summary>
    public static string? ProblemCodeShown(string html) => ProblemCode().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The message shown next to a form field (<c>asp-validation-for</c>), or null.</summary>
    public static string? FieldErrorShown(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]+)<") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-problem-code=\"([^\"]+)\"")]
    private static partial Regex ProblemCode();
}
