using HtxFund.Lending;
using HtxFund.Classification;
using NodaTime;

namespace HtxFund.Tests.Classification;

/// <summary>Pure tests of the decision that turns a valued loan into its monthly classification result (default policy:
/// Circular 14/2024 thresholds 10/30/90/180 days, specific rates 0/2/25/50/100 %, general 0.75 % on groups 1–4).</summary>
public sealed class deciding_a_loans_classification
{
    private static readonly LocalDate AsOf = new(2027, 3, 31);
    private static readonly Guid Run = ClassificationRuns.StreamId(new YearMonth(2027, 3));

    private static LoanClassified Decide(int daysPastDue, int restructurings = 0, long principal = 400_000_000, long collateral = 0) =>
        LoanClassification.Decide(Run, Guid.Empty, "1/2026/HĐTD", AsOf, daysPastDue, restructurings, principal, collateral, LendingPolicy.Default);

    [Theory]
    // days past due, group, specific rate, specific = 400,000,000 × rate, general = 400,000,000 × 0.75 % (groups 1–4), interest recognised
    [InlineData(0, 1, 0, 0, 3_000_000, true)]
    [InlineData(15, 2, 2, 8_000_000, 3_000_000, false)]
    [InlineData(45, 3, 25, 100_000_000, 3_000_000, false)]
    [InlineData(100, 4, 50, 200_000_000, 3_000_000, false)]
    [InlineData(200, 5, 100, 400_000_000, 0, false)]
    public void days_past_due_give_the_group_and_provision_computed_by_hand(int dpd, int group, int rate, long specific, long general, bool recognise)
    {
        var result = Decide(dpd);
        result.Group.ShouldBe(group);
        result.DaysPastDue.ShouldBe(dpd);
        result.ProvisionRatePercent.ShouldBe(rate);
        result.SpecificProvision.ShouldBe(specific);
        result.GeneralProvision.ShouldBe(general);
        result.ProvisionRequired.ShouldBe(specific + general);
        result.RecogniseInterest.ShouldBe(recognise);
        result.PolicyVersion.ShouldBe(1);
        result.Reason.ShouldContain("Circular 14/2024");
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(29, 2)]
    [InlineData(30, 3)]
    [InlineData(89, 3)]
    [InlineData(90, 4)]
    [InlineData(179, 4)]
    [InlineData(180, 5)]
    public void the_thresholds_are_10_30_90_and_180_days(int dpd, int group) => Decide(dpd).Group.ShouldBe(group);

    [Fact]
    public void a_loan_restructured_once_and_on_time_is_group_2_with_2_percent_plus_the_general_provision()
    {
        var result = Decide(0, restructurings: 1);
        result.Group.ShouldBe(2);
        result.ProvisionRequired.ShouldBe(8_000_000 + 3_000_000);
        result.RecogniseInterest.ShouldBeFalse();
        result.Reason.ShouldContain("first restructuring");
    }

    [Fact]
    public void a_loan_restructured_twice_is_at_least_group_4()
    {
        Decide(0, restructurings: 2).Group.ShouldBe(4);
        Decide(5, restructurings: 2).Group.ShouldBe(5);
    }

    [Fact]
    public void deductible_collateral_lowers_only_the_specific_provision_and_never_below_zero()
    {
        var covered = Decide(100, collateral: 300_000_000);
        covered.SpecificProvision.ShouldBe(50_000_000); // (400,000,000 − 300,000,000) × 50 %
        covered.GeneralProvision.ShouldBe(3_000_000);
        Decide(200, collateral: 500_000_000).ProvisionRequired.ShouldBe(0);
    }

    [Fact]
    public void a_loan_with_nothing_to_value_yet_is_group_1_without_provision()
    {
        var result = LoanClassification.Decide(Run, Guid.Empty, null, AsOf, position: null, 0, LendingPolicy.Default);
        result.Group.ShouldBe(1);
        result.ProvisionRequired.ShouldBe(0);
    }

    [Fact]
    public void the_run_of_a_month_has_one_stream_id_and_its_date_is_the_months_last_day()
    {
        ClassificationRuns.StreamId(new YearMonth(2027, 2)).ShouldBe(ClassificationRuns.StreamId(new YearMonth(2027, 2)));
        ClassificationRuns.StreamId(new YearMonth(2027, 2)).ShouldNotBe(ClassificationRuns.StreamId(new YearMonth(2027, 3)));
        ClassificationRuns.LastDay(new YearMonth(2027, 2)).ShouldBe(new LocalDate(2027, 2, 28));
        ClassificationRuns.LastDay(new YearMonth(2028, 2)).ShouldBe(new LocalDate(2028, 2, 29));
    }

    [Fact]
    public void the_first_working_day_skips_weekends_and_holidays()
    {
        var calendar = LendingPolicy.Default.Calendar;
        ClassificationRuns.FirstWorkingDay(new LocalDate(2027, 8, 17), calendar).ShouldBe(new LocalDate(2027, 8, 2)); // 1/8/2027 is a Sunday
        ClassificationRuns.FirstWorkingDay(new LocalDate(2027, 1, 20), calendar).ShouldBe(new LocalDate(2027, 1, 4)); // 1/1 New Year, then a weekend
        ClassificationRuns.FirstWorkingDay(new LocalDate(2027, 4, 9), calendar).ShouldBe(new LocalDate(2027, 4, 1));
    }
}
