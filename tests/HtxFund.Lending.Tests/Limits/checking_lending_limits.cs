using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Limits;

public class checking_lending_limits
{
    // Dong Nai's fund: 150 billion ₫ charter capital (DOMAIN.md §5) with 2 billion ₫ retained surplus.
    private static readonly Money Capital = LendingLimits.ActualCharterCapital(M(150_000_000_000), M(2_000_000_000));

    [Fact]
    public void actual_charter_capital_adds_surplus_and_subtracts_loss()
    {
        Capital.ShouldBe(M(152_000_000_000));
        LendingLimits.ActualCharterCapital(M(20_000_000_000), M(-500_000_000)).ShouldBe(M(19_500_000_000));
    }

    [Fact]
    public void a_single_borrower_may_have_up_to_15_percent()
    {
        // 15 % of 152,000,000,000 = 22,800,000,000 ₫; 20 bn outstanding + 2 bn new = 22 bn, headroom 800 m.
        var check = LendingLimits.CheckSingleBorrower(Capital, M(20_000_000_000), M(2_000_000_000), LendingPolicy.Default);

        check.Limit.ShouldBe(M(22_800_000_000));
        check.Value.ShouldBe(M(22_000_000_000));
        check.Headroom.ShouldBe(M(800_000_000));
        check.Passed.ShouldBeTrue();
        check.Kind.ShouldBe(LimitKind.Maximum);
        check.Rule.ShouldContain("Decree 45/2021 Art 23.2.a");
    }

    [Fact]
    public void a_loan_that_breaks_the_related_group_limit_says_by_how_much()
    {
        // 25 % of 152,000,000,000 = 38,000,000,000 ₫; 37 bn + 1.5 bn = 38.5 bn is 500,000,000 ₫ over.
        var check = LendingLimits.CheckRelatedGroup(Capital, M(37_000_000_000), M(1_500_000_000), LendingPolicy.Default);

        check.Passed.ShouldBeFalse();
        check.Headroom.ShouldBe(M(-500_000_000));
        check.Explanation.ShouldContain("500.000.000 ₫ over the limit 38.000.000.000 ₫");
    }

    [Fact]
    public void the_borrower_needs_20_percent_own_equity()
    {
        // Project 1,000,000,001 ₫: 20 % = 200,000,000.2, rounded up to 200,000,001 ₫ so a minimum is never undercut.
        var shortfall = LendingLimits.CheckOwnEquity(M(1_000_000_001), M(200_000_000), LendingPolicy.Default);
        var enough = LendingLimits.CheckOwnEquity(M(1_000_000_000), M(250_000_000), LendingPolicy.Default);

        shortfall.Limit.ShouldBe(M(200_000_001));
        shortfall.Passed.ShouldBeFalse();
        shortfall.Headroom.ShouldBe(M(-1));
        enough.Passed.ShouldBeTrue();
        enough.Headroom.ShouldBe(M(50_000_000));
        enough.Kind.ShouldBe(LimitKind.Minimum);
    }

    [Fact]
    public void a_fund_with_no_capital_left_can_lend_nothing()
    {
        var broke = LendingLimits.ActualCharterCapital(M(20_000_000_000), M(-21_000_000_000));

        var check = LendingLimits.CheckSingleBorrower(broke, Money.Zero, M(1), LendingPolicy.Default);

        check.Limit.ShouldBe(Money.Zero);
        check.Passed.ShouldBeFalse();
    }
}
