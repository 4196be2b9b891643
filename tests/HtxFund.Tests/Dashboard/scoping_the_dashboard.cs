using HtxFund.Dashboard;
using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Dashboard;

public sealed class scoping_the_dashboard(AppFixture fixture) : LoanContext(fixture)
{
    private async Task<DashboardView> Dashboard(string role = Roles.Director, string fund = FundA, string? asOf = null)
    {
        var result = await Get("/api/dashboard" + (asOf is null ? "" : $"?asOf={asOf}"), await TokenFor(role, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<DashboardView>();
    }

    /// <summary>The inspection the disbursement of the loan's first tranche scheduled, as stored.</summary>
    private async Task<LoanUseInspection> InspectionOf(Guid loanId)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Query<LoanUseInspection>().Where(i => i.LoanId == loanId).ToListAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task only_the_board_the_director_and_finance_read_it_and_each_fund_sees_only_its_own_loans()
    {
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);

        foreach (var role in new[] { Roles.Director, Roles.BoardMember, Roles.Chairman, Roles.ChiefAccountant, Roles.Accountant, Roles.RiskCouncil })
            (await Dashboard(role)).Outstanding.ShouldBe(400_000_000);
        foreach (var role in new[] { Roles.CreditOfficer, Roles.Admin })
            foreach (var url in new[] { "/api/dashboard", "/api/dashboard/loans?figure=outstanding", "/api/dashboard/consolidated" })
                (await Get(url, await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403, url);
        (await Get("/api/dashboard", Coop)).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/dashboard", null)).Context.Response.StatusCode.ShouldBe(401);

        // the other fund sees nothing of fund A's loan
        var other = await Dashboard(fund: FundB);
        (other.FundId, other.Outstanding, other.Loans).ShouldBe((FundB, 0L, 0));
        var list = await Get("/api/dashboard/loans?figure=outstanding", await TokenFor(Roles.Director, FundB));
        (await list.Read<DashboardList>()).Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task bad_parameters_are_refused_with_their_codes()
    {
        var token = await TokenFor(Roles.Director);
        await (await Get("/api/dashboard?asOf=31/07/2027", token)).ShouldBeRefusal(400, "as_of.format");
        await (await Get("/api/dashboard?asOf=2099-01-01", token)).ShouldBeRefusal(400, "as_of.in_future");
        await (await Get("/api/dashboard?sequence=99999999", token)).ShouldBeRefusal(400, "sequence.out_of_range");
        var unknown = await Get("/api/dashboard/loans?figure=par60", token);
        await unknown.ShouldBeRefusal(400, "figure.unknown");
        (await unknown.ReadAsTextAsync()).ShouldContain("Chỉ tiêu phải là một trong");
        await (await Get("/api/dashboard/loans?figure=par30&format=xlsx", token)).ShouldBeRefusal(400, "format.unknown");
    }

    [Fact]
    public async Task inspections_not_visited_by_their_due_date_are_overdue_by_officer_and_their_list_counts_them()
    {
        var late = await SignedLoan(400_000_000, "11/2026/HĐTD");
        await Disbursed(late, 400_000_000);
        var notYet = await SignedLoan(300_000_000, "12/2026/HĐTD", await AnotherCooperative());
        AdvanceTo(new LocalDate(2026, 12, 23));
        await CreditChecked(notYet, checkedOn: "2026-12-23");
        await Disbursed(notYet, 300_000_000, "2026-12-23");
        // the policy's 30 days after each disbursement
        (await InspectionOf(late)).DueOn.ShouldBe(new LocalDate(2026, 12, 22));
        (await InspectionOf(notYet)).DueOn.ShouldBe(new LocalDate(2027, 1, 22));
        AdvanceTo(new LocalDate(2027, 1, 5));

        var dashboard = await Dashboard();
        dashboard.OverdueInspections.ShouldBe(1);
        dashboard.ByOfficer.ShouldHaveSingleItem().OverdueInspections.ShouldBe(1);
        dashboard.ByDistrict.Sum(d => d.OverdueInspections).ShouldBe(1);
        var result = await Get($"/api/dashboard/loans?figure=overdue_inspections&asOf=2027-01-05&sequence={dashboard.Sequence}", await TokenFor(Roles.Chairman));
        var list = await result.Read<DashboardList>();
        list.Count.ShouldBe(dashboard.OverdueInspections);
        var line = list.Lines.ShouldHaveSingleItem();
        (line.LoanId, line.ContractNumber, line.DaysPastDue, line.Amount).ShouldBe((late, "11/2026/HĐTD", 14, 400_000_000L));
        // as of the day it fell due it was not yet overdue
        (await Dashboard(asOf: "2026-12-22")).OverdueInspections.ShouldBe(0);
    }

    [Fact]
    public async Task the_central_fund_sees_each_provincial_fund_and_their_total_and_a_provincial_user_is_refused()
    {
        await ContributeCapital(10_000_000_000, FundB);
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);

        await (await Get("/api/dashboard/consolidated", await TokenFor(Roles.Director, FundA))).ShouldBeRefusal(403, "dashboard.consolidation_central_only");
        var result = await Get($"/api/dashboard/consolidated?asOf={Today}", await TokenFor(Roles.ChiefAccountant, CentralFund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var consolidated = await result.Read<ConsolidatedDashboard>();
        consolidated.Funds.Select(f => f.FundId).ShouldBe([FundA, FundB]);
        var a = consolidated.Funds[0].Dashboard;
        var b = consolidated.Funds[1].Dashboard;
        (a.Outstanding, b.Outstanding, consolidated.Total.Outstanding).ShouldBe((400_000_000L, 0L, 400_000_000L));
        consolidated.Total.DisbursedInMonth.ShouldBe(400_000_000);
        // 20 bn − 400 m in fund A, 10 bn in fund B
        consolidated.Total.AvailableToLend.ShouldBe(a.AvailableToLend + b.AvailableToLend);
        consolidated.Total.AvailableToLend.ShouldBe(19_600_000_000 + 10_000_000_000);
        consolidated.Total.NplRatioPercent.ShouldBe(0m);
        consolidated.Total.PortfolioAtRisk.Par30Percent.ShouldBe(0m);
    }
}
