using HtxFund.Identity;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HtxFund.Tests.Web.Pages;

/// <summary>The sign-in and sign-out pages send the API's login and logout through the application's pipeline: the cookie
/// the login sets is the page's answer's, a page attempt counts once against the address limit, the refusal is the API's,
/// and signing out revokes the session the cookie carries.</summary>
public sealed class signing_in_and_out_through_the_pages(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string SignInPage = "/dang-nhap";

    private static Dictionary<string, string?> Credentials(string userName, string password) =>
        new() { ["Input.UserName"] = userName, ["Input.Password"] = password };

    [Fact]
    public async Task a_page_sign_in_sets_the_cookie_the_api_login_issues_and_counts_as_one_attempt_against_the_address_limit()
    {
        var address = NextClientAddress();
        var permits = Host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginPermitsPerMinute;
        for (var i = 0; i < permits - 1; i++)
            (await Login("khong.ton.tai", "sai-mat-khau-1", address)).Context.Response.StatusCode.ShouldBe(401);

        var page = PageSession.Anonymous(Host, address);
        await page.OpenAsync(SignInPage);
        var signedIn = await page.SubmitAsync(SignInPage, Credentials(UserName(FundA, Roles.CreditOfficer), Password));

        signedIn.Context.Response.StatusCode.ShouldBe(302, await signedIn.ReadAsTextAsync());
        var cookie = signedIn.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0])
            .SingleOrDefault(c => c.StartsWith("htxfund.auth=", StringComparison.Ordinal)).ShouldNotBeNull("the login's cookie");
        var me = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Cookie", cookie);
            s.Get.Url("/api/me");
            s.StatusCodeShouldBe(200);
        });
        (await me.ReadAsTextAsync()).ShouldContain(UserName(FundA, Roles.CreditOfficer));
        // the page post and the login it sent took one permit together: the address has none left
        (await Login(UserName(FundA, Roles.CreditOfficer), Password, address)).Context.Response.StatusCode.ShouldBe(429);
    }

    [Fact]
    public async Task a_refused_page_sign_in_shows_the_api_refusal_and_sets_no_cookie()
    {
        var page = PageSession.Anonymous(Host, NextClientAddress());
        await page.OpenAsync(SignInPage);

        var refused = await page.SubmitAsync(SignInPage, Credentials(UserName(FundA, Roles.CreditOfficer), "sai-mat-khau-1"));

        refused.Context.Response.StatusCode.ShouldBe(200);
        PageSession.ProblemCodeShown(await refused.ReadAsTextAsync()).ShouldBe("auth.invalid_credentials");
        refused.Context.Response.Headers.SetCookie.ShouldNotContain(c => c!.StartsWith("htxfund.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task signing_out_on_the_page_revokes_the_session_its_cookie_carries_and_removes_the_cookie()
    {
        var address = NextClientAddress();
        var page = await PageSession.SignInAsync(Host, UserName(FundA, Roles.CreditOfficer), Password, address);
        await page.OpenAsync("/tin-dung"); // every page carries the sign-out form

        var signedOut = await page.SubmitAsync("/dang-xuat", new Dictionary<string, string?>());

        signedOut.Context.Response.StatusCode.ShouldBe(302);
        signedOut.Context.Response.Headers.Location.ToString().ShouldBe("/dang-nhap");
        signedOut.Context.Response.Headers.SetCookie.ShouldContain(c => c!.StartsWith("htxfund.auth=;", StringComparison.Ordinal));
        await Host.Scenario(s =>
        {
            s.WithRequestHeader("Cookie", page.AuthCookie);
            s.Get.Url("/api/me");
            s.StatusCodeShouldBe(401);
        });
    }
}
