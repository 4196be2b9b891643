using System.Text.RegularExpressions;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

/// <summary>/ke-toan/ky-ke-toan and /ke-toan/doi-chieu: the chief accountant books October's accrual from the page and closes October after a
/// confirmation, the Director reopens it with a reason, a reader reconciles the books at a date typed dd/MM/yyyy. Fund B (its
/// books untouched by the other browser tests).</summary>
public sealed class closing_the_books_and_reconciling_from_the_pages(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const string Fund = IntegrationContext.FundB;

    [Fact]
    public async Task the_chief_accountant_closes_a_month_after_confirming_and_the_director_reopens_it_with_a_reason()
    {
        await SignIn(IntegrationContext.UserName(Fund, Roles.ChiefAccountant));
        await Page.GotoAsync("/ke-toan/ky-ke-toan");
        var october = Page.Locator("#periods tbody tr").Filter(new() { HasText = "10/2026" });
        await Expect(october).ToContainTextAsync("Đang mở");
        await Expect(october).ToContainTextAsync("Chưa ghi sổ");
        await Expect(october.GetByRole(AriaRole.Link, new() { Name = "Khoá sổ tháng 10/2026" })).ToHaveCountAsync(0); // accrual first
        await october.GetByRole(AriaRole.Button, new() { Name = "Ghi sổ lãi dự thu tháng 10/2026" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi sổ lãi dự thu tháng 10/2026: 0 khoản vay.");
        await Expect(october).ToContainTextAsync("Đã ghi sổ");
        await october.GetByRole(AriaRole.Link, new() { Name = "Khoá sổ tháng 10/2026" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Khoá sổ tháng 10/2026?" })).ToBeVisibleAsync();
        await Screenshots("accounting-periods-confirm");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận khoá sổ" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã khoá sổ tháng 10/2026");
        await Expect(october).ToContainTextAsync("Đã khoá sổ");
        await Expect(october).ToContainTextAsync($"Khoá sổ: {IntegrationContext.UserName(Fund, Roles.ChiefAccountant)}");
        await Expect(Page.Locator("#closed-through")).ToContainTextAsync("10/2026");
        await Expect(october.GetByRole(AriaRole.Link, new() { Name = "Mở lại sổ" })).ToHaveCountAsync(0); // the Director's
        // the trial balance is archived in the background once the journal has posted the close: its files and their SHA-256
        await Waiting.Eventually(async () =>
        {
            await Page.ReloadAsync();
            return await october.GetByRole(AriaRole.Link, new() { Name = "PDF" }).IsVisibleAsync();
        }, "October's archived trial balance is listed", TimeSpan.FromSeconds(30));
        await Expect(october.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new Regex("^/api/reports/.+/files/csv$"));
        await Expect(october).ToContainTextAsync("SHA-256");
        (await FitsViewportWidth()).ShouldBeTrue();
        await Screenshots("accounting-periods");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await SignIn(IntegrationContext.UserName(Fund, Roles.Director));
        await Page.GotoAsync("/ke-toan/ky-ke-toan");
        await Expect(october.GetByRole(AriaRole.Link, new() { Name = "Khoá sổ tháng 10/2026" })).ToHaveCountAsync(0); // the chief accountant's
        await october.GetByRole(AriaRole.Link, new() { Name = "Mở lại sổ" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mở lại sổ kế toán tháng 10/2026" })).ToBeVisibleAsync();
        await Page.GetByLabel("Lý do mở lại sổ").FillAsync("Bổ sung chứng từ thu nợ theo yêu cầu của kiểm toán");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mở lại sổ" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã mở lại sổ tháng 10/2026");
        await Expect(october).ToContainTextAsync("Đang mở");
        await Expect(october).ToContainTextAsync(
            $"Mở lại: {IntegrationContext.UserName(Fund, Roles.Director)}");
        await Expect(october).ToContainTextAsync("Bổ sung chứng từ thu nợ theo yêu cầu của kiểm toán");
    }

    [Fact]
    public async Task a_reader_reconciles_the_books_at_a_date_typed_day_first()
    {
        await SignIn(IntegrationContext.UserName(Fund, Roles.Accountant));
        await Page.GotoAsync("/ke-toan/doi-chieu");
        await Page.GetByLabel("Ngày đối chiếu (dd/MM/yyyy)").FillAsync("31/13/2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đối chiếu", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ngày đối chiếu phải có dạng dd/MM/yyyy.");

        await Page.GetByLabel("Ngày đối chiếu (dd/MM/yyyy)").FillAsync("15/10/2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đối chiếu", Exact = true }).ClickAsync();
        await Expect(Page.GetByText("Số dư sổ kế toán cuối ngày 15/10/2026")).ToBeVisibleAsync();
        var cash = Page.Locator("#reconciliation tbody tr").Filter(new() { HasText = "Tiền gửi ngân hàng" });
        await Expect(cash).ToContainTextAsync("1121");
        await Expect(Page.Locator("#reconciliation tbody tr")).ToHaveCountAsync(4); // not a month end: no interest rows
        await Expect(Page.Locator("#reconciliation-outcome")).ToContainTextAsync("Sổ kế toán khớp với số liệu vốn.");
        (await FitsViewportWidth()).ShouldBeTrue();
        await Screenshots("accounting-reconciliation");
    }
}
