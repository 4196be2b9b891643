using System.Net.Http.Json;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class signing_in_to_the_portals(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task a_cooperative_user_signs_in_and_lands_on_its_portal_in_vietnamese()
    {
        var (_, user) = await CooperativeWithUser("Hợp tác xã Dịch vụ Nông nghiệp Hòa Thắng");
        await SignIn(user);
        Page.Url.ShouldEndWith("/htx");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Hợp tác xã Dịch vụ Nông nghiệp Hòa Thắng");
        (await Page.GetByRole(AriaRole.Navigation).InnerTextAsync()).ShouldContain("Hồ sơ vay");
        (await Page.GetByRole(AriaRole.Navigation).InnerTextAsync()).ShouldNotContain("Quản trị");
    }

    [Fact]
    public async Task a_wrong_password_shows_the_vietnamese_refusal_and_signs_nobody_in()
    {
        await Page.GotoAsync("/dang-nhap");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Admin));
        await Page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        (await Page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Tên đăng nhập hoặc mật khẩu không đúng.");
        (await Context.CookiesAsync()).ShouldNotContain(c => c.Name == "htxfund.auth");
    }

    [Fact]
    public async Task an_empty_form_shows_each_error_next_to_its_field()
    {
        await Page.GotoAsync("/dang-nhap");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        (await Page.Locator("[data-valmsg-for='Input.UserName']").InnerTextAsync()).ShouldBe("Vui lòng nhập tên đăng nhập.");
        (await Page.Locator("[data-valmsg-for='Input.Password']").InnerTextAsync()).ShouldBe("Vui lòng nhập mật khẩu.");
    }

    [Fact]
    public async Task signing_out_ends_the_session_and_pages_ask_for_a_sign_in_again()
    {
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Admin));
        Page.Url.ShouldEndWith("/quan-tri");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Page.WaitForURLAsync("**/dang-nhap");
        await Page.GotoAsync("/quan-tri");
        Page.Url.ShouldContain("/dang-nhap?ReturnUrl=%2Fquan-tri");
    }

    [Fact]
    public async Task a_cooperative_user_opening_the_admin_portal_sees_the_403_page()
    {
        var (_, user) = await CooperativeWithUser();
        await SignIn(user);
        var response = await Page.GotoAsync("/quan-tri");
        response!.Status.ShouldBe(403);
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Không có quyền");
    }

    [Fact]
    public async Task the_pages_render_in_english_on_request_until_vietnamese_is_chosen_again()
    {
        await Page.GotoAsync("/dang-nhap?culture=en");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Sign in");
        (await Page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        await Page.GotoAsync("/dang-nhap"); // the choice is remembered
        (await Page.GetByLabel("User name").CountAsync()).ShouldBe(1);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Tiếng Việt" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Đăng nhập");
    }

    [Fact]
    public async Task after_a_lockout_the_next_sign_in_shows_a_vietnamese_security_notice_once()
    {
        var user = await TestUsers.CreateStaffUserAsync(Fixture.Services, $"daklak.khoa{Guid.NewGuid():N}"[..24], [Roles.CreditOfficer]);
        for (var i = 0; i < 5; i++) // someone at another address guesses the password
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { userName = user, password = $"doan-mat-khau-{i}" }),
            };
            attempt.Headers.Add("X-Forwarded-For", "203.0.113.9");
            ((int)(await Api.SendAsync(attempt)).StatusCode).ShouldBe(401);
        }

        await SignIn(user);

        var notice = Page.GetByTestId("security-notices");
        await Expect(notice).ToContainTextAsync("Cảnh báo bảo mật: tài khoản của bạn đã bị tạm khóa đăng nhập kể từ lần đăng nhập trước");
        await Expect(notice).ToContainTextAsync($"sau 5 lần đăng nhập sai từ địa chỉ 203.0.113.9, tài khoản {user} bị tạm khóa đăng nhập từ địa chỉ này");
        await Expect(notice).ToContainTextAsync("hãy báo ngay cho quản trị viên của quỹ");
        (await notice.GetAttributeAsync("role")).ShouldBe("alert");
        await Screenshots("sign-in-security-notice");

        await Page.ReloadAsync(); // told once
        await Expect(Page.Locator("h1").First).ToBeVisibleAsync();
        (await Page.GetByTestId("security-notices").CountAsync()).ShouldBe(0);
    }
}
