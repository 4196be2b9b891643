using NodaTime;

namespace HtxFund.Lending;

/// <summary>Why a loan's interest receivable is off the balance sheet at a date.</summary>
public enum OffBalanceReason
{
    /// <summary>The loan is in the standard group: its interest is accrued into income (on the balance sheet).</summary>
    None = 0,

    /// <summary>The loan is outside group 1 (Circular 52/2022/TT-BTC Art 5.2): interest is tracked off the balance sheet.</summary>
    NotStandard = 1,

    /// <summary>The loan's principal left the balance sheet by a write-off (Decree 45/2021 Art 28.3–4).</summary>
    WrittenOff = 2,
}

/// <summary>
/// A loan's interest at the end of <see cref="AsOf"/>, split between the balance sheet and off-balance tracking
/// (Circular 52/2022/TT-BTC Art 5.2, 5.4). The receivable is everything charged and unpaid: contractual interest
/// (accrued on the current period, due, overdue) and penalty interest (on overdue principal, on late interest), all from
/// the <see cref="LoanValuation"/>. It is on the balance sheet, as accrued income, only while the loan is in debt group 1
/// and its principal has not been written off; otherwise all of it is off-balance, recognised only when cash arrives.
/// Invariant: <see cref="Charged"/> = <see cref="Paid"/> + <see cref="OnBalance"/> + <see cref="OffBalance"/>.
/// </summary>
public sealed record InterestPosition(
    LocalDate AsOf,
    DebtGroup Group,
    OffBalanceReason OffBalanceReason,
    Money ContractualReceivable,
    Money PenaltyReceivable,
    Money Paid)
{
    /// <summary>Contractual and penalty interest charged and unpaid.</summary>
    public Money Receivable => ContractualReceivable + PenaltyReceivable;

    public bool OnBalanceSheet => OffBalanceReason == OffBalanceReason.None;

    /// <summary>Interest receivable accrued into income (lãi dự thu nội bảng).</summary>
    public Money OnBalance => OnBalanceSheet ? Receivable : Money.Zero;

    /// <summary>Interest receivable tracked off the balance sheet (lãi theo dõi ngoại bảng), income only when paid.</summary>
    public Money OffBalance => OnBalanceSheet ? Money.Zero : Receivable;

    /// <summary>Every đồng of contractual and penalty interest charged since the loan began.</summary>
    public Money Charged => Paid + Receivable;
}

/// <summary>
/// Interest income of one loan (or the sum over loans) for the days <see cref="From"/>..<see cref="To"/>, on the accrual
/// basis of Circular 52/2022/TT-BTC Art 5.2: <see cref="Income"/> = cash received in the period + on-balance receivable at
/// the end − on-balance receivable the day before the period. It is broken down as
/// <see cref="Accrued"/> + <see cref="RecognisedOnCash"/> − <see cref="Reversed"/> (see <see cref="InterestRecognition.Period"/>).
/// </summary>
public sealed record InterestIncome(
    LocalDate From,
    LocalDate To,
    Money CashReceived,
    Money Accrued,
    Money Reversed,
    Money RecognisedOnCash,
    Money OnBalanceAtStart,
    Money OnBalanceAtEnd,
    Money OffBalanceAtEnd)
{
    /// <summary>Recognised interest income of the period (may be negative when reversals exceed it).</summary>
    public Money Income => Accrued + RecognisedOnCash - Reversed;

    public static InterestIncome None(LocalDate from, LocalDate to) =>
        new(from, to, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>The sum of two loans' figures for the same period.</summary>
    public static InterestIncome operator +(InterestIncome a, InterestIncome b)
    {
        if (a.From != b.From || a.To != b.To)
            throw new ArgumentException($"Cannot add the income of {a.From:yyyy-MM-dd}..{a.To:yyyy-MM-dd} to that of {b.From:yyyy-MM-dd}..{b.To:yyyy-MM-dd}.");
        return new(a.From, a.To, a.CashReceived + b.CashReceived, a.Accrued + b.Accrued, a.Reversed + b.Reversed,
            a.RecognisedOnCash + b.RecognisedOnCash, a.OnBalanceAtStart + b.OnBalanceAtStart, a.OnBalanceAtEnd + b.OnBalanceAtEnd,
            a.OffBalanceAtEnd + b.OffBalanceAtEnd);
    }
}

/// <summary>
/// Non-accrual and off-balance interest (Circular 52/2022/TT-BTC Art 5.2 and 5.4; docs/interest-recognition.md).
/// Pure: every figure comes from valuations of the loan at two dates, so a report is reproducible from its events.
/// </summary>
public static class InterestRecognition
{
    /// <summary>
    /// The split of <paramref name="valuation"/>'s interest receivable at its date: on the balance sheet when
    /// <paramref name="classification"/> is group 1 and the principal was not written off on or before that date
    /// (<paramref name="offBalanceSince"/>: the date the principal left the balance sheet; null when it never did).
    /// The state is a function of the date alone: a loan that returns to group 1 brings its whole receivable back on the
    /// balance sheet (docs/interest-recognition.md says why).
    /// </summary>
    public static InterestPosition At(LoanValuation valuation, DebtClassification classification, LocalDate? offBalanceSince)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        ArgumentNullException.ThrowIfNull(classification);
        var reason = offBalanceSince is { } since && since <= valuation.AsOf ? OffBalanceReason.WrittenOff
            : classification.RecogniseInterestAsIncome ? OffBalanceReason.None
            : OffBalanceReason.NotStandard;
        return new InterestPosition(valuation.AsOf, classification.Group, reason,
            valuation.InterestAccrued + valuation.InterestDue + valuation.InterestOverdue,
            valuation.InterestOnOverduePrincipal + valuation.InterestOnLateInterest,
            valuation.PaidInterest + valuation.PaidPenaltyInterest);
    }

    /// <summary><see cref="At(LoanValuation, DebtClassification, LocalDate?)"/> with the group of
    /// <see cref="DebtClassifier.Classify(LoanValuation, LendingPolicy, DebtGroup?, bool)"/>.</summary>
    public static InterestPosition At(LoanValuation valuation, LendingPolicy policy, LocalDate? offBalanceSince) =>
        At(valuation, DebtClassifier.Classify(valuation, policy), offBalanceSince);

    /// <summary>
    /// The loan's interest income for <paramref name="from"/>..<c>end.AsOf</c>, from its position the day before
    /// <paramref name="from"/> (<paramref name="before"/>; null when the loan had not started then: nothing was charged
    /// or recognised) and at the end. Income = cash received + on-balance receivable at the end − on-balance receivable
    /// before, broken down by the loan's state at the two dates:
    /// <list type="bullet">
    /// <item>on the balance sheet at the end, and before (or new): <see cref="InterestIncome.Accrued"/> = interest charged in
    ///   the period (cash + receivable at the end − receivable before); a net decrease (a waiver) is a reversal;</item>
    /// <item>on the balance sheet at the end, off before (it returned to group 1): the cash received is recognised on
    ///   receipt and the receivable at the end is accrued;</item>
    /// <item>off the balance sheet at the end: the cash first settles the on-balance receivable brought forward (older
    ///   interest is paid first); what of that receivable is left is <see cref="InterestIncome.Reversed"/> (income of earlier
    ///   periods taken back, Art 5.4), the rest of the cash is <see cref="InterestIncome.RecognisedOnCash"/>; nothing is
    ///   accrued. A loan off the balance sheet before and after with no cash recognises nothing.</item>
    /// </list>
    /// Interest a loan accrues and reverses within one period nets out: the breakdown shows what moved between periods.
    /// </summary>
    public static InterestIncome Period(LocalDate from, InterestPosition? before, InterestPosition end)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (before is not null && before.AsOf != from.PlusDays(-1))
            throw new ArgumentException($"The position before a period from {from:yyyy-MM-dd} must be at {from.PlusDays(-1):yyyy-MM-dd}, not {before.AsOf:yyyy-MM-dd}.", nameof(before));
        if (end.AsOf < from.PlusDays(-1))
            throw new ArgumentException($"A period from {from:yyyy-MM-dd} cannot end {end.AsOf:yyyy-MM-dd}.", nameof(end));

        var cash = end.Paid - (before?.Paid ?? Money.Zero);
        var startOn = before?.OnBalance ?? Money.Zero;
        var wasOn = before?.OnBalanceSheet ?? true;
        Money accrued = Money.Zero, reversed = Money.Zero, onCash = Money.Zero;
        if (end.OnBalanceSheet && wasOn)
        {
            var charged = cash + end.OnBalance - startOn;
            if (charged.IsNegative) reversed = -charged; else accrued = charged;
        }
        else if (end.OnBalanceSheet)
        {
            onCash = cash;
            accrued = end.OnBalance;
        }
        else
        {
            var settled = Money.Min(cash, startOn);
            reversed = startOn - settled;
            onCash = cash - settled;
        }
        return new InterestIncome(from, end.AsOf, cash, accrued, reversed, onCash, startOn, end.OnBalance, end.OffBalance);
    }
}
