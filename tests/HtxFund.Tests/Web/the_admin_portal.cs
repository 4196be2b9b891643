using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class the_admin_portal(BrowserFixture fixture) : BrowserContext(fixture)
{
    private static string Admin(string fund) => IntegrationContext.UserName(fund, Roles.Admin);

    [Fact]
    public async Task the_admin_main_page_fits_a_phone_and_is_captured_at_both_widths()
    {
        await SignIn(Admin(IntegrationContext.FundA));
        Page.Url.ShouldEndWith("/quan-tri");
        await Expect(Page.GetByTestId("user-count")).Not.ToHaveTextAsync("0");
        var shots = await Screenshots("admin-main");
        File.Exists(shots.Desktop).ShouldBeTrue();
        File.Exists(shots.Phone).ShouldBeTrue();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        (await FitsViewportWidth()).ShouldBeTrue();
    }

    [Fact]
    public async Task an_admin_creates_a_user_with_roles_and_a_refused_one_shows_the_error_next_to_the_field()
    {
        await SignIn(Admin(IntegrationContext.FundB));
        await Page.GotoAsync("/quan-tri/nguoi-dung");
        var userName = $"ketoan.{Guid.NewGuid():N}"[..20];

        await Page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await Page.GetByLabel("Họ và tên").FillAsync("Trần Văn Bình");
        await Page.GetByLabel("Mật khẩu ban đầu").FillAsync("ngan");
        await Page.GetByLabel("Kế toán", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Password']")).ToContainTextAsync("Mật khẩu phải có ít nhất 10 ký tự");

        await Page.GetByLabel("Mật khẩu ban đầu").FillAsync("Mat-khau-2026-moi");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Đã tạo tài khoản {userName}.");
        var row = Page.GetByTestId("users").Locator("tr", new() { HasText = userName });
        await Expect(row).ToContainTextAsync("Kế toán");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Khóa {userName}" }).ClickAsync();
        await Expect(Page.GetByTestId("users").Locator("tr", new() { HasText = userName })).ToContainTextAsync("Đã khóa");
    }

    [Fact]
    public async Task an_admin_adopts_a_new_policy_version_and_the_history_shows_who_changed_what()
    {
        await SignIn(Admin(IntegrationContext.FundB));
        await Page.GotoAsync("/quan-tri/chinh-sach");
        var before = int.Parse(await Page.GetByTestId("policy-version").InnerTextAsync());

        await Page.GetByLabel("Giới hạn cho vay một khách hàng (%)").FillAsync("16");
        await Page.GetByLabel("Lý do thay đổi").FillAsync("Thử vượt giới hạn");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Thông qua" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.SingleBorrowerLimitPercent']")).ToContainTextAsync("không vượt quá 15 %");
        await Expect(Page.GetByTestId("policy-version")).ToHaveTextAsync(before.ToString());

        await Page.GetByLabel("Giới hạn cho vay một khách hàng (%)").FillAsync("12,5");
        await Page.GetByLabel("Lý do thay đổi").FillAsync("Nghị quyết Hội đồng quản lý số 12/NQ-HĐQL");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Thông qua" }).ClickAsync();
        await Expect(Page.GetByTestId("policy-version")).ToHaveTextAsync((before + 1).ToString());
        var history = Page.GetByTestId("policy-history");
        await Expect(history).ToContainTextAsync(Admin(IntegrationContext.FundB));
        await Expect(history).ToContainTextAsync("Nghị quyết Hội đồng quản lý số 12/NQ-HĐQL");
        await Expect(history).ToContainTextAsync("Giới hạn cho vay một khách hàng: 15 % → 12.5 %");
    }
}
