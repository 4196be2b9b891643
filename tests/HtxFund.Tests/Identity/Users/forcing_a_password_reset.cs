using HtxFund.Identity;
using HtxFund.Identity.Users;
using HtxFund.Tests.Identity.Passwords;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Identity.Users;

public sealed class forcing_a_password_reset(AppFixture fixture) : AccountsContext(fixture)
{
    private static string ForceUrl(Guid id) => $"/api/users/{id}/password-reset";

    [Fact]
    public async Task the_user_is_signed_out_and_cannot_sign_in_until_a_new_password_is_set_through_the_emailed_link()
    {
        var person = await UserWithEmail();
        var signedIn = await BearerToken(person.UserName, InitialPassword);

        var forced = await PostWithoutBody(ForceUrl(person.Id), await TokenFor(Roles.Admin));

        forced.Context.Response.StatusCode.ShouldBe(200, await forced.ReadAsTextAsync());
        (await forced.Read<UserView>()).MustChangePassword.ShouldBeTrue();
        (await Get("/api/me", signedIn)).Context.Response.StatusCode.ShouldBe(401);
        var refused = await Login(person.UserName, InitialPassword);
        await refused.ShouldBeRefusal(403, "auth.password_change_required");
        (await Login(person.UserName, "khong-dung-mat-khau")).Context.Response.StatusCode.ShouldBe(401); // a wrong one says nothing more

        var mail = await MailTo(person.Email);
        mail.TextBody!.ShouldContain("Quản trị viên của quỹ yêu cầu");
        var confirmed = await Anonymous("/api/auth/password-resets/confirm", new { token = TokenIn(mail), newPassword = NewPassword });
        confirmed.Context.Response.StatusCode.ShouldBe(204, await confirmed.ReadAsTextAsync());

        (await Login(person.UserName, NewPassword)).Context.Response.StatusCode.ShouldBe(200);
        var users = await (await Get("/api/users", await TokenFor(Roles.Admin))).Read<List<UserView>>();
        users.Single(u => u.Id == person.Id).MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task a_user_of_another_fund_is_not_found()
    {
        var other = await UserWithEmail(fund: FundB);
        var result = await PostWithoutBody(ForceUrl(other.Id), await TokenFor(Roles.Admin));
        await result.ShouldBeRefusal(404, "user.not_found");
        (await Login(other.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData(Roles.Director)]
    [InlineData(Roles.ChiefAccountant)]
    public async Task only_admins_force_a_reset(string role)
    {
        var person = await UserWithEmail();
        (await PostWithoutBody(ForceUrl(person.Id), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task an_admin_cannot_force_their_own_reset()
    {
        var admin = await TokenFor(Roles.Admin);
        var me = await (await Get("/api/me", admin)).Read<HtxFund.Identity.SigningIn.MeResponse>();
        await (await PostWithoutBody(ForceUrl(me.UserId), admin)).ShouldBeRefusal(409, "user.cannot_reset_self");
    }

    [Fact]
    public async Task a_user_without_an_email_address_is_refused_and_stays_signed_in()
    {
        var accountant = await TokenFor(Roles.Accountant);
        var me = await (await Get("/api/me", accountant)).Read<HtxFund.Identity.SigningIn.MeResponse>();

        var result = await PostWithoutBody(ForceUrl(me.UserId), await TokenFor(Roles.Admin));

        await result.ShouldBeRefusal(409, "user.no_email");
        (await Get("/api/me", accountant)).Context.Response.StatusCode.ShouldBe(200);
        (await ResetsOf(me.UserId)).ShouldBeEmpty();
    }
}
