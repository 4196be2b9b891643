using System.Text;
using HtxFund.Identity;
using HtxFund.Lending.Rating;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Reports.Rating;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Reports.Activity;

/// <summary>
/// Non-accrual and off-balance interest (Circular 52/2022/TT-BTC Art 5.2, 5.4) through the loan view, the activity
/// report, the fund rating and the capital-adequacy report. One loan of 365,000,000 ₫ at 6 %/year (60,000 ₫ a day), paid
/// out on 22/11/2026, interest only for six months; nothing is paid on 22/12/2026 (1,800,000 ₫ = 30 days × 60,000).
/// On 31/12/2026 it is 9 days late, group 1: the interest is income. On 01/01/2027 it is 10 days late, group 2: the
/// receivable leaves the balance sheet. 2,000,000 ₫ is paid on 01/03/2027, all of it interest.
/// Interest on late interest: 10 %/year (the policy's default) on 1,800,000 ₫.
/// </summary>
public sealed class recognising_interest_on_and_off_the_balance_sheet(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    /// <summary>31/12/2026: 1,800,000 overdue + 9 days × 60,000 accrued + 1,800,000 × 10 % × 9 / 365 = 4,438.36 late interest.</summary>
    private const long OnBalanceAtEndOf2026 = 1_800_000 + 540_000 + 4_438;

    /// <summary>01/01/2027: 1,800,000 + 10 days × 60,000 + 1,800,000 × 10 % × 10 / 365 = 4,931.51.</summary>
    private const long OffBalanceOnNewYearsDay = 1_800_000 + 600_000 + 4_932;

    private async Task<Guid> LoanThatFallsToGroup2()
    {
        var id = await SignedLoan(365_000_000, "7/2026/HĐTD-ngoai-bang");
        await Disbursed(id, 365_000_000);
        AdvanceTo(new LocalDate(2027, 3, 1));
        await Ok(Repay(id, 2_000_000, "2027-03-01"));
        AdvanceTo(new LocalDate(2027, 7, 1));
        return id;
    }

    private async Task<ActivityFigures> Archived(string period)
    {
        var generated = await PostWithoutBody($"/api/activity-reports/{period}", await TokenFor(Roles.ChiefAccountant));
        generated.Context.Response.StatusCode.ShouldBe(200, await generated.ReadAsTextAsync());
        var summary = await generated.Read<ReportSummary>();
        return System.Text.Json.JsonSerializer.Deserialize<LendingActivityReport>(await Download(summary.Id, "json"), TestJson.Options)!.Figures;
    }

    [Fact]
    public async Task the_loan_view_splits_the_interest_receivable_by_the_group_it_is_in()
    {
        var id = await LoanThatFallsToGroup2();

        var standard = (await Position(id, "2026-12-31")).Interest!;
        (standard.DebtGroup, standard.OffBalanceReason).ShouldBe((1, "None"));
        (standard.ContractualReceivable, standard.PenaltyReceivable).ShouldBe((2_340_000L, 4_438L));
        (standard.OnBalance, standard.OffBalance).ShouldBe((OnBalanceAtEndOf2026, 0L));

        var fallen = (await Position(id, "2027-01-01")).Interest!;
        (fallen.DebtGroup, fallen.OffBalanceReason).ShouldBe((2, "NotStandard"));
        (fallen.OnBalance, fallen.OffBalance).ShouldBe((0L, OffBalanceOnNewYearsDay));

        // the finance page, as of today (01/07/2027), shows the same split
        var today = (await Position(id)).Interest!;
        today.OffBalance.ShouldBeGreaterThan(10_000_000);
        var page = await Get($"/tai-chinh/khoan-vay/{id}", await TokenFor(Roles.Accountant));
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = System.Net.WebUtility.HtmlDecode(await page.ReadAsTextAsync());
        html.ShouldContain("Lãi dự thu (nội bảng)");
        html.ShouldContain("Lãi chưa thu theo dõi ngoại bảng");
        html.ShouldContain($"<dd id=\"interest-on-balance\">{HtxFund.Web.Display.Money(0)}</dd>");
        html.ShouldContain($"<dd id=\"interest-off-balance\">{HtxFund.Web.Display.Money(today.OffBalance)}");
        html.ShouldContain("nợ nhóm 4: không dự thu, chỉ ghi thu nhập khi thu được tiền"); // 191 days past due on 01/07/2027
    }

    [Fact]
    public async Task interest_accrued_in_group_1_is_income_reversed_at_the_fall_and_only_cash_is_income_after_it()
    {
        var id = await LoanThatFallsToGroup2();

        // 2026: the loan is in group 1 at the cut-off; its interest, unpaid, is income
        var year2026 = await Archived("2026");
        year2026.InterestCollected.ShouldBe(0);
        year2026.Interest.ShouldBe(new InterestIncomeFigures(CashReceived: 0, Accrued: OnBalanceAtEndOf2026, Reversed: 0, RecognisedOnCash: 0,
            Income: OnBalanceAtEndOf2026, OnBalanceAtStart: 0, OnBalanceAtCutOff: OnBalanceAtEndOf2026, OffBalanceAtCutOff: 0));
        year2026.FinancialResult.ShouldBe(OnBalanceAtEndOf2026); // no provision booked

        // first half of 2027: the fall on 01/01 takes 2026's income back; six months of interest (over 11,000,000) never
        // reach income; the 2,000,000 paid on 01/03 is income when received
        var half = await Archived("2027-H1");
        half.InterestCollected.ShouldBe(2_000_000);
        half.Interest.ShouldBe(new InterestIncomeFigures(CashReceived: 2_000_000, Accrued: 0, Reversed: OnBalanceAtEndOf2026,
            RecognisedOnCash: 2_000_000, Income: 2_000_000 - OnBalanceAtEndOf2026, OnBalanceAtStart: OnBalanceAtEndOf2026, OnBalanceAtCutOff: 0,
            OffBalanceAtCutOff: (await Position(id, "2027-06-30")).Interest!.OffBalance));
        half.Interest.OffBalanceAtCutOff.ShouldBeGreaterThan(11_000_000);
        half.FinancialResult.ShouldBe(-344_438);

        // the two periods together recognise exactly the cash received: what was accrued was all reversed
        (year2026.Interest.Income + half.Interest.Income).ShouldBe(2_000_000);

        var summary = (await Reports()).Single(r => r.Period == "2027-H1");
        var csv = Encoding.UTF8.GetString(await Download(summary.Id, "csv"));
        csv.ShouldContain("Thu nhập lãi (dồn tích);Thoái thu lãi dự thu (nợ chuyển khỏi nhóm 1);;2344438;");
        csv.ShouldContain("Thu nhập lãi (dồn tích);Thu nhập lãi được ghi nhận;;-344438;");
        csv.ShouldContain("Kết quả tài chính;Chênh lệch thu chi (thu nhập lãi được ghi nhận - dự phòng trong kỳ - tổn thất không được bù đắp + thu hồi nợ đã xử lý);;-344438;");
        var pdf = PdfTools.Text(await Download(summary.Id, "pdf"));
        pdf.ShouldContain("Thu nhập lãi (Thông tư 52/2022/TT-BTC, Điều 5)");
        pdf.ShouldContain("Thoái thu lãi dự thu (nợ chuyển khỏi nhóm 1)");
        pdf.ShouldContain("2.344.438");
    }

    [Fact]
    public async Task the_funds_rating_rates_the_recognised_interest_income()
    {
        (await Put("/api/annual-plans/2026", Plan(outstanding: 365_000_000, npl: 2m, result: 2_000_000), await TokenFor(Roles.ChiefAccountant)))
            .Context.Response.StatusCode.ShouldBe(200);
        await LoanThatFallsToGroup2();

        var result = await Get("/api/fund-rating/2026", await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var rating = await result.Read<FundRatingView>();
        // nothing was received in 2026: on a cash basis the result would be 0 (C); recognised, it beats the 2,000,000 planned
        var financial = rating.Kpis.Single(k => k.Kpi == Kpi.FinancialResult);
        financial.Actual.ShouldBe(OnBalanceAtEndOf2026);
        financial.Grade.ShouldBe(Grade.A);
    }

    [Fact]
    public async Task the_capital_adequacy_report_shows_the_receivable_on_and_off_the_balance_sheet_and_still_reconciles_in_cash()
    {
        await LoanThatFallsToGroup2();
        var token = await TokenFor(Roles.ChiefAccountant);

        var before = await (await Get("/api/reports/capital-adequacy?asOf=2026-12-31", token)).Read<CapitalAdequacyReport>();
        before.Interest.ShouldBe(new InterestReceivable(OnBalanceAtEndOf2026, 0, 0));
        before.Reconciliation.Balanced.ShouldBeTrue();

        var generated = await Post("/api/reports/capital-adequacy", new { asOf = "2027-01-01" }, token);
        generated.Context.Response.StatusCode.ShouldBe(201, await generated.ReadAsTextAsync());
        var report = (await generated.Read<ReportDetails>()).Report;
        var after = System.Text.Json.JsonSerializer.Deserialize<CapitalAdequacyReport>(await Download(report.Id, "json"), TestJson.Options)!;
        after.Interest.ShouldBe(new InterestReceivable(0, OffBalanceOnNewYearsDay, 1));
        after.Reconciliation.Balanced.ShouldBeTrue();
        after.Reconciliation.InterestReceived.ShouldBe(0); // cash basis: nothing received yet

        var csv = Encoding.UTF8.GetString(await Download(report.Id, "csv"));
        csv.ShouldContain($"interest.on_balance;Lãi phải thu (cơ sở dồn tích);Lãi dự thu nội bảng (nợ nhóm 1, đã ghi thu nhập);đồng;0");
        csv.ShouldContain($"interest.off_balance;Lãi phải thu (cơ sở dồn tích);Lãi chưa thu theo dõi ngoại bảng (nợ nhóm 2–5, ghi thu nhập khi thu được tiền);đồng;{OffBalanceOnNewYearsDay}");
        var pdf = PdfTools.Text(await Download(report.Id, "pdf"));
        pdf.ShouldContain("X. Lãi phải thu nội bảng và ngoại bảng");
        pdf.ShouldContain("2.404.932");
    }
}
