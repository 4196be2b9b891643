namespace HtxFund.Lending;

/// <summary>The buckets a repayment can pay, in the terms of Circular 39/2016 Art 13.4 and Decree 45/2021 Art 25.1.b.</summary>
public enum AllocationBucket
{
    /// <summary>Interest charged on contractual interest left unpaid after its due date (≤ 10 %/year).</summary>
    InterestOnLateInterest,

    /// <summary>Interest at the overdue rate (≤ 150 % of the in-term rate) on principal left unpaid after its due date.</summary>
    InterestOnOverduePrincipal,

    /// <summary>Contractual interest whose due date has passed.</summary>
    OverdueInterest,

    /// <summary>Principal whose due date has passed.</summary>
    OverduePrincipal,

    /// <summary>Contractual interest due today (or deferred by a restructuring and not yet late).</summary>
    InterestDue,

    /// <summary>Principal due today.</summary>
    PrincipalDue,

    /// <summary>
    /// Whatever remains: first the interest accrued to date on the current period, then principal not yet due (a
    /// prepayment). Anything beyond that is a refundable excess.
    /// </summary>
    Prepayment,
}

/// <summary>What a borrower owes at the moment of a payment, per bucket. All amounts are zero or positive (a value type, so a valuation allocates nothing for it).</summary>
public readonly record struct OutstandingAmounts
{
    public OutstandingAmounts(
        Money interestOnLateInterest, Money interestOnOverduePrincipal, Money overdueInterest, Money overduePrincipal,
        Money interestDue, Money principalDue, Money accruedInterest, Money principalNotDue)
    {
        InterestOnLateInterest = NonNegative(interestOnLateInterest, nameof(interestOnLateInterest));
        InterestOnOverduePrincipal = NonNegative(interestOnOverduePrincipal, nameof(interestOnOverduePrincipal));
        OverdueInterest = NonNegative(overdueInterest, nameof(overdueInterest));
        OverduePrincipal = NonNegative(overduePrincipal, nameof(overduePrincipal));
        InterestDue = NonNegative(interestDue, nameof(interestDue));
        PrincipalDue = NonNegative(principalDue, nameof(principalDue));
        AccruedInterest = NonNegative(accruedInterest, nameof(accruedInterest));
        PrincipalNotDue = NonNegative(principalNotDue, nameof(principalNotDue));
    }

    public Money InterestOnLateInterest { get; }
    public Money InterestOnOverduePrincipal { get; }
    public Money OverdueInterest { get; }
    public Money OverduePrincipal { get; }
    public Money InterestDue { get; }
    public Money PrincipalDue { get; }

    /// <summary>Contractual interest accrued on the current period, not yet due.</summary>
    public Money AccruedInterest { get; }

    /// <summary>Principal not yet due.</summary>
    public Money PrincipalNotDue { get; }

    /// <summary>Everything that must be paid to bring the loan up to date.</summary>
    public Money DueNow => InterestOnLateInterest + InterestOnOverduePrincipal + OverdueInterest + OverduePrincipal + InterestDue + PrincipalDue;

    /// <summary>Everything that must be paid to settle the loan today.</summary>
    public Money Payoff => DueNow + AccruedInterest + PrincipalNotDue;

    /// <summary>All interest owed today, contractual and penalty: what an <see cref="InterestWaiver"/> can forgive at most.</summary>
    public Money Interest => InterestOnLateInterest + InterestOnOverduePrincipal + OverdueInterest + InterestDue + AccruedInterest;

    private static Money NonNegative(Money amount, string name) =>
        amount.IsNegative ? throw new ArgumentException($"An outstanding amount cannot be negative ({name} = {amount}).", name) : amount;
}

/// <summary>How one payment was split. The parts always add up to <see cref="Payment"/> exactly.</summary>
public readonly record struct PaymentAllocation(
    Money Payment,
    Money InterestOnLateInterest,
    Money InterestOnOverduePrincipal,
    Money OverdueInterest,
    Money OverduePrincipal,
    Money InterestDue,
    Money PrincipalDue,
    Money AccruedInterest,
    Money Prepayment,
    Money RefundableExcess)
{
    public Money Principal => OverduePrincipal + PrincipalDue + Prepayment;
    public Money ContractualInterest => OverdueInterest + InterestDue + AccruedInterest;
    public Money PenaltyInterest => InterestOnLateInterest + InterestOnOverduePrincipal;

    /// <summary>Contractual and penalty interest: what the lender earned with the payment.</summary>
    public Money Interest => ContractualInterest + PenaltyInterest;

    /// <summary>The sum of every part; equals <see cref="Payment"/>.</summary>
    public Money Allocated => Principal + Interest + RefundableExcess;
}

/// <summary>
/// Splits a payment over what is owed by the policy's waterfall. Every đồng is allocated: what exceeds the whole
/// balance (payoff) is reported as a refundable excess, never silently kept.
/// </summary>
public static class RepaymentAllocator
{
    public static PaymentAllocation Allocate(Money payment, OutstandingAmounts outstanding, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!payment.IsPositive)
            throw new ArgumentException($"A payment must be above 0 ₫, not {payment}.", nameof(payment));

        var left = payment;
        Money lateOnInterest = default, onOverduePrincipal = default, overdueInterest = default, overduePrincipal = default;
        Money interestDue = default, principalDue = default, accrued = default, prepayment = default;
        foreach (var bucket in policy.Waterfall)
        {
            switch (bucket)
            {
                case AllocationBucket.InterestOnLateInterest: lateOnInterest = Take(ref left, outstanding.InterestOnLateInterest); break;
                case AllocationBucket.InterestOnOverduePrincipal: onOverduePrincipal = Take(ref left, outstanding.InterestOnOverduePrincipal); break;
                case AllocationBucket.OverdueInterest: overdueInterest = Take(ref left, outstanding.OverdueInterest); break;
                case AllocationBucket.OverduePrincipal: overduePrincipal = Take(ref left, outstanding.OverduePrincipal); break;
                case AllocationBucket.InterestDue: interestDue = Take(ref left, outstanding.InterestDue); break;
                case AllocationBucket.PrincipalDue: principalDue = Take(ref left, outstanding.PrincipalDue); break;
                case AllocationBucket.Prepayment:
                    accrued = Take(ref left, outstanding.AccruedInterest);
                    prepayment = Take(ref left, outstanding.PrincipalNotDue);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(policy), bucket, "Unknown allocation bucket.");
            }
        }
        return new PaymentAllocation(payment, lateOnInterest, onOverduePrincipal, overdueInterest, overduePrincipal,
            interestDue, principalDue, accrued, prepayment, left);
    }

    private static Money Take(ref Money left, Money owed)
    {
        var taken = Money.Min(left, owed);
        left -= taken;
        return taken;
    }
}
