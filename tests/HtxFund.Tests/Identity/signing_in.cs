using System.Net;
using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.Tests.Identity;

public sealed class signing_in(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_user_signs_in_with_a_bearer_token_and_sees_their_fund_and_roles()
    {
        var login = await Login(UserName(FundA, Roles.CreditOfficer), Password);

        login.Context.Response.StatusCode.ShouldBe(200);
        var json = await login.ReadJson();
        json.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        var token = json.GetProperty("accessToken").GetString()!;

        var me = await (await Get("/api/me", token)).Read<MeResponse>();
        me.UserName.ShouldBe("daklak.creditofficer");
        me.FundId.ShouldBe(FundA);
        me.FundName.ShouldBe("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");
        me.Roles.ShouldBe([Roles.CreditOfficer]);
        me.RoleNames.ShouldBe(["Cán bộ tín dụng"]);
    }

    [Fact]
    public async Task user_names_are_not_case_sensitive()
    {
        (await Login("DAKLAK.Admin", Password)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_wrong_password_and_an_unknown_user_get_the_same_refusal()
    {
        var wrong = await Login(UserName(FundA, Roles.Admin), "sai-mat-khau-1");
        var unknown = await Login("nobody.here", "sai-mat-khau-1");

        foreach (var result in new[] { wrong, unknown })
        {
            result.Context.Response.StatusCode.ShouldBe(401);
            var json = await result.ReadJson();
            json.GetProperty("code").GetString().ShouldBe("auth.invalid_credentials");
            json.GetProperty("detail").GetString().ShouldBe("Tên đăng nhập hoặc mật khẩu không đúng.");
        }
    }

    [Fact]
    public async Task missing_credentials_are_a_validation_problem()
    {
        var result = await Post("/api/auth/login", new { userName = "" }, null);
        result.Context.Response.StatusCode.ShouldBe(400);
        var body = await result.ReadAsTextAsync();
        body.ShouldContain("auth.user_name_required");
        body.ShouldContain("auth.password_required");
    }

    [Fact]
    public async Task five_failures_from_one_address_lock_the_account_there_for_fifteen_minutes_and_a_repeat_lock_for_thirty()
    {
        var user = UserName(FundA, Roles.Accountant);
        var address = NextClientAddress();
        for (var i = 0; i < 5; i++) (await Login(user, "sai-mat-khau-1", address)).Context.Response.StatusCode.ShouldBe(401);

        var locked = await Login(user, Password, address);
        locked.Context.Response.StatusCode.ShouldBe(401);
        (await locked.ProblemCode()).ShouldBe("auth.invalid_credentials");

        Clock.Advance(Duration.FromMinutes(14));
        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(401);

        Clock.Advance(Duration.FromMinutes(1));
        for (var i = 0; i < 5; i++) (await Login(user, "sai-mat-khau-1", address)).Context.Response.StatusCode.ShouldBe(401);
        Clock.Advance(Duration.FromMinutes(29));
        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(401); // the second lock lasts 30 minutes

        Clock.Advance(Duration.FromMinutes(1));
        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_successful_login_resets_the_failure_count_of_its_address()
    {
        var user = UserName(FundA, Roles.Director);
        var address = NextClientAddress();
        for (var i = 0; i < 4; i++) await Login(user, "sai-mat-khau-1", address);
        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(200);
        for (var i = 0; i < 4; i++) await Login(user, "sai-mat-khau-1", address);

        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task failures_older_than_the_window_are_forgotten()
    {
        var user = UserName(FundA, Roles.Director);
        var address = NextClientAddress();
        for (var i = 0; i < 4; i++) await Login(user, "sai-mat-khau-1", address);
        Clock.Advance(Duration.FromMinutes(60));
        for (var i = 0; i < 4; i++) await Login(user, "sai-mat-khau-1", address);

        (await Login(user, Password, address)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task sign_in_attempts_from_one_address_are_rate_limited_with_a_vietnamese_answer_and_retry_after()
    {
        var permits = Host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginPermitsPerMinute;
        var address = NextClientAddress();
        for (var i = 0; i < permits; i++) (await Login($"nobody{i}", "x", address)).Context.Response.StatusCode.ShouldBe(401);

        var limited = await Login(UserName(FundA, Roles.Admin), Password, address);

        limited.Context.Response.StatusCode.ShouldBe(429);
        limited.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = await limited.ReadJson();
        problem.GetProperty("code").GetString().ShouldBe("auth.too_many_attempts");
        problem.GetProperty("title").GetString().ShouldBe("Quá nhiều lần đăng nhập");
        var retryAfter = int.Parse(limited.Context.Response.Headers.RetryAfter.ToString());
        retryAfter.ShouldBeInRange(1, 60);
        problem.GetProperty("detail").GetString().ShouldBe(
            $"Có quá nhiều lần đăng nhập từ địa chỉ của bạn trong một phút. Vui lòng đợi {retryAfter} giây rồi thử lại.");
        (await Login(UserName(FundA, Roles.Admin), Password, NextClientAddress())).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task logout_ends_the_session_so_the_token_stops_working()
    {
        var token = await TokenFor(Roles.Director);
        (await Get("/api/me", token)).Context.Response.StatusCode.ShouldBe(200);

        (await PostWithoutBody("/api/auth/logout", token)).Context.Response.StatusCode.ShouldBe(204);

        var after = await Get("/api/me", token);
        after.Context.Response.StatusCode.ShouldBe(401);
        (await after.ProblemCode()).ShouldBe("unauthenticated");
    }

    [Fact]
    public async Task a_session_expires_after_its_lifetime()
    {
        var token = await TokenFor(Roles.Director);
        Clock.Advance(Duration.FromHours(8));
        (await Get("/api/me", token)).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task a_cookie_sign_in_works_for_reads_and_needs_the_antiforgery_token_for_writes()
    {
        var login = await Login(UserName(FundA, Roles.Admin), Password, useCookies: true);
        login.Context.Response.StatusCode.ShouldBe(200, await login.ReadAsTextAsync());
        var cookie = login.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        cookie.ShouldStartWith("htxfund.auth=");

        var me = await Host.Scenario(s => { s.WithRequestHeader("Cookie", cookie); s.Get.Url("/api/me"); });
        (await me.Read<MeResponse>()).UserName.ShouldBe("daklak.admin");

        var withoutToken = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Cookie", cookie);
            s.Post.Url("/api/auth/logout");
            s.IgnoreStatusCode();
        });
        withoutToken.Context.Response.StatusCode.ShouldBe(400);
        (await withoutToken.ProblemCode()).ShouldBe("antiforgery.invalid");

        var tokens = await Host.Scenario(s => { s.WithRequestHeader("Cookie", cookie); s.Get.Url("/api/auth/antiforgery"); });
        var antiforgery = await tokens.Read<AntiforgeryTokenResponse>();
        var antiforgeryCookie = tokens.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        var withToken = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Cookie", $"{cookie}; {antiforgeryCookie}");
            s.WithRequestHeader(antiforgery.HeaderName, antiforgery.Token);
            s.Post.Url("/api/auth/logout");
            s.StatusCodeShouldBe(204);
        });
        withToken.Context.Response.StatusCode.ShouldBe(204);
    }

    [Fact]
    public async Task an_api_request_without_a_login_gets_401_not_a_redirect()
    {
        var result = await Get("/api/me", null);
        result.Context.Response.StatusCode.ShouldBe(401);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var json = await result.ReadJson();
        json.GetProperty("title").GetString().ShouldBe("Chưa đăng nhập");
    }

    [Fact]
    public async Task a_forged_bearer_token_is_refused()
    {
        (await Get("/api/me", "not-a-real-token")).Context.Response.StatusCode.ShouldBe(401);
    }
}
