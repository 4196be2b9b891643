using HtxFund.Borrowers;
using HtxFund.Identity;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Reports.Fixtures;
using NodaTime;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

public sealed class reading_the_capital_adequacy_report(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    [Fact]
    public async Task the_report_of_a_portfolio_built_over_months_matches_the_hand_computed_figures_and_reconciles()
    {
        await BuildPortfolio();

        foreach (var (number, days, group) in new[] { (Current, 0, 1), (Late15, 15, 2), (Late45, 45, 3), (Late100, 100, 4), (Late200, 200, 5), (Restructured, 0, 2) })
        {
            var position = await Position(Loans[number], AsOfText);
            (position.DaysPastDue, position.DebtGroup).ShouldBe((days, group), number);
        }

        var report = await Report();

        report.AsOf.ShouldBe(AsOfDate);
        report.FundId.ShouldBe(FundA);
        report.PolicyVersion.ShouldBe(1);
        report.HighestSequence.ShouldBeGreaterThan(0);

        // capital: 20 bn charter capital, nothing else
        report.Capital.CharterCapital.ShouldBe(Charter);
        report.Capital.ActualCharterCapital.ShouldBe(Charter);
        report.Capital.CapitalSources.ShouldBe(Charter);
        report.Capital.Equity.ShouldBe(Charter);

        // portfolio: six loans of 400 m; the current loan repaid the principal of its instalments due by 31/07/2027
        var current = LoanAmount - CurrentPrincipalRepaid;
        CurrentPrincipalRepaid.ShouldBeGreaterThan(0);
        report.Loans.ShouldBe(6);
        report.Outstanding.ShouldBe(5 * LoanAmount + current);
        report.ByDebtGroup.Select(g => (g.Loans, g.Principal)).ShouldBe(
            [(1, current), (2, 2 * LoanAmount), (1, LoanAmount), (1, LoanAmount), (1, LoanAmount)]);
        // provisions (Decree 86/2024 microfinance rates, general 0.75 % on groups 1–4, no deductible collateral)
        var general = 3_000_000L; // 0.75 % of 400 m
        report.ByDebtGroup.Select(g => g.ProvisionRequired).ShouldBe(
        [
            Math.Round(current * 0.0075m, MidpointRounding.AwayFromZero) is var g1 ? (long)g1 : 0,
            2 * (8_000_000 + general), 100_000_000 + general, 200_000_000 + general, 400_000_000,
        ]);
        report.ProvisionsRequired.ShouldBe(report.ByDebtGroup.Sum(g => g.ProvisionRequired));
        report.ProvisionsBooked.ShouldBe(0);
        report.ProvisionShortfall.ShouldBe(report.ProvisionsRequired);
        report.NonPerforming.ShouldBe(3 * LoanAmount);
        report.NplRatioPercent.ShouldBe(Math.Round(3 * LoanAmount * 100m / report.Outstanding, 2, MidpointRounding.AwayFromZero));
        report.ByTermClass.Select(t => (t.Key, t.Loans, t.Principal)).ShouldBe([("Short", 0, 0L), ("Medium", 6, report.Outstanding), ("Long", 0, 0L)]);

        // the trend: 12 month-ends to July 2027; none before the first loan, three loans at the end of November
        report.Trend.Count.ShouldBe(12);
        report.Trend[0].MonthEnd.ShouldBe(new LocalDate(2026, 8, 31));
        report.Trend[^1].MonthEnd.ShouldBe(AsOfDate);
        report.Trend[2].ShouldBe(new TrendPoint(new LocalDate(2026, 10, 31), 0, 0, null));
        report.Trend[3].ShouldBe(new TrendPoint(new LocalDate(2026, 11, 30), 3 * LoanAmount, 0, 0m));
        // 31/03/2027: late200 unpaid since 12/01 (78 days, group 3) is the only bad debt; no principal repaid yet
        report.Trend[7].ShouldBe(new TrendPoint(new LocalDate(2027, 3, 31), 6 * LoanAmount, LoanAmount, 16.67m));
        report.Trend[^1].Outstanding.ShouldBe(report.Outstanding);
        report.Trend[^1].NonPerforming.ShouldBe(report.NonPerforming);

        // limits: 15 % and 25 % of 20 bn; every borrower is its own group (no declared links, no member loans)
        report.SingleBorrowerLimit.ShouldBe(3_000_000_000);
        report.RelatedGroupLimit.ShouldBe(5_000_000_000);
        report.LargestBorrowers.Count.ShouldBe(6);
        report.LargestBorrowers[0].Exposure.ShouldBe(LoanAmount);
        report.LargestBorrowers[0].Headroom.ShouldBe(3_000_000_000 - LoanAmount);
        report.LargestBorrowers[^1].Exposure.ShouldBe(current);
        report.LargestBorrowers.ShouldAllBe(b => b.WithinLimit && b.Committed == 0);
        report.LargestGroups.Select(g => g.Exposure).ShouldBe(report.LargestBorrowers.Select(b => b.Exposure));
        report.LargestGroups[0].Headroom.ShouldBe(5_000_000_000 - LoanAmount);

        // committed: nothing approved and undisbursed; cash = charter − paid out + everything paid in
        var paidIn = Paid.Values.Sum();
        report.Committed.ShouldBe(0);
        report.Cash.ShouldBe(Charter - 6 * LoanAmount + paidIn);
        report.AvailableToLend.ShouldBe(report.Cash);

        // outstanding / equity below 20 %: flagged (Decree 45/2021 Art 46.2)
        report.OutstandingToEquityPercent.ShouldBe(Math.Round(report.Outstanding * 100m / Charter, 2, MidpointRounding.AwayFromZero));
        report.BelowDissolutionThreshold.ShouldBeTrue();

        // categories: every cooperative is in an ethnic-minority area, has an OCOP product and is in a value chain
        report.ByPriority.Single(p => p.Key == "EthnicMinorityArea").Principal.ShouldBe(report.Outstanding);
        report.ByPriority.Single(p => p.Key == "OcopProduct").Loans.ShouldBe(6);
        report.ByPriority.Single(p => p.Key == "WomenManaged").Loans.ShouldBe(0);
        report.ByPriority.Single(p => p.Key == "None").Loans.ShouldBe(0);
        report.ByBorrowerType.ShouldHaveSingleItem().ShouldBe(new PortfolioSlice("HopTacXa", "Hợp tác xã", 6, report.Outstanding));
        report.ByDistrict.ShouldHaveSingleItem().Principal.ShouldBe(report.Outstanding);
        report.BySector.ShouldHaveSingleItem().ShouldBe(new PortfolioSlice("Chế biến cà phê", "Chế biến cà phê", 6, report.Outstanding));
        report.LendingInMonth.ShouldBe(new LendingInPeriod(new LocalDate(2027, 7, 1), AsOfDate, 0, 0, 0));
        report.LendingInYear.ShouldBe(new LendingInPeriod(new LocalDate(2027, 1, 1), AsOfDate, 0, 0, 0));

        // reconciliation: groups add up to the outstanding; cash + outstanding = sources + interest received
        var r = report.Reconciliation;
        r.GroupsMatchOutstanding.ShouldBeTrue();
        r.SumOfGroups.ShouldBe(report.Outstanding);
        r.InterestReceived.ShouldBe(paidIn - CurrentPrincipalRepaid);
        r.PenaltyInterestReceived.ShouldBe(0);
        r.HeldForBorrowers.ShouldBe(0);
        r.Assets.ShouldBe(report.Cash + report.Outstanding);
        r.SourcesAndResults.ShouldBe(Charter + paidIn - CurrentPrincipalRepaid);
        r.Difference.ShouldBe(0);
        r.Balanced.ShouldBeTrue();
    }

    [Fact]
    public async Task the_largest_exposures_count_undisbursed_commitments_and_related_borrowers_against_their_limits()
    {
        var first = await SignedLoan(400_000_000, "7/2026/HĐTD");
        await Disbursed(first, 300_000_000);
        var related = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        await Approved(200_000_000, coopToken: await TokenForUser(await CreateCooperativeUser(related)));
        await Ok(Post("/api/borrowers/related-links", new
        {
            a = new BorrowerRef(CooperativeId), b = new BorrowerRef(related), kind = "SameLegalRepresentative", note = "Cùng người đại diện",
        }, await TokenFor(Roles.CreditOfficer)));

        var report = await Report(Today);

        report.Outstanding.ShouldBe(300_000_000);
        report.Committed.ShouldBe(100_000_000 + 200_000_000);
        report.Cash.ShouldBe(Charter - 300_000_000);
        report.AvailableToLend.ShouldBe(Charter - 300_000_000 - 300_000_000);
        report.LargestBorrowers.Select(b => (b.Key, b.Outstanding, b.Committed, b.Exposure, b.Headroom, b.WithinLimit)).ShouldBe(
        [
            (new BorrowerRef(CooperativeId).Key(), 300_000_000L, 100_000_000L, 400_000_000L, 2_600_000_000L, true),
            (new BorrowerRef(related).Key(), 0L, 200_000_000L, 200_000_000L, 2_800_000_000L, true),
        ]);
        var group = report.LargestGroups.ShouldHaveSingleItem(); // one group, whichever borrower it is seen from
        group.Borrowers.ShouldBe(2);
        group.Exposure.ShouldBe(600_000_000);
        group.Limit.ShouldBe(5_000_000_000);
        group.Headroom.ShouldBe(4_400_000_000);
        report.LendingInMonth.ShouldBe(new LendingInPeriod(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 22), 1, 300_000_000, 1));
        report.Reconciliation.Balanced.ShouldBeTrue();

        // a loan approved after the report: the live view counts it, the report's sequence does not
        await Approved(100_000_000, coopToken: await AnotherCooperative());
        (await Report(Today)).Committed.ShouldBe(400_000_000);
        var again = await Report(Today, report.HighestSequence);
        again.Figures.ShouldBe(report.Figures);
    }

    [Fact]
    public async Task lending_in_the_period_counts_the_loans_paid_out_the_amount_and_the_cooperatives_reached()
    {
        await BuildPortfolio();

        var december = await Report("2026-12-31");

        december.LendingInMonth.ShouldBe(new LendingInPeriod(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 31), 3, 3 * LoanAmount, 3));
        december.LendingInYear.ShouldBe(new LendingInPeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), 6, 6 * LoanAmount, 6));
        december.Outstanding.ShouldBe(6 * LoanAmount);
        december.Reconciliation.Balanced.ShouldBeTrue();
    }
}
