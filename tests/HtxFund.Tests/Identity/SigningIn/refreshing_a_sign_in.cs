using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Identity.Passwords;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Identity.SigningIn;

/// <summary>POST /api/auth/refresh rotates a bearer sign-in: a new session and tokens, the old session ended; a refresh
/// token is refused when reused, after logout, after a password change and when the user is disabled.</summary>
public sealed class refreshing_a_sign_in(AppFixture fixture) : AccountsContext(fixture)
{
    private sealed record Tokens(string Access, string Refresh);

    private static Tokens Of(JsonElement json) => new(json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);

    private async Task<Tokens> SignIn(string userName, string password)
    {
        var result = await Login(userName, password);
        result.Context.Response.StatusCode.ShouldBe(200);
        return Of(await result.ReadJson());
    }

    private Task<Alba.IScenarioResult> Refresh(string refreshToken) => Anonymous("/api/auth/refresh", new { refreshToken });

    [Fact]
    public async Task a_refresh_gives_new_tokens_for_a_new_session_and_ends_the_old_one()
    {
        var person = await UserWithEmail();
        var first = await SignIn(person.UserName, InitialPassword);

        var refreshed = await Refresh(first.Refresh);

        refreshed.Context.Response.StatusCode.ShouldBe(200, await refreshed.ReadAsTextAsync());
        var json = await refreshed.ReadJson();
        json.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        var second = Of(json);
        second.Refresh.ShouldNotBe(first.Refresh);
        (await Get("/api/me", second.Access)).Context.Response.StatusCode.ShouldBe(200);
        (await Get("/api/me", first.Access)).Context.Response.StatusCode.ShouldBe(401);
        (await LiveSessionsOf(person.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_refresh_token_used_twice_is_refused_the_second_time()
    {
        var person = await UserWithEmail();
        var first = await SignIn(person.UserName, InitialPassword);
        (await Refresh(first.Refresh)).Context.Response.StatusCode.ShouldBe(200);

        var reused = await Refresh(first.Refresh);

        await reused.ShouldBeRefusal(401, "auth.refresh_token_used");
        (await reused.ReadAsTextAsync()).ShouldContain("chỉ dùng được một lần");
        (await LiveSessionsOf(person.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task after_logout_the_refresh_token_is_refused()
    {
        var person = await UserWithEmail();
        var tokens = await SignIn(person.UserName, InitialPassword);
        (await PostWithoutBody("/api/auth/logout", tokens.Access)).Context.Response.StatusCode.ShouldBe(204);

        await (await Refresh(tokens.Refresh)).ShouldBeRefusal(401, "auth.session_ended");
        (await LiveSessionsOf(person.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_disabled_users_refresh_token_is_refused()
    {
        var person = await UserWithEmail();
        var tokens = await SignIn(person.UserName, InitialPassword);
        (await PostWithoutBody($"/api/users/{person.Id}/disable", await TokenFor(Roles.Admin))).Context.Response.StatusCode.ShouldBe(200);

        var refused = await Refresh(tokens.Refresh);

        await refused.ShouldBeRefusal(401, "auth.account_disabled");
        (await refused.ReadAsTextAsync()).ShouldContain("đã bị khóa");
    }

    [Fact]
    public async Task a_password_change_ends_the_refresh_tokens_of_the_other_sign_ins()
    {
        var person = await UserWithEmail();
        var here = await SignIn(person.UserName, InitialPassword);
        var elsewhere = await SignIn(person.UserName, InitialPassword);
        (await Post("/api/me/password", new { currentPassword = InitialPassword, newPassword = NewPassword }, here.Access))
            .Context.Response.StatusCode.ShouldBe(204);

        await (await Refresh(elsewhere.Refresh)).ShouldBeRefusal(401, "auth.session_ended");
        (await Refresh(here.Refresh)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_forged_or_access_token_is_not_a_refresh_token()
    {
        var tokens = await SignIn(UserName(FundA, Roles.Director), Password);

        await (await Refresh("khong-phai-ma-lam-moi")).ShouldBeRefusal(401, "auth.refresh_token_invalid");
        await (await Refresh(tokens.Access)).ShouldBeRefusal(401, "auth.refresh_token_invalid");
        await (await Anonymous("/api/auth/refresh", new { refreshToken = "" })).ShouldBeRefusal(400, "refresh_token.required");
    }
}
