using System.Text.RegularExpressions;
using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using NodaTime;

namespace HtxFund.Tests.Web;

/// <summary>
/// A credit officer requests an interest waiver and a restructuring from the credit portal's loan page, each previewed
/// by the server first; a Risk Council member approves the waiver (within the council's tier) and sees the restructuring
/// is above it; the Director approves the restructuring; the decision letters appear on the loan pages. The loan: the
/// fixture's 400.000.000 ₫ at 6 %, paid out on 22/11/2026, first instalment (22/12/2026) unpaid; on 01/01/2027 it owes
/// 1.972.603 ₫ overdue interest, 5.404 ₫ on late interest and 657.534 ₫ accrued (2.635.541 ₫ of interest, payoff
/// 402.635.541 ₫); waiving 1.000.000 ₫ leaves a payoff of 401.635.541 ₫.
/// </summary>
public sealed class restructuring_and_waiving_from_the_pages(BrowserFixture fixture) : BrowserContext(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Context.SetDefaultTimeout(45_000);
    }

    private async Task As(string role)
    {
        await Context.ClearCookiesAsync();
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, role));
    }

    private ILocator Ok => Page.Locator(".alert-ok");

    [Fact]
    public async Task an_officer_requests_with_a_preview_and_the_deciders_of_each_tier_approve_and_the_letters_follow()
    {
        var (id, coopUser) = await DisbursedLoanOf($"Hợp tác xã Nông nghiệp Ea Kar {Random.Shared.Next(1000, 9999)}");
        var schedule = (await GetJson($"/api/loans/{id}", await TokenFor(Roles.CreditOfficer))).GetProperty("contract").GetProperty("schedule")
            .EnumerateArray().Select(r => r.GetProperty("dueDate").GetString()!).ToArray();
        Fixture.Clock.Reset(Instant.FromUtc(2027, 1, 1, 3, 0));
        try
        {
            await As(Roles.CreditOfficer);
            await Page.GotoAsync($"/tin-dung/khoan-vay/{id}");
            await Expect(Page.Locator("#payoff")).ToHaveTextAsync("402.635.541 ₫");

            // the waiver, previewed then requested
            await Page.GetByLabel("Số tiền lãi miễn, giảm (đồng)").FillAsync("1.000.000");
            await Page.GetByLabel("Lý do miễn, giảm lãi").FillAsync("Hợp tác xã mất mùa do hạn hán, không có khả năng trả lãi.");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Xem trước số tiền phải trả" }).ClickAsync();
            await Expect(Page.Locator("#interest-owed")).ToContainTextAsync("2.635.541 ₫");
            await Expect(Page.GetByTestId("waiver-preview").GetByTestId("payoff-after")).ToHaveTextAsync("401.635.541 ₫");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đề nghị miễn, giảm lãi" }).ClickAsync();
            await Expect(Ok).ToContainTextAsync("Đã gửi đề nghị miễn, giảm lãi");
            await Expect(Page.Locator("#waivers")).ToContainTextAsync("Chờ phê duyệt");

            // the restructuring: all 400.000.000 ₫ onto two instalments within the term, previewed then requested
            await Page.Locator("input[name='Restructuring.Plan[0].DueDate']").FillAsync(schedule[11]);
            await Page.Locator("input[name='Restructuring.Plan[0].Principal']").FillAsync("100.000.000");
            await Page.Locator("input[name='Restructuring.Plan[1].DueDate']").FillAsync(schedule[^1]);
            await Page.Locator("input[name='Restructuring.Plan[1].Principal']").FillAsync("300.000.000");
            await Page.GetByLabel("Lý do cơ cấu lại").FillAsync("Mất mùa cà phê do hạn hán; khả năng trả nợ theo kế hoạch mới.");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Xem trước lịch trả nợ mới" }).ClickAsync();
            var preview = Page.GetByTestId("restructuring-preview");
            await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(preview).ToContainTextAsync("400.000.000 ₫");
            await Expect(preview.Locator("tbody tr").Last).ToContainTextAsync("300.000.000 ₫");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi đề nghị cơ cấu lại" }).ClickAsync();
            await Expect(Ok).ToContainTextAsync("Đã gửi đề nghị cơ cấu lại");
            await Screenshots("credit-loan-requests");

            // the Risk Council decides the waiver; the 400.000.000 ₫ restructuring is the Director's
            await As(Roles.RiskCouncil);
            await Page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Cơ cấu nợ, miễn giảm lãi" }).ClickAsync();
            await Expect(Page.GetByTestId("pending-restructuring")).ToHaveCountAsync(0);
            await Expect(Page.Locator("#above-authority")).ToContainTextAsync("1");
            var waiver = Page.GetByTestId("pending-waiver");
            await Expect(waiver.GetByTestId("payoff-after")).ToHaveTextAsync("401.635.541 ₫");
            await waiver.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
            await Expect(Ok).ToContainTextAsync("Đã phê duyệt miễn, giảm lãi");
            await Expect(Page.Locator("#nothing-pending")).ToBeVisibleAsync();

            await As(Roles.Director);
            await Page.GotoAsync("/rui-ro/co-cau-no");
            var restructuring = Page.GetByTestId("pending-restructuring");
            await Expect(restructuring.Locator("tbody tr")).ToHaveCountAsync(2);
            await restructuring.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt" }).ClickAsync();
            await Expect(Ok).ToContainTextAsync("Đã phê duyệt cơ cấu lại");
            await Screenshots("risk-restructuring");

            // the loan page shows both approved with their letters, the loan in group 3 (interest waived: the borrower cannot pay)
            await Page.GotoAsync($"/tin-dung/khoan-vay/{id}");
            await Expect(Page.Locator("#interest-waived")).ToHaveTextAsync("1.000.000 ₫");
            await Expect(Page.Locator("#debt-group")).ToContainTextAsync("3");
            await Expect(Page.Locator("#schedule tbody tr")).ToHaveCountAsync(2);
            var letter = Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"Quyết định số \d+.QĐ-CCN \(PDF\)") });
            await Waiting(async () => await letter.CountAsync() == 2);
            var pdf = await Page.APIRequest.GetAsync((await letter.First.GetAttributeAsync("href"))!);
            pdf.Status.ShouldBe(200);
            pdf.Headers["content-type"].ShouldBe("application/pdf");

            await Context.ClearCookiesAsync();
            await SignIn(coopUser);
            await Page.GotoAsync($"/htx/khoan-vay/{id}");
            await Expect(Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Quyết định cơ cấu lại nợ số .*QĐ-CCN") })).ToHaveCountAsync(1);
            await Expect(Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Quyết định miễn, giảm lãi số .*QĐ-CCN") })).ToHaveCountAsync(1);
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }

    /// <summary>Reloads the page until <paramref name="condition"/> holds: the letters are issued just after the approvals.</summary>
    private async Task Waiting(Func<Task<bool>> condition) =>
        await Support.Waiting.Eventually(async () =>
        {
            if (await condition()) return true;
            await Page.ReloadAsync();
            return false;
        }, "the decision letters are issued", TimeSpan.FromSeconds(60));
}
