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
    /// The loan's interest income for <paramref name="from"/>..<c>end.AsOf</c> from its positions: the day before
    /// <paramref name="from"/> (<paramref name="before"/>; null when the loan had not started then: nothing was charged or
    /// recognised), at the end, and, when it is off the balance sheet at the end, the last day it was on it within the period
    /// (<paramref name="lastOnBalance"/>, from <see cref="LastOnBalanceDay"/>; null when it was off on every day of the
    /// period). Income = cash received + on-balance receivable at the end − on-balance receivable before, broken down as
    /// what the loan did day by day when it changed state at most once in each part:
    /// <list type="bullet">
    /// <item>while on the balance sheet: <see cref="InterestIncome.Accrued"/> = interest charged (cash + receivable at the end
    ///   of the run − receivable at its start); a net decrease (a waiver) is a reversal;</item>
    /// <item>back on the balance sheet after being off (it returned to group 1): the cash received up to the day it came back
    ///   (<paramref name="returned"/>) is recognised on receipt, and the receivable that day and what was charged after it are
    ///   accrued;</item>
    /// <item>the day it moves off the balance sheet: its on-balance receivable is <see cref="InterestIncome.Reversed"/>
    ///   (income taken back, Art 5.4); from then on nothing is accrued, and the cash received is
    ///   <see cref="InterestIncome.RecognisedOnCash"/>. A loan off the balance sheet all the period with no cash recognises
    ///   nothing.</item>
    /// </list>
    /// </summary>
    public static InterestIncome Period(LocalDate from, InterestPosition? before, InterestPosition end, InterestPosition? lastOnBalance,
        InterestPosition? returned = null)
    {
        ArgumentNullException.ThrowIfNull(end);
        var eve = from.PlusDays(-1);
        if (before is not null && before.AsOf != eve)
            throw new ArgumentException($"The position before a period from {from:yyyy-MM-dd} must be at {eve:yyyy-MM-dd}, not {before.AsOf:yyyy-MM-dd}.", nameof(before));
        if (end.AsOf < eve)
            throw new ArgumentException($"A period from {from:yyyy-MM-dd} cannot end {end.AsOf:yyyy-MM-dd}.", nameof(end));
        if (end.OnBalanceSheet && lastOnBalance is not null)
            throw new ArgumentException("A loan on the balance sheet at the end of the period has no last day on it before the end.", nameof(lastOnBalance));
        if (lastOnBalance is not null && (!lastOnBalance.OnBalanceSheet || lastOnBalance.AsOf < eve || lastOnBalance.AsOf >= end.AsOf))
            throw new ArgumentException($"The last day on the balance sheet must be a day on it from {eve:yyyy-MM-dd} to before {end.AsOf:yyyy-MM-dd}.", nameof(lastOnBalance));
        if (!end.OnBalanceSheet && lastOnBalance is null && before is { OnBalanceSheet: true })
            throw new ArgumentException("A loan on the balance sheet before the period and off it at the end has a last day on it.", nameof(lastOnBalance));

        var startOn = before?.OnBalance ?? Money.Zero;
        var paidBefore = before?.Paid ?? Money.Zero;
        var cash = end.Paid - paidBefore;
        Money accrued, reversed, onCash;
        if (end.OnBalanceSheet)
            (accrued, reversed, onCash) = OnBalanceRun(before, end, returned);
        else if (lastOnBalance is null)
            (accrued, reversed, onCash) = (Money.Zero, Money.Zero, cash);
        else
        {
            (accrued, reversed, onCash) = OnBalanceRun(before, lastOnBalance);
            reversed += lastOnBalance.OnBalance;
            onCash += end.Paid - lastOnBalance.Paid;
        }
        return new InterestIncome(from, end.AsOf, cash, accrued, reversed, onCash, startOn, end.OnBalance, end.OffBalance);
    }

    /// <summary>From <paramref name="before"/> to <paramref name="end"/>, the loan on the balance sheet at the end.
    /// <paramref name="returned"/>: for a loan off the balance sheet before and on it at the end, its position on the day it
    /// came back (<see cref="ReturnDay"/>): the cash received up to that day is recognised on receipt, the receivable that
    /// day and what was charged after it are accrued (without it, all the period's cash counts as received while off).</summary>
    private static (Money Accrued, Money Reversed, Money OnCash) OnBalanceRun(InterestPosition? before, InterestPosition end,
        InterestPosition? returned = null)
    {
        var cash = end.Paid - (before?.Paid ?? Money.Zero);
        if (before is { OnBalanceSheet: false })
        {
            if (returned is null) return (end.OnBalance, Money.Zero, cash);
            var onCash = returned.Paid - before.Paid;
            var accrued = end.OnBalance + end.Paid - returned.Paid;
            return accrued.IsNegative ? (Money.Zero, -accrued, onCash) : (accrued, Money.Zero, onCash);
        }
        var charged = cash + end.OnBalance - (before?.OnBalance ?? Money.Zero);
        return charged.IsNegative ? (Money.Zero, -charged, Money.Zero) : (charged, Money.Zero, Money.Zero);
    }

    /// <summary>For a loan off the balance sheet the day before <paramref name="from"/>, its position on the first day from
    /// <paramref name="from"/> to <paramref name="to"/> on which it is on it again; only a repayment brings a loan back, so
    /// only repayment dates are valued, earliest first. Null when it is off on every one of them.</summary>
    public static InterestPosition? ReturnDay(RepaymentSchedule schedule, IReadOnlyList<LoanTransaction> transactions, LendingPolicy policy,
        LocalDate? offBalanceSince, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var date in transactions.Where(t => t is Repayment && t.Date >= from && t.Date <= to).Select(t => t.Date).Distinct().Order())
        {
            var position = At(LoanValuator.Value(schedule, transactions, date, policy), policy, offBalanceSince);
            if (position.OnBalanceSheet) return position;
        }
        return null;
    }

    /// <summary>
    /// The loan's position on the last day from <paramref name="from"/> − 1 (or its start) to before <paramref name="to"/>
    /// on which it was on the balance sheet, given that it is off it at <paramref name="to"/> and every day after that day;
    /// null when it was off on every one of those days. The state can change only on a transaction's date (a repayment
    /// may bring it back to group 1, a restructuring or a waiver takes it out), on a due date plus the group-2 threshold
    /// of days past due (<see cref="DebtGroupThresholds.Group2FromDays"/>), or on the write-off date, so only the days
    /// before those dates are valued, latest first. Given <paramref name="before"/> (the position the day before the
    /// period) off the balance sheet and no repayment in the period, nothing is valued: only a repayment brings a loan back.
    /// </summary>
    public static InterestPosition? LastOnBalanceDay(RepaymentSchedule schedule, IReadOnlyList<LoanTransaction> transactions,
        LendingPolicy policy, LocalDate? offBalanceSince, LocalDate from, LocalDate to, InterestPosition? before = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(policy);
        if (before is { OnBalanceSheet: false } && !transactions.Any(t => t is Repayment && t.Date >= from && t.Date <= to))
            return null;
        var start = schedule.Terms.StartDate;
        var first = from.PlusDays(-1) > start ? from.PlusDays(-1) : start;
        var threshold = policy.DebtGroupThresholds.Group2FromDays;
        var changes = new SortedSet<LocalDate>();
        void Candidate(LocalDate d)
        {
            if (d > first && d <= to) changes.Add(d);
        }
        foreach (var instalment in schedule.Instalments) Candidate(instalment.DueDate.PlusDays(threshold));
        foreach (var transaction in transactions)
        {
            Candidate(transaction.Date);
            if (transaction is Restructuring r)
                foreach (var planned in r.Instalments) Candidate(planned.DueDate.PlusDays(threshold));
        }
        if (offBalanceSince is { } since) Candidate(since);

        foreach (var change in changes.Reverse())
        {
            var eve = At(LoanValuator.Value(schedule, transactions, change.PlusDays(-1), policy), policy, offBalanceSince);
            if (eve.OnBalanceSheet) return eve;
        }
        return null;
    }

    /// <summary>
    /// The loan's interest income for <paramref name="from"/>..<paramref name="to"/> from its booked schedule and
    /// transactions: valued the day before the period, at its end and, when it ends off the balance sheet, on the last
    /// day it was on it (<see cref="LastOnBalanceDay"/>); null when the loan starts after <paramref name="to"/>.
    /// </summary>
    public static InterestIncome? Period(RepaymentSchedule schedule, IReadOnlyList<LoanTransaction> transactions, LendingPolicy policy,
        LocalDate? offBalanceSince, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var start = schedule.Terms.StartDate;
        if (to < start) return null;
        var eve = from.PlusDays(-1);
        var before = eve < start ? null : At(LoanValuator.Value(schedule, transactions, eve, policy), policy, offBalanceSince);
        var end = At(LoanValuator.Value(schedule, transactions, to, policy), policy, offBalanceSince);
        var returned = end.OnBalanceSheet && before is { OnBalanceSheet: false }
            ? ReturnDay(schedule, transactions, policy, offBalanceSince, from, to)
            : null;
        return Period(from, before, end, end.OnBalanceSheet ? null : LastOnBalanceDay(schedule, transactions, policy, offBalanceSince, from, to, before),
            returned);
    }
}
