using System.Net.Http.Json;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using NodaTime;

namespace HtxFund.Tests.Web;

/// <summary>The risk flow in the browser: the Risk Handling Council proposes the use of provisions for a group-5 loan, the
/// Chairman (who lands on the risk portal) decides with the approval document and gets the decision PDF, the Accountant
/// records a recovery from the finance loan page.</summary>
public sealed class handling_a_loan_through_the_risk_portal(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task the_council_proposes_the_chairman_decides_and_the_accountant_records_a_recovery()
    {
        var name = $"Hợp tác xã Cà phê Cư Kuin {Random.Shared.Next(1000, 9999)}";
        var (loanId, _) = await DisbursedLoanOf(name); // never repaid: 190 days past due at 30/06/2027, group 5
        var contract = $"HĐ-N{loanId[^7..]}";
        Fixture.Clock.Reset(Instant.FromUtc(2027, 7, 1, 3, 0));
        try
        {
            // a sign-in of now: the cached tokens were issued seven months before the clock moved
            var login = await Api.PostAsJsonAsync("/api/auth/login",
                new { userName = IntegrationContext.UserName(IntegrationContext.FundA, Roles.ChiefAccountant), password = IntegrationContext.Password });
            login.EnsureSuccessStatusCode();
            var chief = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
            await PostApi("/api/classification-runs", new { month = "2027-06" }, chief);

            // the council's review lists the loan with its provision; the council proposes from the loan's page
            await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.RiskCouncil));
            await Page.GotoAsync("/rui-ro/xu-ly-rui-ro");
            var row = Page.Locator("#group5 tbody tr").Filter(new() { HasText = contract });
            await Expect(row).ToContainTextAsync("400.000.000 ₫");
            await Expect(row).ToContainTextAsync("190");
            await Expect(row).ToContainTextAsync("Không có"); // no collateral pledged
            await row.GetByRole(AriaRole.Link, new() { Name = contract }).ClickAsync();
            await Page.GetByLabel("Lý do đề xuất").FillAsync("Người vay không trả nợ từ tháng 12/2026, nợ nhóm 5.");
            await Page.GetByLabel("Các biện pháp thu hồi nợ đã thực hiện").FillAsync("Đã gửi thông báo nợ quá hạn và làm việc trực tiếp với HTX.");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đề xuất" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã gửi đề xuất xử lý rủi ro");
            await Expect(Page.GetByTestId("proposal-state")).ToHaveTextAsync("Chờ quyết định");
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Quyết định xử lý rủi ro" })).ToHaveCountAsync(0); // not the council's to decide
            await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

            // the Chairman lands on the risk portal, opens the pending proposal and decides with the approval document
            await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Chairman));
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rui-ro$"));
            await Page.Locator("#pending").GetByRole(AriaRole.Link, new() { Name = contract }).ClickAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Quyết định xử lý rủi ro" }).ClickAsync(); // no document number
            await Expect(Page.Locator(".field-error").Filter(new() { HasText = "số văn bản chấp thuận" })).ToBeVisibleAsync();
            await Page.GetByLabel("Số văn bản chấp thuận").FillAsync("125/LMHTX-TCKT");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Quyết định xử lý rủi ro" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã quyết định xử lý rủi ro");
            await Expect(Page.GetByTestId("proposal-state")).ToHaveTextAsync("Đã quyết định");
            await Expect(Page.GetByTestId("provisions-used")).ToHaveTextAsync("400.000.000 ₫");
            await Expect(Page.GetByTestId("off-balance-since")).ToHaveTextAsync("01/07/2027");
            var letter = Page.GetByTestId("decision-letter");
            await Waiting.Eventually(async () =>
            {
                await Page.ReloadAsync();
                return await letter.IsVisibleAsync();
            }, "the decision PDF is issued", TimeSpan.FromSeconds(30));
            var pdf = await Page.APIRequest.GetAsync((await letter.GetAttributeAsync("href"))!);
            pdf.Status.ShouldBe(200);
            System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]).ShouldBe("%PDF-");
            (await FitsViewportWidth()).ShouldBeTrue();
            await Screenshots("risk-decision");
            await Page.GotoAsync("/rui-ro");
            await Expect(Page.GetByTestId("principal-off-balance")).Not.ToHaveTextAsync("0 ₫");
            await Screenshots("risk-portal");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

            // the Accountant records a recovery from the sale of the collateral on the finance loan page
            await SignIn(LoanScenarios.Accountant);
            await Page.GotoAsync($"/tai-chinh/khoan-vay/{loanId}");
            await Expect(Page.GetByTestId("off-balance")).ToBeVisibleAsync();
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu nợ" })).ToHaveCountAsync(0);
            await Page.GetByLabel("Số tiền thu hồi (đồng)").FillAsync("150.000.000");
            await Page.GetByLabel("Số chứng từ thu hồi").FillAsync($"TH-{loanId[^7..]}");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận thu hồi nợ" }).ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi nhận thu hồi nợ đã xử lý rủi ro 150.000.000 ₫");
            await Expect(Page.GetByTestId("recovered")).ToHaveTextAsync("150.000.000 ₫");
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }
}
