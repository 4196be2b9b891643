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
        await Expect(Page.Locator("[data-valmsg-for='Input.Password']")).ToContainTextAsync("Mật khẩu phải có ít nhất 15 ký tự");

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

    [Fact]
    public async Task an_admin_records_a_holiday_announcement_on_the_calendar_page_and_withdraws_it()
    {
        await SignIn(Admin(IntegrationContext.FundB));
        await Page.GotoAsync("/quan-tri/chinh-sach/lich-ngay-lam-viec?nam=2030");
        var before = int.Parse(await Page.GetByTestId("calendar-version").InnerTextAsync());
        // 2030 comes from the rules: lunar new year is Saturday 02/02/2030 (Vietnam; China's is 03/02)
        await Expect(Page.GetByTestId("days-off").Locator("tr", new() { HasText = "02/02/2030" })).ToContainTextAsync("Tết Âm lịch");

        await Page.GetByLabel("Năm của thông báo").FillAsync("2030");
        await Page.GetByLabel("Ngày nghỉ khác", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Tên ngày nghỉ (chỉ cho ngày nghỉ khác)").FillAsync("Ngày nghỉ thử");
        await Page.GetByLabel("Các ngày nghỉ (dd/MM/yyyy").FillAsync("31/06/2030");
        await Page.GetByLabel("Văn bản công bố (cơ quan, số, ngày)").FillAsync("Thông báo thử số 1/TB");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.DaysOff']")).ToContainTextAsync("không phải một ngày");
        await Expect(Page.GetByTestId("calendar-version")).ToHaveTextAsync(before.ToString());

        await Page.GetByLabel("Các ngày nghỉ (dd/MM/yyyy").FillAsync("03/06/2030 – 04/06/2030");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi nhận thông báo");
        await Expect(Page.GetByTestId("calendar-version")).ToHaveTextAsync((before + 1).ToString());
        await Expect(Page.GetByTestId("days-off").Locator("tr", new() { HasText = "04/06/2030" })).ToContainTextAsync("Theo thông báo");
        await Expect(Page.GetByTestId("calendar-history")).ToContainTextAsync(Admin(IntegrationContext.FundB));
        await Expect(Page.GetByTestId("calendar-history")).ToContainTextAsync("Thông báo thử số 1/TB");
        await Screenshots("admin-calendar");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        (await FitsViewportWidth()).ShouldBeTrue();
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        var announcement = Page.GetByTestId("announcements").Locator("li", new() { HasText = "Ngày nghỉ thử" });
        await announcement.GetByLabel("Lý do rút thông báo").FillAsync("Nhập thử");
        await announcement.GetByRole(AriaRole.Button, new() { Name = "Rút thông báo" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã rút thông báo");
        await Expect(Page.GetByTestId("calendar-version")).ToHaveTextAsync((before + 2).ToString());
        await Expect(Page.GetByTestId("days-off")).Not.ToContainTextAsync("04/06/2030");
    }
}
