using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

/// <summary>The accounting pages in the browser: from /ke-toan to the borrower's sub-ledger, the journal filtered by that
/// borrower with its totals and files, an account's ledger, the trial balance; a mistyped date; the phone width; English.
/// The browser tests share one app whose data accumulates, so figures are read for this test's own borrower (a loan of
/// 400.000.000 ₫ disbursed on 22/11/2026) and the fund-wide pages are checked for what holds whatever else is in them.</summary>
public sealed class reading_the_books_in_the_accounting_pages(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task the_chief_accountant_reads_a_borrowers_ledger_the_journal_the_ledger_and_the_trial_balance()
    {
        var name = $"Hợp tác xã Dịch vụ Nông nghiệp Hòa Thắng {Random.Shared.Next(1000, 9999)}";
        var (loanId, _) = await DisbursedLoanOf(name);
        var contract = $"HĐ-N{loanId[^7..]}";
        await Fixture.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));

        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.ChiefAccountant));
        await Page.GotoAsync("/ke-toan");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sổ chi tiết cho vay theo đối tượng" }).ClickAsync();
        await Page.GetByLabel("Từ ngày").FillAsync("01/11/2026");
        await Page.GetByLabel("Đến ngày").FillAsync("30/11/2026");
        await Page.GetByLabel("Người vay").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xem sổ" }).ClickAsync();
        await Expect(Page.GetByTestId("borrower")).ToHaveTextAsync(name);
        var loans = Page.GetByTestId("account-1283");
        await Expect(loans.GetByTestId("opening")).ToHaveTextAsync("0 ₫");
        await Expect(loans.GetByTestId("closing")).ToHaveTextAsync("Nợ 400.000.000 ₫");
        await Expect(Page.GetByTestId("account-13881").GetByTestId("closing")).ToHaveTextAsync("0 ₫");
        (await FitsViewportWidthAt390()).ShouldBeTrue("the tables scroll inside their box at 390 px");
        await Screenshots("accounting-borrower-ledger");

        // the journal of this borrower: the disbursement's two lines, totals of the filtered set, files of the same filter
        await Page.GotoAsync("/ke-toan/nhat-ky-chung?tu-ngay=01/11/2026&den-ngay=30/11/2026");
        await Page.GetByLabel("Đối tượng").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(Page.GetByTestId("total-lines")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("total-debit")).ToHaveTextAsync("400.000.000 ₫");
        await Expect(Page.GetByTestId("total-credit")).ToHaveTextAsync("400.000.000 ₫");
        await Expect(Page.GetByTestId("line").First).ToContainTextAsync("22/11/2026");
        await Expect(Page.GetByTestId("journal")).ToContainTextAsync(contract);
        var csvLink = await Page.GetByRole(AriaRole.Link, new() { Name = "Tải CSV" }).GetAttributeAsync("href");
        csvLink.ShouldStartWith("/api/accounting/journal?from=2026-11-01&to=2026-11-30&objectId=");
        var csv = await Page.APIRequest.GetAsync(csvLink!);
        csv.Status.ShouldBe(200, "the API answers the signed-in person's cookie");
        var bytes = await csv.BodyAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
        (await Page.APIRequest.GetAsync("/api/accounting/exports/misa?from=2026-11-01&to=2026-11-30")).Status.ShouldBe(200);
        await Screenshots("accounting-journal");

        // the ledger of 1283 lists the disbursement; a mistyped date is refused next to the form
        await Page.GotoAsync("/ke-toan/so-cai");
        await Page.GetByLabel("Tài khoản").SelectOptionAsync("1283");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xem sổ" }).ClickAsync();
        await Expect(Page.GetByTestId("account")).ToHaveTextAsync("1283 - Cho vay");
        await Expect(Page.GetByTestId("ledger")).ToContainTextAsync(name);
        await Page.GetByLabel("Từ ngày").FillAsync("31/02/2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xem sổ" }).ClickAsync();
        await Expect(Page.Locator(".validation-summary-errors")).ToContainTextAsync("Ngày bắt đầu phải có dạng dd/MM/yyyy");

        // the trial balance of the month balances; in English on request
        await Page.GotoAsync("/ke-toan/can-doi-phat-sinh?tu-ngay=01/11/2026&den-ngay=30/11/2026");
        await Expect(Page.GetByTestId("balanced")).ToHaveTextAsync("Tổng số dư và số phát sinh bên Nợ bằng bên Có.");
        await Expect(Page.GetByTestId("row-1283")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Tải PDF" })).ToHaveAttributeAsync("href",
            "/api/accounting/trial-balance?from=2026-11-01&to=2026-11-30&format=pdf");
        (await FitsViewportWidthAt390()).ShouldBeTrue();
        await Screenshots("accounting-trial-balance");
        await Page.GotoAsync("/ke-toan/can-doi-phat-sinh?culture=en");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Trial balance", Level = 1 })).ToBeVisibleAsync();
        await Page.GotoAsync("/ke-toan?culture=vi-VN");
    }

    [Fact]
    public async Task a_credit_officer_has_no_accounting_link_and_is_refused_the_pages()
    {
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.CreditOfficer));
        await Expect(Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Sổ sách kế toán" })).ToHaveCountAsync(0);
        var response = await Page.GotoAsync("/ke-toan/nhat-ky-chung");
        response!.Status.ShouldBe(403);
    }

    private async Task<bool> FitsViewportWidthAt390()
    {
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        try { return await FitsViewportWidth(); }
        finally { await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height); }
    }
}
