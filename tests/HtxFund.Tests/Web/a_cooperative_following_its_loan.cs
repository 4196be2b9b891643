using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class a_cooperative_following_its_loan(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const string Today = DisbursementDay;

    [Fact]
    public async Task the_loan_page_shows_the_schedule_next_payment_and_documents_and_the_balance_drops_after_a_repayment()
    {
        var (id, user) = await DisbursedLoan();
        await SignIn(user);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Khoản vay" }).ClickAsync();
        await Expect(Page.GetByTestId("loans").Locator("tbody tr")).ToHaveCountAsync(1);
        await Page.GetByTestId("loans").GetByRole(AriaRole.Link).ClickAsync();

        await Expect(Page.GetByTestId("outstanding")).ToHaveTextAsync("400.000.000 ₫");
        await Expect(Page.GetByTestId("next-due")).ToHaveTextAsync("22/12/2026");
        await Expect(Page.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(36);
        await Expect(Page.GetByTestId("schedule").Locator("tbody tr").First).ToContainTextAsync("Chưa đến hạn");
        var contract = await Page.APIRequest.GetAsync(await Page.GetByRole(AriaRole.Link, new() { Name = "Hợp đồng tín dụng (PDF)" }).GetAttributeAsync("href") ?? "");
        contract.Status.ShouldBe(200);
        contract.Headers["content-type"].ShouldBe("application/pdf");
        var decision = await Page.APIRequest.GetAsync(await Page.GetByRole(AriaRole.Link, new() { Name = "Quyết định cho vay (PDF)" }).GetAttributeAsync("href") ?? "");
        decision.Status.ShouldBe(200);
        await Screenshots("cooperative-loan");

        await PostApi($"/api/loans/{id}/repayments", new
        {
            version = await CurrentLoanVersion(id, await TokenFor(Roles.Accountant)), amount = 100_000_000L, valueDate = Today, channel = "BankTransfer",
            bankReference = $"FT{Guid.NewGuid():N}"[..16],
        }, await TokenFor(Roles.Accountant));
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("outstanding")).ToHaveTextAsync("300.000.000 ₫");
        // The page shows the schedule the engine will bill, not the contract's: the 100.000.000 ₫ prepayment shortened
        // the term (its last instalments are gone) and the next payment is billed on the lower balance.
        var position = (await GetJson($"/api/loans/{id}", await TokenForUser(user))).GetProperty("position");
        var schedule = position.GetProperty("schedule").EnumerateArray().ToArray();
        schedule.Length.ShouldBeLessThan(36);
        schedule.Sum(r => r.GetProperty("principalUnpaid").GetInt64()).ShouldBe(300_000_000);
        await Expect(Page.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(schedule.Length);
        await Expect(Page.GetByTestId("next-due-amount")).ToHaveTextAsync(
            HtxFund.Lending.Money.Of(position.GetProperty("nextDueAmount").GetInt64()).ToDisplayString());
        await Page.GotoAsync("/htx/khoan-vay");
        await Expect(Page.GetByTestId("loans").GetByTestId("outstanding")).ToHaveTextAsync("300.000.000 ₫");
    }
}
