namespace HtxFund.Lending.Tests.Classification;

public class classifying_debt
{
    private static readonly LendingPolicy Policy = LendingPolicy.Default;

    [Theory]
    [InlineData(0, DebtGroup.Group1)]
    [InlineData(9, DebtGroup.Group1)]
    [InlineData(10, DebtGroup.Group2)]
    [InlineData(29, DebtGroup.Group2)]
    [InlineData(30, DebtGroup.Group3)]
    [InlineData(89, DebtGroup.Group3)]
    [InlineData(90, DebtGroup.Group4)]
    [InlineData(179, DebtGroup.Group4)]
    [InlineData(180, DebtGroup.Group5)]
    public void days_past_due_set_the_group_at_10_30_90_180_days(int daysPastDue, DebtGroup expected)
    {
        DebtClassifier.Classify(daysPastDue, restructuringCount: 0, Policy).Group.ShouldBe(expected);
    }

    [Theory]
    [InlineData(1, 0, DebtGroup.Group2)]
    [InlineData(1, 5, DebtGroup.Group3)]
    [InlineData(1, 29, DebtGroup.Group3)]
    [InlineData(1, 30, DebtGroup.Group4)]
    [InlineData(1, 90, DebtGroup.Group5)]
    [InlineData(2, 0, DebtGroup.Group4)]
    [InlineData(2, 1, DebtGroup.Group5)]
    [InlineData(3, 0, DebtGroup.Group4)]
    public void restructuring_sets_a_minimum_group(int restructurings, int daysPastDue, DebtGroup expected)
    {
        DebtClassifier.Classify(daysPastDue, restructurings, Policy).Group.ShouldBe(expected);
    }

    [Fact]
    public void waiving_interest_for_a_borrower_who_cannot_pay_is_at_least_group_3()
    {
        var classification = DebtClassifier.Classify(0, 0, Policy, interestWaivedForInabilityToPay: true);

        classification.Group.ShouldBe(DebtGroup.Group3);
        classification.IsBadDebt.ShouldBeTrue();
    }

    [Fact]
    public void a_restructured_loan_with_waived_interest_names_both_reasons()
    {
        var classification = DebtClassifier.Classify(0, 1, Policy, interestWaivedForInabilityToPay: true);

        classification.Group.ShouldBe(DebtGroup.Group3);
        classification.Reason.ShouldContain("first restructuring, on time, gives at least group 2");
        classification.Reason.ShouldContain("interest waived or reduced");
    }

    [Fact]
    public void a_manual_override_can_only_make_the_group_worse()
    {
        var worse = DebtClassifier.Classify(12, 0, Policy, manualOverride: DebtGroup.Group4);
        var better = DebtClassifier.Classify(45, 0, Policy, manualOverride: DebtGroup.Group1);

        worse.Group.ShouldBe(DebtGroup.Group4);
        worse.OverrideApplied.ShouldBeTrue();
        better.Group.ShouldBe(DebtGroup.Group3);
        better.OverrideApplied.ShouldBeFalse();
        better.Reason.ShouldContain("ignored: an override can only move a loan to a worse group");
    }

    [Fact]
    public void only_group_1_recognises_interest_as_income()
    {
        DebtClassifier.Classify(9, 0, Policy).RecogniseInterestAsIncome.ShouldBeTrue();
        DebtClassifier.Classify(10, 0, Policy).RecogniseInterestAsIncome.ShouldBeFalse();
        DebtClassifier.Classify(0, 1, Policy).RecogniseInterestAsIncome.ShouldBeFalse();
    }

    [Fact]
    public void thresholds_come_from_the_policy()
    {
        var stricter = Policy with { DebtGroupThresholds = new DebtGroupThresholds(5, 20, 60, 120) };

        DebtClassifier.Classify(6, 0, stricter).Group.ShouldBe(DebtGroup.Group2);
        DebtClassifier.Classify(6, 0, Policy).Group.ShouldBe(DebtGroup.Group1);
    }

    [Fact]
    public void the_reason_explains_the_group()
    {
        DebtClassifier.Classify(35, 1, Policy).Reason
            .ShouldBe("Group 4: 35 days past due gives group 3; first restructuring, 35 days late on it, gives at least group 4 (Circular 14/2024/TT-NHNN).");
    }
}
