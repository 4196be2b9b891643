using System.Net;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;
using HtxFund.Web;
using JasperFx.Events;

namespace HtxFund.Tests.Web.Pipeline;

/// <summary>
/// A page's form post sends the same command through the same endpoint as the API (PageCommands): the same events are
/// appended, the same refusal comes back (next to the form's field on the page), and the key generated with the form
/// makes a second post of the same form a replay, not a second command. Shown on returning an application for
/// information from the credit page.
/// </summary>
public sealed class pages_send_commands_through_the_api_pipeline(AppFixture fixture) : ApplicationContext(fixture)
{
    private sealed record PageForm(string Cookie, string Antiforgery, string IdempotencyKey, string Version);

    private async Task<PageForm> ReturnForm(Guid id, string token)
    {
        var page = await Get($"/tin-dung/ho-so/{id}", token);
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = await page.ReadAsTextAsync();
        var form = Regex.Match(html, "<form method=\"post\" action=\"[^\"]*handler=Return\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        form.Success.ShouldBeTrue("the return form is on the page");
        string Field(string name) =>
            Regex.Match(form.Groups[1].Value, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"") is { Success: true } m
                ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                : throw new ShouldAssertException($"no field {name} in the form");
        return new PageForm(page.Context.Response.Headers.SetCookie.ToString().Split(';')[0], Field("__RequestVerificationToken"),
            Field(PageCommands.IdempotencyField), Field("Version"));
    }

    private Task<IScenarioResult> PostReturnForm(Guid id, string token, PageForm form, string questions) => Host.Scenario(s =>
    {
        var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.Antiforgery, [PageCommands.IdempotencyField] = form.IdempotencyKey,
            ["Version"] = form.Version, ["Questions"] = questions,
        });
        s.Post.Url($"/tin-dung/ho-so/{id}?handler=Return");
        s.ConfigureHttpContext(c =>
        {
            c.Request.Headers.Authorization = $"Bearer {token}";
            c.Request.Headers.Cookie = form.Cookie;
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = body.ReadAsStream();
        });
        s.IgnoreStatusCode();
    });

    private async Task<IReadOnlyList<IEvent>> EventsOf(Guid id)
    {
        await using var session = Store.QuerySession(FundA);
        return await session.Events.FetchStreamAsync(id);
    }

    [Fact]
    public async Task the_page_and_the_api_append_the_same_events_for_the_same_command()
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        var viaPage = await Submitted();
        var otherCooperative = await AnotherCooperative(); // one pending application per borrower
        var viaApi = await Draft(token: otherCooperative);
        await Ok(Transition(viaApi, "submit", new { }, otherCooperative));
        var before = (await EventsOf(viaPage)).Count;
        (await EventsOf(viaApi)).Count.ShouldBe(before);
        const string questions = "Bổ sung   bản sao sổ đỏ\tvà báo cáo tài chính 2025";

        var page = await PostReturnForm(viaPage, officer, await ReturnForm(viaPage, officer), questions);
        page.Context.Response.StatusCode.ShouldBe(302, await page.ReadAsTextAsync());
        var api = await Post($"/api/applications/{viaApi}/return", new { version = await VersionOf(viaApi), questions }, officer);
        api.Context.Response.StatusCode.ShouldBe(204, await api.ReadAsTextAsync());

        var fromPage = (await EventsOf(viaPage)).Skip(before).Select(e => e.Data).ToList();
        var fromApi = (await EventsOf(viaApi)).Skip(before).Select(e => e.Data).ToList();
        fromPage.Select(e => e.GetType()).ShouldBe(fromApi.Select(e => e.GetType()));
        var pageReturn = fromPage.OfType<ApplicationReturnedForInformation>().Single();
        var apiReturn = fromApi.OfType<ApplicationReturnedForInformation>().Single();
        pageReturn.Questions.ShouldBe("Bổ sung bản sao sổ đỏ và báo cáo tài chính 2025");
        Json(pageReturn).ShouldBe(Json(apiReturn with { ApplicationId = pageReturn.ApplicationId, At = pageReturn.At }));
    }

    private static string Json(object e) => System.Text.Json.JsonSerializer.Serialize(e, e.GetType(), TestJson.Options);

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public async Task the_page_shows_the_apis_refusal_next_to_its_field_and_neither_appends_anything(string questions)
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        var id = await Submitted();
        var before = (await EventsOf(id)).Count;

        var api = await Post($"/api/applications/{id}/return", new { version = await VersionOf(id), questions }, officer);
        await api.ShouldBeRefusal(400, "questions.required");
        var message = (await api.ReadJson()).GetProperty("errors").GetProperty("questions")[0].GetString()!;

        var page = await PostReturnForm(id, officer, await ReturnForm(id, officer), questions);
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = WebUtility.HtmlDecode(await page.ReadAsTextAsync());
        Regex.IsMatch(html, $"<span[^>]*field-error[^>]*>\\s*{Regex.Escape(message)}\\s*</span>").ShouldBeTrue(html);
        (await EventsOf(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task a_stale_page_is_refused_with_the_apis_conflict_and_appends_nothing()
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        var id = await Submitted();
        var form = await ReturnForm(id, officer);
        // someone else returns it first through the API; the page still holds the old version
        await Ok(Post($"/api/applications/{id}/return", new { version = await VersionOf(id), questions = "Bổ sung sổ đỏ" }, officer));
        var before = (await EventsOf(id)).Count;

        var page = await PostReturnForm(id, officer, form, "Bổ sung báo cáo tài chính");
        page.Context.Response.StatusCode.ShouldBe(200);
        WebUtility.HtmlDecode(await page.ReadAsTextAsync()).ShouldContain("đã được thay đổi");
        (await EventsOf(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task posting_the_same_form_twice_returns_the_application_once()
    {
        var officer = await TokenFor(Roles.CreditOfficer);
        var id = await Submitted();
        var form = await ReturnForm(id, officer);
        var before = (await EventsOf(id)).Count;

        (await PostReturnForm(id, officer, form, "Bổ sung sổ đỏ")).Context.Response.StatusCode.ShouldBe(302);
        var again = await PostReturnForm(id, officer, form, "Bổ sung sổ đỏ");
        again.Context.Response.StatusCode.ShouldBe(302, await again.ReadAsTextAsync());

        (await EventsOf(id)).Skip(before).Select(e => e.Data).OfType<ApplicationReturnedForInformation>().Count().ShouldBe(1);
    }
}
