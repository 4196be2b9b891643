using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Identity.Passwords;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

/// <summary>Issue 21, accounts: a person who forgot their password gets a link by email and sets a new one on the
/// phone; an administrator disables a user and the user's open browser is refused at once.</summary>
public sealed class resetting_a_forgotten_password_in_the_browser(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const string InitialPassword = IntegrationContext.Password + "-ban-dau";

    /// <summary>A new staff user of fund A with an email address, created through the admin API.</summary>
    private async Task<(Guid Id, string UserName, string Email)> NewUser()
    {
        var userName = $"daklak.bt{Guid.NewGuid():N}"[..24];
        var email = $"{userName}@quy-htx.test";
        var created = await PostApi("/api/users",
            new { userName, displayName = "Lê Văn Tâm", email, password = InitialPassword, roles = new[] { Roles.Accountant } },
            await TokenFor(Roles.Admin));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, userName, email);
    }

    [Fact]
    public async Task a_user_resets_a_forgotten_password_through_the_emailed_link_on_a_phone()
    {
        var (_, userName, email) = await NewUser();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.GotoAsync("/dang-nhap");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Quên mật khẩu?" }).ClickAsync();

        await Page.GetByLabel("Tên đăng nhập hoặc thư điện tử").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi liên kết" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("chúng tôi đã gửi");

        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => m.To.Mailboxes.Any(b => b.Address == email))),
            $"the link reaches {email}");
        var mail = Fixture.Smtp.Messages().Single(m => m.To.Mailboxes.Any(b => b.Address == email));
        var link = new Uri(Fixture.BaseUrl, $"/dat-lai-mat-khau?token={AccountsContext.TokenIn(mail)}");
        await Page.GotoAsync(link.PathAndQuery);

        (await FitsViewportWidth()).ShouldBeTrue();

        await Page.GetByLabel("Mật khẩu mới").FillAsync($"{userName} mùa xuân");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.NewPassword']")).ToContainTextAsync("Mật khẩu không được chứa tên đăng nhập.");

        await Page.GetByLabel("Mật khẩu mới").FillAsync(AccountsContext.NewPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu mới" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap$"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đặt mật khẩu mới.");

        await SignIn(userName, AccountsContext.NewPassword);
        Page.Url.ShouldNotContain("/dang-nhap");
        var oldPassword = await Api.PostAsJsonAsync("/api/auth/login", new { userName, password = InitialPassword });
        ((int)oldPassword.StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task a_disabled_users_open_browser_is_refused_at_once()
    {
        var (id, userName, _) = await NewUser();
        await SignIn(userName, InitialPassword);
        await Page.GotoAsync("/tai-khoan/mat-khau");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đổi mật khẩu" })).ToBeVisibleAsync();
        (await Page.EvaluateAsync<int>("async () => (await fetch('/api/me')).status")).ShouldBe(200);

        using (var disable = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{id}/disable")) // a command without a body
        {
            disable.Headers.Authorization = new("Bearer", await TokenFor(Roles.Admin));
            (await Api.SendAsync(disable)).EnsureSuccessStatusCode();
        }

        (await Page.EvaluateAsync<int>("async () => (await fetch('/api/me')).status")).ShouldBe(401);
        await Page.ReloadAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dang-nhap"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
    }
}
