using HtxFund.Identity;
using HtxFund.Identity.Passwords;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Identity.Passwords;

public sealed class resetting_a_forgotten_password(AppFixture fixture) : AccountsContext(fixture)
{
    private const string Requests = "/api/auth/password-resets";
    private const string Confirm = "/api/auth/password-resets/confirm";

    private async Task<string> EmailedToken(Person person, string? asked = null)
    {
        (await Anonymous(Requests, new { userNameOrEmail = asked ?? person.UserName })).Context.Response.StatusCode.ShouldBe(202);
        return TokenIn(await MailTo(person.Email));
    }

    [Fact]
    public async Task a_user_sets_a_new_password_with_the_emailed_link_and_every_sign_in_ends()
    {
        var person = await UserWithEmail();
        var signedIn = await BearerToken(person.UserName, InitialPassword);

        var token = await EmailedToken(person);
        var confirmed = await Anonymous(Confirm, new { token, newPassword = NewPassword });

        confirmed.Context.Response.StatusCode.ShouldBe(204, await confirmed.ReadAsTextAsync());
        (await Get("/api/me", signedIn)).Context.Response.StatusCode.ShouldBe(401);
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(401);
        (await Login(person.UserName, NewPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task the_email_address_also_finds_the_account_and_the_link_lasts_thirty_minutes()
    {
        var person = await UserWithEmail();

        (await Anonymous(Requests, new { userNameOrEmail = person.Email.ToUpperInvariant() })).Context.Response.StatusCode.ShouldBe(202);
        var message = await MailTo(person.Email);

        message.Subject.ShouldBe($"Đặt mật khẩu mới cho tài khoản {person.UserName}");
        var reset = (await ResetsOf(person.Id)).ShouldHaveSingleItem();
        (reset.ExpiresAt - reset.RequestedAt).ShouldBe(Duration.FromMinutes(30));
        message.TextBody!.ShouldContain("dùng được một lần");
    }

    [Fact]
    public async Task only_the_hash_of_the_token_is_stored()
    {
        var person = await UserWithEmail();
        var token = await EmailedToken(person);

        var reset = (await ResetsOf(person.Id)).ShouldHaveSingleItem();
        reset.TokenHash.ShouldBe(PasswordReset.HashOf(token));
        reset.TokenHash!.ShouldNotContain(token);
        reset.SentTo.ShouldBe(person.Email);
    }

    [Fact]
    public async Task an_unknown_name_gets_the_same_answer_and_nothing_is_stored()
    {
        var person = await UserWithEmail();
        var known = await Anonymous(Requests, new { userNameOrEmail = person.UserName });
        var unknown = await Anonymous(Requests, new { userNameOrEmail = "khong.ai.ten.nay" });

        unknown.Context.Response.StatusCode.ShouldBe(202);
        (await unknown.ReadAsTextAsync()).ShouldBe(await known.ReadAsTextAsync());
        await using var query = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(query.Query<PasswordReset>())).ShouldBe(1);
    }

    [Fact]
    public async Task a_disabled_user_gets_no_link()
    {
        var person = await UserWithEmail();
        (await PostWithoutBody($"/api/users/{person.Id}/disable", await TokenFor(Roles.Admin))).Context.Response.StatusCode.ShouldBe(200);

        (await Anonymous(Requests, new { userNameOrEmail = person.UserName })).Context.Response.StatusCode.ShouldBe(202);

        (await ResetsOf(person.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_link_works_once()
    {
        var person = await UserWithEmail();
        var token = await EmailedToken(person);
        (await Anonymous(Confirm, new { token, newPassword = NewPassword })).Context.Response.StatusCode.ShouldBe(204);

        var again = await Anonymous(Confirm, new { token, newPassword = NewPassword + " nữa" });

        await again.ShouldBeRefusal(400, "password_reset.used");
        (await Login(person.UserName, NewPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_link_older_than_thirty_minutes_is_refused_and_the_password_stays()
    {
        var person = await UserWithEmail();
        var token = await EmailedToken(person);
        Clock.Advance(Duration.FromMinutes(30));

        var late = await Anonymous(Confirm, new { token, newPassword = NewPassword });

        await late.ShouldBeRefusal(400, "password_reset.expired");
        (await late.ReadAsTextAsync()).ShouldContain("đã hết hạn");
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_forged_token_is_refused()
    {
        var refused = await Anonymous(Confirm, new { token = PasswordReset.NewToken().Token, newPassword = NewPassword });
        await refused.ShouldBeRefusal(400, "password_reset.invalid");
    }

    [Fact]
    public async Task a_weak_new_password_is_refused_and_the_link_still_works()
    {
        var person = await UserWithEmail();
        var token = await EmailedToken(person);

        var weak = await Anonymous(Confirm, new { token, newPassword = $"{person.UserName} mới" });
        await weak.ShouldBeRefusal(400, "password.contains_user_name");
        (await ResetsOf(person.Id)).Single().UsedAt.ShouldBeNull();

        (await Anonymous(Confirm, new { token, newPassword = NewPassword })).Context.Response.StatusCode.ShouldBe(204);
    }

    [Fact]
    public async Task a_new_link_and_using_it_ends_the_older_links()
    {
        var person = await UserWithEmail();
        var first = await EmailedToken(person);
        Fixture.Smtp.Clear();
        var second = await EmailedToken(person);

        (await Anonymous(Confirm, new { token = second, newPassword = NewPassword })).Context.Response.StatusCode.ShouldBe(204);

        await (await Anonymous(Confirm, new { token = first, newPassword = NewPassword + " nữa" })).ShouldBeRefusal(400, "password_reset.used");
    }

    [Fact]
    public async Task requests_from_one_address_are_limited_to_ten_an_hour()
    {
        var address = NextClientAddress();
        for (var i = 0; i < 10; i++)
            (await Anonymous(Requests, new { userNameOrEmail = $"ai.do.{i}" }, address)).Context.Response.StatusCode.ShouldBe(202);

        var eleventh = await Anonymous(Requests, new { userNameOrEmail = "ai.do.11" }, address);

        await eleventh.ShouldBeRefusal(429, "auth.too_many_password_resets");
        (await Anonymous(Requests, new { userNameOrEmail = "ai.do.12" })).Context.Response.StatusCode.ShouldBe(202); // another address
    }

    [Fact]
    public async Task an_empty_request_is_refused() =>
        await (await Anonymous(Requests, new { userNameOrEmail = " " })).ShouldBeRefusal(400, "user_name_or_email.required");
}
