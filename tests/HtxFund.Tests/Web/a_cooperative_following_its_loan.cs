using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web;

public sealed class a_cooperative_following_its_loan(BrowserFixture fixture) : BrowserContext(fixture)
{
    private const string Today = "2026-11-22";

    private async Task<JsonElement> GetJson(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<long> ApplicationVersion(string id, string token) =>
        (await GetJson($"/api/applications/{id}", token)).GetProperty("application").GetProperty("version").GetInt64();

    private async Task<long> LoanVersion(string id, string token) =>
        (await GetJson($"/api/loans/{id}", token)).GetProperty("version").GetInt64();

    /// <summary>A 400.000.000 ₫ loan (the Director's tier) approved, contracted and disbursed today, through the API.</summary>
    private async Task<(string LoanId, string User)> DisbursedLoan()
    {
        await PostApi("/api/capital/contributions", new
        {
            amount = 20_000_000_000L, source = "Ngân sách tỉnh", decisionNumber = "1543/QĐ-UBND", decisionDate = "2026-01-10", valueDate = "2026-01-15",
        }, await TokenFor(Roles.ChiefAccountant));
        var (_, user) = await CooperativeWithUser();
        var coop = await TokenForUser(user);
        var officer = await TokenFor(Roles.CreditOfficer);
        var draft = await PostApi("/api/applications", new { request = ApplicationContext.Request(amount: 400_000_000) }, coop);
        var id = draft.Headers.Location!.ToString().Split('/').Last();
        await PostApi($"/api/applications/{id}/submit", new { version = await ApplicationVersion(id, coop) }, coop);
        var appraisal = JsonSerializer.SerializeToNode(ApplicationContext.Appraisal(400_000_000))!.AsObject();
        appraisal["version"] = await ApplicationVersion(id, officer);
        await PostApi($"/api/applications/{id}/appraisal", appraisal, officer);
        await PostApi($"/api/applications/{id}/decision", new
        {
            version = await ApplicationVersion(id, officer), approve = true,
            terms = new { amount = 400_000_000L, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = Today },
        }, await TokenFor(Roles.Director));
        await LetterIssued(id, officer);
        await PostApi($"/api/loans/{id}/contract", new
        {
            version = await LoanVersion(id, officer), contractNumber = $"HĐ-{id[..8]}", signedOn = Today, startDate = Today,
        }, officer);
        await PostApi($"/api/loans/{id}/credit-checks", new
        {
            version = await LoanVersion(id, officer), result = "NoBadDebt", source = "Báo cáo CIC số 1234/CIC", checkedOn = Today, note = "",
        }, officer);
        var accountant = await TokenFor(Roles.Accountant);
        var tranche = await PostApi($"/api/loans/{id}/tranches", new
        {
            version = await LoanVersion(id, accountant), amount = 400_000_000L, valueDate = Today, beneficiaryAccount = "0101234567890",
            bankName = "Ngân hàng Nông nghiệp và Phát triển nông thôn - CN Đắk Lắk", reference = "Giải ngân lần 1",
        }, accountant);
        var trancheId = (await tranche.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trancheId").GetString();
        await PostApi($"/api/loans/{id}/tranches/{trancheId}/confirmation", new { }, await TokenFor(Roles.ChiefAccountant));
        return (id, user);
    }

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
            version = await LoanVersion(id, await TokenFor(Roles.Accountant)), amount = 100_000_000L, valueDate = Today, channel = "BankTransfer",
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
