using FsCheck.Xunit;
using HtxFund.Lending.Rating;

namespace HtxFund.Lending.Tests.Rating;

/// <summary>Circular 52/2022 Art 14–15: per KPI A = plan met, B = at least 90 % of plan (NPL: at most 110 %), C worse;
/// overall the worst KPI.</summary>
public class rating_a_fund
{
    private static readonly RatingTargets Plan = new(Money.Of(100_000_000_000), 3m, Money.Of(2_000_000_000));

    private static FundRatingResult Rate(long outstanding, decimal npl, long result, ComplianceFinding compliance = ComplianceFinding.NoViolation) =>
        FundRating.Rate(Plan, new RatingActuals(Money.Of(outstanding), npl, Money.Of(result), compliance));

    [Fact]
    public void a_fund_meeting_every_plan_is_rated_A()
    {
        var rating = Rate(100_000_000_000, 3m, 2_000_000_000);
        rating.Overall.ShouldBe(Grade.A);
        rating.Kpis.Select(k => k.Kpi).ShouldBe([Kpi.LoanBookGrowth, Kpi.NplRatio, Kpi.FinancialResult, Kpi.LegalCompliance]);
        rating.Kpis.ShouldAllBe(k => k.Grade == Grade.A);
    }

    [Theory]
    [InlineData(90_000_000_000, Grade.B)]  // exactly 90 % of plan
    [InlineData(89_999_999_999, Grade.C)]
    [InlineData(99_999_999_999, Grade.B)]
    [InlineData(120_000_000_000, Grade.A)]
    public void the_loan_book_is_B_down_to_90_percent_of_plan(long outstanding, Grade expected) =>
        Rate(outstanding, 3m, 2_000_000_000).Kpis.Single(k => k.Kpi == Kpi.LoanBookGrowth).Grade.ShouldBe(expected);

    [Theory]
    [InlineData(3.0, Grade.A)]
    [InlineData(3.3, Grade.B)]  // exactly 110 % of the planned ratio
    [InlineData(3.31, Grade.C)]
    [InlineData(0.5, Grade.A)]
    public void the_npl_ratio_is_B_up_to_110_percent_of_plan(decimal npl, Grade expected) =>
        Rate(100_000_000_000, npl, 2_000_000_000).Kpis.Single(k => k.Kpi == Kpi.NplRatio).Grade.ShouldBe(expected);

    [Fact]
    public void a_planned_loss_is_banded_on_its_size()
    {
        FundRating.HigherIsBetter(-1_000, -1_000).ShouldBe(Grade.A);
        FundRating.HigherIsBetter(-1_000, -1_100).ShouldBe(Grade.B);
        FundRating.HigherIsBetter(-1_000, -1_101).ShouldBe(Grade.C);
        FundRating.HigherIsBetter(0, -1).ShouldBe(Grade.C);
    }

    [Fact]
    public void a_zero_npl_plan_leaves_no_B_band() =>
        FundRating.LowerIsBetter(0m, 0.01m).ShouldBe(Grade.C);

    [Theory]
    [InlineData(ComplianceFinding.NoViolation, Grade.A)]
    [InlineData(ComplianceFinding.ViolationsRemedied, Grade.B)]
    [InlineData(ComplianceFinding.ViolationsSanctioned, Grade.C)]
    public void legal_compliance_is_graded_from_the_funds_finding(ComplianceFinding finding, Grade expected)
    {
        var rating = Rate(100_000_000_000, 3m, 2_000_000_000, finding);
        rating.Kpis.Single(k => k.Kpi == Kpi.LegalCompliance).Grade.ShouldBe(expected);
        rating.Overall.ShouldBe(expected);
    }

    [Fact]
    public void one_B_and_three_A_rate_the_fund_B_and_one_C_rates_it_C()
    {
        Rate(95_000_000_000, 3m, 2_000_000_000).Overall.ShouldBe(Grade.B);
        Rate(95_000_000_000, 5m, 2_500_000_000).Overall.ShouldBe(Grade.C);
    }

    [Fact]
    public void the_npl_ratio_is_rounded_to_two_decimals_and_zero_without_loans()
    {
        FundRating.NplRatioPercent(Money.Of(1), Money.Of(3)).ShouldBe(33.33m);
        FundRating.NplRatioPercent(Money.Of(2), Money.Of(3)).ShouldBe(66.67m);
        FundRating.NplRatioPercent(Money.Zero, Money.Zero).ShouldBe(0m);
    }

    [Property(MaxTest = 300)]
    public bool the_overall_grade_is_the_worst_kpi_grade(long outstanding, int nplBasisPoints, long result, byte compliance)
    {
        var actual = new RatingActuals(Money.Of(outstanding % 1_000_000_000_000_000), Math.Abs(nplBasisPoints % 10_000) / 100m,
            Money.Of(result % 1_000_000_000_000_000), (ComplianceFinding)(compliance % 3));
        var rating = FundRating.Rate(Plan, actual);
        return rating.Overall == rating.Kpis.Max(k => k.Grade) && rating.Kpis.Count == 4;
    }

    [Property(MaxTest = 300)]
    public bool doing_better_never_lowers_a_grade(long plan, long actual, uint improvement)
    {
        plan %= 1_000_000_000_000; actual %= 1_000_000_000_000;
        var better = actual + improvement;
        return FundRating.HigherIsBetter(plan, better) <= FundRating.HigherIsBetter(plan, actual)
            && FundRating.LowerIsBetter(Math.Abs(plan), actual - improvement) <= FundRating.LowerIsBetter(Math.Abs(plan), actual);
    }

    [Property(MaxTest = 300)]
    public bool meeting_the_plan_is_exactly_grade_A(long plan, long actual)
    {
        plan %= 1_000_000_000_000; actual %= 1_000_000_000_000;
        return (FundRating.HigherIsBetter(plan, actual) == Grade.A) == (actual >= plan)
            && (FundRating.LowerIsBetter(Math.Abs(plan), actual) == Grade.A) == (actual <= Math.Abs(plan));
    }
}
