using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web.Accounting;

/// <summary>The chart of accounts page (/ke-toan/he-thong-tai-khoan): the books' readers see the setup in force and its
/// versions; the chief accountant edits it through the API's command, with the rules' errors next to the fields.
/// (Fund B, so the other browser tests' books keep the defaults.)</summary>
public sealed class keeping_the_chart_of_accounts_from_the_pages(BrowserFixture fixture) : BrowserContext(fixture)
{
    private static readonly string Chief = IntegrationContext.UserName(IntegrationContext.FundB, Roles.ChiefAccountant);
    private static readonly string Accountant = IntegrationContext.UserName(IntegrationContext.FundB, Roles.Accountant);

    [Fact]
    public async Task the_chief_accountant_adds_an_account_after_a_refused_number_and_the_new_version_is_shown_with_its_history()
    {
        await SignIn(Chief);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Hệ thống tài khoản" }).ClickAsync();
        await Expect(Page.GetByTestId("setup-version")).ToContainTextAsync("Phiên bản đang áp dụng:");
        var version = int.Parse((await Page.GetByTestId("versions").Locator("tbody tr").First.Locator("td").First.InnerTextAsync()).Trim());
        var accounts = await Page.GetByTestId("chart").Locator("tbody tr").CountAsync();
        await Expect(Page.GetByTestId("mapping").Locator("tbody tr")).ToHaveCountAsync(Enum.GetValues<HtxFund.Lending.Accounting.PostingKind>().Length);
        await Expect(Page.GetByTestId("chart").Locator("tr", new() { HasText = "1283" })).ToContainTextAsync("Cho vay");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Sửa hệ thống tài khoản" }).ClickAsync();
        var row = accounts + 1; // the first blank row
        await Page.GetByLabel($"Số hiệu tài khoản dòng {row}", new() { Exact = true }).FillAsync("515a");
        await Page.GetByLabel($"Tên tài khoản dòng {row}", new() { Exact = true }).FillAsync("Doanh thu lãi cho vay thành viên hợp tác xã");
        await Page.GetByLabel($"Loại tài khoản dòng {row}", new() { Exact = true }).SelectOptionAsync("Income");
        await Page.GetByLabel("Lý do thay đổi").FillAsync("Theo dõi riêng doanh thu lãi cho vay thành viên.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng phiên bản mới" }).ClickAsync();
        await Expect(Page.Locator($"[data-valmsg-for='Input.Chart[{accounts}].Number']")).ToContainTextAsync("3 đến 10 chữ số");

        // the debit of a kind moved to an off-balance account: refused at that field
        var disbursement = Page.GetByLabel("Tài khoản Nợ: Giải ngân cho vay", new() { Exact = true });
        await Page.GetByLabel($"Số hiệu tài khoản dòng {row}", new() { Exact = true }).FillAsync("51511");
        await disbursement.FillAsync("0041");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng phiên bản mới" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Mapping[12].Debit']")).ToContainTextAsync("tài khoản ngoài bảng 0041");

        await disbursement.FillAsync("1283");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng phiên bản mới" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã áp dụng phiên bản mới của hệ thống tài khoản.");
        await Expect(Page.GetByTestId("setup-version")).ToContainTextAsync($"Phiên bản đang áp dụng: {version + 1}");
        await Expect(Page.GetByTestId("chart").Locator("tr", new() { HasText = "51511" })).ToContainTextAsync("Doanh thu lãi cho vay thành viên hợp tác xã");
        await Expect(Page.GetByTestId("versions").Locator("tbody tr").First).ToContainTextAsync("Theo dõi riêng doanh thu lãi cho vay thành viên.");
        await Screenshots("accounting-setup");
    }

    [Fact]
    public async Task an_accountant_reads_the_chart_but_is_not_offered_the_edit_form()
    {
        await SignIn(Accountant);
        await Page.GotoAsync("/ke-toan/he-thong-tai-khoan");
        await Expect(Page.GetByTestId("chart")).ToContainTextAsync("1121");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sửa hệ thống tài khoản" })).ToHaveCountAsync(0);
        var response = await Page.GotoAsync("/ke-toan/he-thong-tai-khoan/sua");
        response!.Status.ShouldBe(403);
    }
}
