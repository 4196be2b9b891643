using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace HtxFund.Lending.Tests.RiskHandling;

/// <summary>The use of provisions against a loan's principal, the 5-year rule and the limit of recoveries (hand-computed).</summary>
public class using_provisions_and_recovering
{
    [Fact]
    public void a_group_5_loan_fully_provided_uses_its_whole_provision_and_charges_nothing_to_expense()
    {
        var use = Lending.RiskHandling.UseProvisions(Money.Of(300_000_000), Money.Of(300_000_000));

        use.ShouldBe(new ProvisionUse(Money.Of(300_000_000), Money.Of(300_000_000), Money.Zero));
    }

    [Fact]
    public void a_provision_below_the_principal_leaves_the_rest_charged_to_expense()
    {
        // 250.000.000 provided (e.g. collateral deducted) against 300.000.000 principal: 50.000.000 is a loss of the period
        var use = Lending.RiskHandling.UseProvisions(Money.Of(300_000_000), Money.Of(250_000_000));

        use.ShouldBe(new ProvisionUse(Money.Of(300_000_000), Money.Of(250_000_000), Money.Of(50_000_000)));
    }

    [Fact]
    public void a_provision_above_the_principal_is_used_only_up_to_the_principal()
    {
        // provided at 31/10 on 300.000.000; 40.000.000 repaid since: only 260.000.000 is used, the rest stays held
        var use = Lending.RiskHandling.UseProvisions(Money.Of(260_000_000), Money.Of(300_000_000));

        use.ShouldBe(new ProvisionUse(Money.Of(260_000_000), Money.Of(260_000_000), Money.Zero));
    }

    [Fact]
    public void the_write_off_comes_five_whole_years_after_the_provisions_were_used()
    {
        Lending.RiskHandling.EarliestWriteOff(new LocalDate(2026, 12, 7), 5).ShouldBe(new LocalDate(2031, 12, 7));
        Lending.RiskHandling.EarliestWriteOff(new LocalDate(2028, 2, 29), 5).ShouldBe(new LocalDate(2033, 2, 28));
    }

    [Fact]
    public void a_recovery_may_bring_in_the_principal_off_balance_and_the_interest_owed_less_what_came_in_already()
    {
        // 300.000.000 off balance, 18.000.000 interest owed, 100.000.000 recovered: at most 218.000.000 more
        Lending.RiskHandling.RecoveryLimit(Money.Of(300_000_000), Money.Of(18_000_000), Money.Of(100_000_000)).ShouldBe(Money.Of(218_000_000));
        Lending.RiskHandling.RecoveryLimit(Money.Of(300_000_000), Money.Of(18_000_000), Money.Of(318_000_000)).ShouldBe(Money.Zero);
    }

    [Property(MaxTest = 300)]
    public bool the_principal_is_always_split_between_provisions_used_and_expense(NonNegativeInt principal, NonNegativeInt held)
    {
        var use = Lending.RiskHandling.UseProvisions(Money.Of(principal.Get * 1000L), Money.Of(held.Get * 1000L));
        return use.ProvisionsUsed + use.ChargedToExpense == use.PrincipalOffBalance
            && use.ProvisionsUsed <= Money.Of(held.Get * 1000L) && !use.ChargedToExpense.IsNegative
            && (use.ChargedToExpense.IsZero || use.ProvisionsUsed == Money.Of(held.Get * 1000L));
    }

    [Property(MaxTest = 300)]
    public bool recoveries_each_within_the_limit_never_sum_above_the_principal_and_interest(NonNegativeInt principal, NonNegativeInt interest,
        PositiveInt[] attempts)
    {
        var (p, i) = (Money.Of(principal.Get), Money.Of(interest.Get));
        var recovered = Money.Zero;
        foreach (var attempt in attempts)
        {
            var amount = Money.Of(attempt.Get);
            if (amount <= Lending.RiskHandling.RecoveryLimit(p, i, recovered)) recovered += amount;
        }
        return recovered <= p + i && !Lending.RiskHandling.RecoveryLimit(p, i, recovered).IsNegative;
    }
}
