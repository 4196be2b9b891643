namespace HtxFund.Lending.Tests.Policy;

public class validating_the_lending_policy
{
    [Fact]
    public void the_default_policy_carries_the_domain_defaults()
    {
        var policy = LendingPolicy.Default;

        policy.Version.ShouldBe(1);
        policy.OverdueRatePercentOfInTermRate.ShouldBe(150m);
        policy.LateInterestRatePercentPerYear.ShouldBe(10m);
        policy.SingleBorrowerLimitPercent.ShouldBe(15m);
        policy.RelatedGroupLimitPercent.ShouldBe(25m);
        policy.MinOwnEquityPercentOfProject.ShouldBe(20m);
        policy.GeneralProvisionRatePercent.ShouldBe(0.75m);
        policy.SpecificProvisionRates.For(DebtGroup.Group3).ShouldBe(25m);
        policy.DebtGroupThresholds.Group5FromDays.ShouldBe(180);
        policy.MaxTermMonths.ShouldBeNull();
        policy.OverdueRatePercentPerYear(6m).ShouldBe(9m);
    }

    [Fact]
    public void legal_caps_cannot_be_exceeded_even_through_with()
    {
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { OverdueRatePercentOfInTermRate = 151m })
            .Message.ShouldContain("Decree 45/2021 Art 25.1.b");
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { LateInterestRatePercentPerYear = 10.5m })
            .Message.ShouldContain("Circular 39/2016 Art 13.4");
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { SingleBorrowerLimitPercent = 16m });
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { RelatedGroupLimitPercent = 30m });
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { MinOwnEquityPercentOfProject = 19m });
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { Version = 0 });
    }

    [Fact]
    public void a_fund_may_be_stricter_than_the_law()
    {
        var strict = LendingPolicy.Default with { Version = 2, OverdueRatePercentOfInTermRate = 130m, SingleBorrowerLimitPercent = 10m };

        strict.OverdueRatePercentPerYear(6m).ShouldBe(7.8m);
        strict.Version.ShouldBe(2);
    }

    [Fact]
    public void thresholds_and_rates_must_be_ordered()
    {
        Should.Throw<ArgumentException>(() => new DebtGroupThresholds(10, 30, 30, 180)).Message.ShouldContain("increase strictly");
        Should.Throw<ArgumentException>(() => new ProvisionRates(0, 5, 2, 50, 100)).Message.ShouldContain("below the group 2 rate");
        Should.Throw<ArgumentException>(() => new TermClasses(12, 12, 5, 10, 15));
    }
}
