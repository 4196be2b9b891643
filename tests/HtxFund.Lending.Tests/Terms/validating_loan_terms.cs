using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Terms;

public class validating_loan_terms
{
    [Theory]
    [InlineData(0, 6, 12, 0, "principal must be above 0")]
    [InlineData(100_000_000, -1, 12, 0, "annual rate must be between 0 % and 100 %")]
    [InlineData(100_000_000, 6, 0, 0, "term must be between 1 and 600 months")]
    [InlineData(100_000_000, 6, 12, 12, "grace of 12 months must be at least 0 and shorter")]
    public void impossible_terms_are_refused_with_the_reason(long principal, int rate, int months, int grace, string reason)
    {
        Should.Throw<ArgumentException>(() => LoanTerms.Create(M(principal), rate, D(2025, 1, 1), months, principalGraceMonths: grace))
            .Message.ShouldContain(reason);
    }

    [Fact]
    public void a_term_must_be_whole_periods()
    {
        Should.Throw<ArgumentException>(() => LoanTerms.Create(M(100_000_000), 6m, D(2025, 1, 1), 10, RepaymentFrequency.Quarterly))
            .Message.ShouldContain("not a whole number of Quarterly periods");
    }

    [Fact]
    public void a_moratorium_cannot_cover_the_whole_year()
    {
        Should.Throw<ArgumentException>(() => LoanTerms.Create(M(100_000_000), 6m, D(2025, 1, 1), 12, moratoriumMonths: MonthSet.Range(1, 12)));
        Should.Throw<ArgumentException>(() => MonthSet.Of(13));
        MonthSet.Range(11, 2).Months.ShouldBe([1, 2, 11, 12]);
    }

    [Fact]
    public void a_custom_schedule_must_sum_to_the_loan_and_move_forward_in_time()
    {
        Should.Throw<ArgumentException>(() => LoanTerms.Custom(M(100), 6m, D(2025, 1, 1), 12, [new(D(2025, 6, 1), M(99))]))
            .Message.ShouldContain("sums to 99 ₫ but the loan is 100 ₫");
        Should.Throw<ArgumentException>(() => LoanTerms.Custom(M(100), 6m, D(2025, 1, 1), 12, [new(D(2025, 6, 1), M(50)), new(D(2025, 6, 1), M(50))]))
            .Message.ShouldContain("must be after 2025-06-01");
        Should.Throw<ArgumentException>(() => LoanTerms.Custom(M(100), 6m, D(2025, 1, 1), 3, [new(D(2025, 6, 1), M(100))]))
            .Message.ShouldContain("after the end of the 3-month term");
        Should.Throw<ArgumentException>(() => LoanTerms.Create(M(100), 6m, D(2025, 1, 1), 12, method: RepaymentMethod.Custom));
    }

    [Fact]
    public void equal_terms_are_equal_values()
    {
        LoanTerms.Create(M(100_000_000), 6m, D(2025, 1, 1), 12).ShouldBe(LoanTerms.Create(M(100_000_000), 6m, D(2025, 1, 1), 12));
        LoanTerms.Custom(M(100), 6m, D(2025, 1, 1), 12, [new(D(2025, 6, 1), M(100))])
            .ShouldBe(LoanTerms.Custom(M(100), 6m, D(2025, 1, 1), 12, [new(D(2025, 6, 1), M(100))]));
    }

    [Theory]
    [InlineData(12, TermClass.Short, 5)]
    [InlineData(13, TermClass.Medium, 10)]
    [InlineData(60, TermClass.Medium, 10)]
    [InlineData(61, TermClass.Long, 15)]
    public void terms_fall_into_classes_with_processing_targets(int months, TermClass expected, int workingDays)
    {
        var classes = LendingPolicy.Default.TermClasses;

        classes.Classify(months).ShouldBe(expected);
        classes.ProcessingTargetWorkingDays(expected).ShouldBe(workingDays);
    }
}
