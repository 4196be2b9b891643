using HtxFund.Identity;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Identity.Passwords;

public sealed class changing_a_password(AppFixture fixture) : AccountsContext(fixture)
{
    private object Change(string current, string next) => new { currentPassword = current, newPassword = next };

    [Fact]
    public async Task a_user_changes_their_password_and_only_this_sign_in_goes_on()
    {
        var person = await UserWithEmail();
        var here = await BearerToken(person.UserName, InitialPassword);
        var elsewhere = await BearerToken(person.UserName, InitialPassword);

        var changed = await Post("/api/me/password", Change(InitialPassword, NewPassword), here);

        changed.Context.Response.StatusCode.ShouldBe(204, await changed.ReadAsTextAsync());
        (await Get("/api/me", here)).Context.Response.StatusCode.ShouldBe(200);
        (await Get("/api/me", elsewhere)).Context.Response.StatusCode.ShouldBe(401);
        (await LiveSessionsOf(person.Id)).Count.ShouldBe(1);
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(401);
        (await Login(person.UserName, NewPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_wrong_current_password_is_refused_and_nothing_changes()
    {
        var person = await UserWithEmail();
        var here = await BearerToken(person.UserName, InitialPassword);
        var elsewhere = await BearerToken(person.UserName, InitialPassword);

        var refused = await Post("/api/me/password", Change("khong-phai-mat-khau-nay", NewPassword), here);

        await refused.ShouldBeRefusal(400, "password.current_wrong");
        (await refused.ReadAsTextAsync()).ShouldContain("Mật khẩu hiện tại không đúng.");
        (await Get("/api/me", elsewhere)).Context.Response.StatusCode.ShouldBe(200);
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData("ngan-qua", "password.too_short", "ít nhất 15 ký tự")]
    [InlineData("1qaz2wsx3edc4rfv", "password.common", "mật khẩu phổ biến")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz", "password.repetitive", "một ký tự lặp lại")]
    public async Task a_weak_new_password_is_refused_with_its_reason(string weak, string code, string message)
    {
        var person = await UserWithEmail();
        var here = await BearerToken(person.UserName, InitialPassword);

        var refused = await Post("/api/me/password", Change(InitialPassword, weak), here);

        await refused.ShouldBeRefusal(400, code);
        (await refused.ReadAsTextAsync()).ShouldContain(message);
        (await Login(person.UserName, InitialPassword)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_new_password_containing_the_user_name_is_refused()
    {
        var person = await UserWithEmail();
        var refused = await Post("/api/me/password", Change(InitialPassword, $"{person.UserName}-mua-xuan"),
            await BearerToken(person.UserName, InitialPassword));
        await refused.ShouldBeRefusal(400, "password.contains_user_name");
    }

    [Fact]
    public async Task nobody_signed_out_changes_a_password() =>
        (await Post("/api/me/password", Change(Password, NewPassword), null)).Context.Response.StatusCode.ShouldBe(401);
}
