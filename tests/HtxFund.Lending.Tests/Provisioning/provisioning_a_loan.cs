using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Provisioning;

public class provisioning_a_loan
{
    [Theory]
    [InlineData(DebtGroup.Group1, 0, 3_000_000)]
    [InlineData(DebtGroup.Group2, 6_000_000, 3_000_000)]
    [InlineData(DebtGroup.Group3, 75_000_000, 3_000_000)]
    [InlineData(DebtGroup.Group4, 150_000_000, 3_000_000)]
    [InlineData(DebtGroup.Group5, 300_000_000, 0)]
    public void specific_provision_is_the_uncovered_principal_times_the_group_rate(DebtGroup group, long specific, long general)
    {
        // 400,000,000 ₫ outstanding, 100,000,000 ₫ deductible collateral: base 300,000,000 ₫ × 0/2/25/50/100 %.
        // General 0.75 % × 400,000,000 = 3,000,000 ₫ on groups 1–4 only.
        var provision = ProvisionCalculator.Calculate(group, M(400_000_000), M(100_000_000), LendingPolicy.Default);

        provision.SpecificBase.ShouldBe(M(300_000_000));
        provision.Specific.ShouldBe(M(specific));
        provision.General.ShouldBe(M(general));
        provision.Total.ShouldBe(M(specific + general));
    }

    [Fact]
    public void collateral_above_the_principal_leaves_no_specific_provision()
    {
        var provision = ProvisionCalculator.Calculate(DebtGroup.Group5, M(100_000_000), M(250_000_000), LendingPolicy.Default);

        provision.SpecificBase.ShouldBe(Money.Zero);
        provision.Specific.ShouldBe(Money.Zero);
    }

    [Fact]
    public void entrusted_loans_without_risk_need_no_provision()
    {
        var provision = ProvisionCalculator.Calculate(DebtGroup.Group5, M(100_000_000), Money.Zero, LendingPolicy.Default, entrustedWithoutRisk: true);

        provision.Total.ShouldBe(Money.Zero);
        provision.Excluded.ShouldBeTrue();
    }

    [Fact]
    public void provisions_round_half_away_from_zero_and_add_up()
    {
        // 2 % of 1,234,567 = 24,691.34 → 24,691; 0.75 % of 1,234,567 = 9,259.25 → 9,259.
        var one = ProvisionCalculator.Calculate(DebtGroup.Group2, M(1_234_567), Money.Zero, LendingPolicy.Default);
        var totals = ProvisionTotals.Empty.Add(one).Add(ProvisionCalculator.Calculate(DebtGroup.Group3, M(1_000_000), Money.Zero, LendingPolicy.Default));

        one.Specific.ShouldBe(M(24_691));
        one.General.ShouldBe(M(9_259));
        totals.Loans.ShouldBe(2);
        totals.Specific.ShouldBe(M(24_691 + 250_000));
        totals.BadDebtPrincipal.ShouldBe(M(1_000_000));
    }

    [Fact]
    public void negative_inputs_are_refused()
    {
        Should.Throw<ArgumentException>(() => ProvisionCalculator.Calculate(DebtGroup.Group1, M(-1), Money.Zero, LendingPolicy.Default));
        Should.Throw<ArgumentException>(() => ProvisionCalculator.Calculate(DebtGroup.Group1, M(1), M(-1), LendingPolicy.Default));
        Should.Throw<ArgumentException>(() => ProvisionCalculator.Calculate((DebtGroup)7, M(1), M(0), LendingPolicy.Default));
    }
}
