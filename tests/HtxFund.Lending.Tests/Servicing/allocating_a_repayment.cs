using System.Collections.Immutable;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

public class allocating_a_repayment
{
    private static readonly OutstandingAmounts Owed = new(
        interestOnLateInterest: M(1_000), interestOnOverduePrincipal: M(2_000), overdueInterest: M(30_000),
        overduePrincipal: M(400_000), interestDue: M(50_000), principalDue: M(600_000), accruedInterest: M(7_000),
        principalNotDue: M(8_000_000));

    [Fact]
    public void the_default_waterfall_pays_penalties_then_overdue_then_due_then_prepayment()
    {
        // 1,000 + 2,000 + 30,000 + 400,000 + 50,000 = 483,000; the next 17,000 of 500,000 goes to principal due.
        var allocation = RepaymentAllocator.Allocate(M(500_000), Owed, LendingPolicy.Default);

        allocation.ShouldBe(new PaymentAllocation(M(500_000), M(1_000), M(2_000), M(30_000), M(400_000), M(50_000), M(17_000),
            Money.Zero, Money.Zero, Money.Zero));
    }

    [Fact]
    public void a_payment_beyond_the_payoff_is_a_refundable_excess()
    {
        var allocation = RepaymentAllocator.Allocate(Owed.Payoff + M(123), Owed, LendingPolicy.Default);

        allocation.AccruedInterest.ShouldBe(M(7_000));
        allocation.Prepayment.ShouldBe(M(8_000_000));
        allocation.RefundableExcess.ShouldBe(M(123));
        allocation.Allocated.ShouldBe(allocation.Payment);
    }

    [Fact]
    public void a_fund_can_put_principal_before_interest()
    {
        var policy = LendingPolicy.Default with
        {
            Waterfall =
            [
                AllocationBucket.OverduePrincipal, AllocationBucket.OverdueInterest, AllocationBucket.PrincipalDue,
                AllocationBucket.InterestDue, AllocationBucket.InterestOnOverduePrincipal, AllocationBucket.InterestOnLateInterest,
                AllocationBucket.Prepayment,
            ],
        };

        var allocation = RepaymentAllocator.Allocate(M(420_000), Owed, policy);

        allocation.OverduePrincipal.ShouldBe(M(400_000));
        allocation.OverdueInterest.ShouldBe(M(20_000));
        allocation.InterestOnLateInterest.ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_waterfall_missing_a_bucket_or_prepaying_first_is_refused()
    {
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { Waterfall = [AllocationBucket.Prepayment] })
            .Message.ShouldContain("exactly once");
        Should.Throw<ArgumentException>(() => LendingPolicy.Default with { Waterfall = [.. LendingPolicy.DefaultWaterfall.Reverse()] })
            .Message.ShouldContain("must end with Prepayment");
    }

    [Fact]
    public void zero_or_negative_payments_and_amounts_are_refused()
    {
        Should.Throw<ArgumentException>(() => RepaymentAllocator.Allocate(Money.Zero, Owed, LendingPolicy.Default));
        Should.Throw<ArgumentException>(() => new Repayment(D(2025, 1, 1), M(-5)));
        Should.Throw<ArgumentException>(() => new OutstandingAmounts(M(-1), M(0), M(0), M(0), M(0), M(0), M(0), M(0)))
            .Message.ShouldContain("cannot be negative");
    }
}
