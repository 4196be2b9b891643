using Alba;
using HtxFund.Dashboard;
using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Plans;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Dashboard;

/// <summary>The dashboard over the capital-adequacy portfolio (six loans of 400,000,000 ₫ valued at 31/07/2027: current 0
/// days, late15, late45, late100, late200, restructured on time; see <see cref="CapitalAdequacyContext"/>).</summary>
public sealed class reading_the_dashboard(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    private async Task<DashboardView> Dashboard(string asOf = AsOfText, long? sequence = null, string? token = null)
    {
        var result = await Get($"/api/dashboard?asOf={asOf}" + (sequence is { } s ? $"&sequence={s}" : ""), token ?? await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<DashboardView>();
    }

    private async Task<DashboardList> List(string figure, DashboardView at, string? officer = null, string? district = null)
    {
        var url = $"/api/dashboard/loans?figure={figure}&asOf={Iso(at.AsOf)}&sequence={at.Sequence}"
            + (officer is null ? "" : $"&officer={officer}") + (district is null ? "" : $"&district={Uri.EscapeDataString(district)}");
        var result = await Get(url, await TokenFor(Roles.BoardMember));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<DashboardList>();
    }

    private Task<IScenarioResult> PutPlan(int year, object body, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl($"/api/annual-plans/{year}");
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task the_figures_match_the_hand_computed_ones_the_report_at_the_same_cut_and_the_sums_of_their_lists_and_reproduce_after_a_backdated_repayment()
    {
        await BuildPortfolio();
        var current = LoanAmount - CurrentPrincipalRepaid;

        var dashboard = await Dashboard();

        // outstanding: five loans of 400 m and what the current loan still owes
        dashboard.Loans.ShouldBe(6);
        dashboard.Outstanding.ShouldBe(5 * LoanAmount + current);
        // PAR: late15, late45, late100, late200 are more than 1 day late; late45, late100, late200 more than 30; late100, late200 more than 90
        dashboard.PortfolioAtRisk.Par1.ShouldBe(4 * LoanAmount);
        dashboard.PortfolioAtRisk.Par30.ShouldBe(3 * LoanAmount);
        dashboard.PortfolioAtRisk.Par90.ShouldBe(2 * LoanAmount);
        dashboard.PortfolioAtRisk.Par30Percent.ShouldBe(Math.Round(3 * LoanAmount * 100m / dashboard.Outstanding, 2, MidpointRounding.AwayFromZero));
        // NPL: groups 3 (late45), 4 (late100), 5 (late200)
        dashboard.Npl.ShouldBe(3 * LoanAmount);
        // provisions: the report's hand-computed rates (0.75 % general on groups 1–4; specific 2 %, 25 %, 50 %, 100 %)
        dashboard.ProvisionsRequired.ShouldBe((long)Math.Round(current * 0.0075m, MidpointRounding.AwayFromZero)
            + 2 * (8_000_000 + 3_000_000) + 103_000_000 + 203_000_000 + 400_000_000);
        dashboard.ProvisionsHeld.ShouldBe(0);
        // nothing disbursed in 2027; the principal collected in 2027 is the current loan's (the others are in their grace period)
        dashboard.DisbursedInMonth.ShouldBe(0);
        dashboard.DisbursedInYear.ShouldBe(0);
        dashboard.CollectedInYear.Principal.ShouldBe(CurrentPrincipalRepaid);
        dashboard.CollectedInYear.Penalty.ShouldBe(0);
        // every payment was in December 2026 or in 2027
        var in2026 = await Dashboard("2026-12-31");
        (in2026.CollectedInYear.Total + dashboard.CollectedInYear.Total).ShouldBe(Paid.Values.Sum());
        // in 2026 six loans were paid out, three of them in December (late200 12/12, late15 and late45 16/12)
        in2026.DisbursedInYear.ShouldBe(6 * LoanAmount);
        in2026.DisbursedInMonth.ShouldBe(3 * LoanAmount);
        in2026.CollectedInYear.Principal.ShouldBe(0);
        // the appraiser (the fund's credit officer) is responsible for every loan; one district
        var officer = dashboard.ByOfficer.ShouldHaveSingleItem();
        officer.Name.ShouldBe(LoanScenariosOfficer);
        (officer.Outstanding, officer.Par30, officer.Npl).ShouldBe((dashboard.Outstanding, 3 * LoanAmount, 3 * LoanAmount));
        var district = dashboard.ByDistrict.ShouldHaveSingleItem();
        (district.Outstanding, district.Par30, district.Npl).ShouldBe((dashboard.Outstanding, 3 * LoanAmount, 3 * LoanAmount));

        // the report's figures at the same cut
        var report = await Report(sequence: dashboard.Sequence);
        report.HighestSequence.ShouldBe(dashboard.Sequence);
        (dashboard.Npl, dashboard.NplRatioPercent, dashboard.ProvisionsRequired, dashboard.ProvisionsHeld, dashboard.AvailableToLend, dashboard.Outstanding)
            .ShouldBe((report.NonPerforming, report.NplRatioPercent, report.ProvisionsRequired, report.ProvisionsHeld, report.AvailableToLend, report.Outstanding));

        // every list sums to its figure
        foreach (var figure in DashboardFigure.All.Where(f => f != DashboardFigure.OverdueInspections))
        {
            var list = await List(figure, dashboard);
            list.Total.ShouldBe(dashboard.Value(figure), figure);
            list.Lines.Sum(l => l.Amount).ShouldBe(list.Total, figure);
        }
        (await List(DashboardFigure.Par30, dashboard)).Lines.Select(l => l.ContractNumber).Order()
            .ShouldBe(new[] { Late45, Late100, Late200 }.Order());
        (await List(DashboardFigure.Par1, in2026)).Lines.ShouldBeEmpty();
        (await List(DashboardFigure.DisbursedMonth, in2026)).Lines.Select(l => l.ContractNumber).Order()
            .ShouldBe(new[] { Late200, Late15, Late45 }.Order());
        (await List(DashboardFigure.CollectedMonth, dashboard)).Lines.ShouldHaveSingleItem().ContractNumber.ShouldBe(Current);
        (await List(DashboardFigure.Par30, dashboard, officer: officer.Key)).Total.ShouldBe(officer.Par30);
        (await List(DashboardFigure.Npl, dashboard, district: district.Key)).Total.ShouldBe(district.Npl);
        (await List(DashboardFigure.Par30, dashboard, officer: "none")).Lines.ShouldBeEmpty();
        var csv = await Get($"/api/dashboard/loans?figure=par90&asOf={AsOfText}&sequence={dashboard.Sequence}&format=csv", await TokenFor(Roles.Accountant));
        csv.Context.Response.ContentType!.ShouldStartWith("text/csv");
        (await csv.ReadAsTextAsync()).ShouldContain($"Tổng cộng (2);;;;;;;{2 * LoanAmount}");

        // a repayment dated back into July clears late45's arrears: the dashboard now changes, the one at the old sequence does not
        var position = await Position(Loans[Late45], "2027-07-31");
        await Ok(Repay(Loans[Late45], position.AmountDue, "2027-07-31"));
        var now = await Dashboard();
        now.PortfolioAtRisk.Par30.ShouldBe(2 * LoanAmount);
        now.Npl.ShouldBeLessThan(dashboard.Npl);
        var again = await Dashboard(sequence: dashboard.Sequence);
        System.Text.Json.JsonSerializer.Serialize(again).ShouldBe(System.Text.Json.JsonSerializer.Serialize(dashboard));
        (await List(DashboardFigure.Par30, dashboard)).Total.ShouldBe(3 * LoanAmount);

        // the year's plan: the dashboard shows the year to date against it
        await Ok(PutPlan(2027, new
        {
            outstandingPrincipalTarget = 4_000_000_000L, nplRatioPercentMax = 3m, financialResultTarget = 100_000_000L, expectedVersion = 0,
            disbursementTarget = 1_000_000_000L, collectionTarget = 200_000_000L,
        }, await TokenFor(Roles.ChiefAccountant)));
        var planned = await Dashboard();
        planned.Plan.PlanVersion.ShouldBe(1);
        planned.Plan.Outstanding.ShouldBe(AgainstPlan.Of(planned.Outstanding, 4_000_000_000));
        planned.Plan.Outstanding.Percent.ShouldBe(Math.Round(planned.Outstanding * 100m / 4_000_000_000, 2, MidpointRounding.AwayFromZero));
        planned.Plan.DisbursedInYear.ShouldBe(new AgainstPlan(0, 1_000_000_000, 0m));
        planned.Plan.CollectedInYear.Target.ShouldBe(200_000_000);
        planned.Plan.CollectedInYear.Percent.ShouldBe(Math.Round(planned.CollectedInYear.Total * 100m / 200_000_000, 2, MidpointRounding.AwayFromZero));
        // the plan at the earlier cut did not exist yet
        (await Dashboard(sequence: dashboard.Sequence)).Plan.Outstanding.Target.ShouldBeNull();
    }

    private static readonly string LoanScenariosOfficer = UserName(FundA, Roles.CreditOfficer);
}
