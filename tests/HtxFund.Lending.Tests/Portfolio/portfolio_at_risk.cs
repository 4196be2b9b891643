using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Lending.Portfolio;

namespace HtxFund.Lending.Tests.Portfolio;

public class portfolio_at_risk
{
    [Theory]
    [InlineData(0, false, false, false)]
    [InlineData(1, false, false, false)]
    [InlineData(2, true, false, false)]
    [InlineData(30, true, false, false)]
    [InlineData(31, true, true, false)]
    [InlineData(90, true, true, false)]
    [InlineData(91, true, true, true)]
    public void a_loan_is_at_risk_when_it_is_past_due_more_than_the_threshold(int daysPastDue, bool par1, bool par30, bool par90)
    {
        var figures = PortfolioAtRisk.Of(new LoanAtRisk(1_000_000, daysPastDue));

        figures.Total.ShouldBe(1_000_000);
        figures.Par1.ShouldBe(par1 ? 1_000_000 : 0);
        figures.Par30.ShouldBe(par30 ? 1_000_000 : 0);
        figures.Par90.ShouldBe(par90 ? 1_000_000 : 0);
    }

    [Fact]
    public void the_whole_outstanding_of_a_late_loan_is_at_risk_and_the_ratio_is_over_the_total()
    {
        // 100 000 000 on time, 60 000 000 35 days late, 40 000 000 95 days late
        var figures = PortfolioAtRisk.Of([new LoanAtRisk(100_000_000, 0), new LoanAtRisk(60_000_000, 35), new LoanAtRisk(40_000_000, 95)]);

        figures.ShouldBe(new PortfolioAtRiskFigures(200_000_000, 100_000_000, 100_000_000, 40_000_000));
        figures.Par1Percent.ShouldBe(50m);
        figures.Par30Percent.ShouldBe(50m);
        figures.Par90Percent.ShouldBe(20m);
    }

    [Fact]
    public void an_empty_portfolio_has_no_ratio()
    {
        PortfolioAtRisk.Of([]).Par30Percent.ShouldBeNull();
    }

    [Fact]
    public void only_the_three_thresholds_are_known()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PortfolioAtRiskFigures.Empty.AtRisk(60));
        PortfolioAtRisk.Thresholds.ShouldBe([1, 30, 90]);
    }
}

/// <summary>Invariants of portfolio at risk over random portfolios split by officer and district (FsCheck).</summary>
public class portfolio_at_risk_properties
{
    public sealed record Placed(LoanAtRisk Loan, int Officer, int District);

    private static Gen<Placed> Loans =>
        from outstanding in Gen.Choose(0, 2_000_000_000)
        from days in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(0, 400)), (1, Gen.Elements(1, 30, 90, 2, 31, 91)))
        from officer in Gen.Choose(0, 3)
        from district in Gen.Choose(0, 4)
        select new Placed(new LoanAtRisk(outstanding, days), officer, district);

    private static Arbitrary<Placed[]> Portfolios => Loans.ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property par90_is_at_most_par30_at_most_par1_at_most_the_total_and_the_ratios_are_between_0_and_100() =>
        Prop.ForAll(Portfolios, loans =>
        {
            var f = PortfolioAtRisk.Of(loans.Select(l => l.Loan));
            return f.Par90 <= f.Par30 && f.Par30 <= f.Par1 && f.Par1 <= f.Total && f.Par90 >= 0
                && new[] { f.Par1Percent, f.Par30Percent, f.Par90Percent }.All(r => f.Total == 0 ? r is null : r is >= 0m and <= 100m);
        });

    [Property(MaxTest = 300)]
    public Property the_sums_by_officer_and_by_district_equal_the_total() =>
        Prop.ForAll(Portfolios, loans =>
        {
            var total = PortfolioAtRisk.Of(loans.Select(l => l.Loan));
            var byOfficer = loans.GroupBy(l => l.Officer).Select(g => PortfolioAtRisk.Of(g.Select(l => l.Loan)))
                .Aggregate(PortfolioAtRiskFigures.Empty, (a, b) => a + b);
            var byDistrict = loans.GroupBy(l => l.District).Select(g => PortfolioAtRisk.Of(g.Select(l => l.Loan)))
                .Aggregate(PortfolioAtRiskFigures.Empty, (a, b) => a + b);
            return byOfficer == total && byDistrict == total;
        });

    [Property(MaxTest = 300)]
    public Property each_figure_is_the_sum_of_what_each_loan_adds() =>
        Prop.ForAll(Portfolios, loans =>
        {
            var f = PortfolioAtRisk.Of(loans.Select(l => l.Loan));
            return PortfolioAtRisk.Thresholds.All(t => loans.Sum(l => PortfolioAtRisk.AtRisk(l.Loan, t)) == f.AtRisk(t));
        });
}
