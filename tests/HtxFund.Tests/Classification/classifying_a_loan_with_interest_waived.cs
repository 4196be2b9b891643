using HtxFund.Classification;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Classification;

/// <summary>The monthly classification's decision with an interest waiver granted because the borrower cannot pay
/// (Circular 14/2024: at least group 3), as the batch and the capital-adequacy report pass it.</summary>
public sealed class classifying_a_loan_with_interest_waived
{
    private static readonly LocalDate AsOf = new(2027, 3, 31);
    private static readonly Guid Run = ClassificationRuns.StreamId(new YearMonth(2027, 3));

    [Fact]
    public void a_loan_on_time_with_interest_waived_for_inability_to_pay_is_group_3_with_25_percent()
    {
        // 400,000,000 ₫ on time: group 1 by days; the waiver makes it group 3: specific 25 % = 100,000,000 ₫, general
        // 0.75 % = 3,000,000 ₫.
        var result = LoanClassification.Decide(Run, Guid.Empty, "1/2026/HĐTD", AsOf, 0, 0, 400_000_000, 0, LendingPolicy.Default,
            interestWaivedForInabilityToPay: true);

        result.Group.ShouldBe(3);
        result.ProvisionRequired.ShouldBe(100_000_000 + 3_000_000);
        result.Reason.ShouldContain("interest waived");
    }

    [Fact]
    public void without_such_a_waiver_the_same_loan_stays_in_group_1() =>
        LoanClassification.Decide(Run, Guid.Empty, "1/2026/HĐTD", AsOf, 0, 0, 400_000_000, 0, LendingPolicy.Default).Group.ShouldBe(1);
}
