using System.Runtime.InteropServices;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// The mutable fold behind <see cref="LoanLedger"/> and <see cref="LoanValuator"/>; never exposed.
/// <para>
/// The state changes only at events: due dates, transactions and the valuation date. Between two events balances are
/// constant, so interest is integrated as balance × days ("đồng-days", exact integers) with no per-day state: the cost
/// is proportional to instalments + transactions, not to the age of the loan.
/// </para>
/// <para>
/// Time model: balances are end-of-day balances. Integrating [d1, d2) adds each end-of-day balance of days d1..d2−1.
/// Under option (a) of Circular 14/2017 (exclude first, include last, start-of-day balance) day d is charged on the
/// end-of-day balance of d−1, so a valuation as of d integrates to d; under option (b) (include first, exclude last,
/// end-of-day balance) a valuation as of d integrates to d + 1. A period ending on due date T integrates to T in both,
/// which is what each option gives for "up to T".
/// </para>
/// </summary>
internal sealed partial class LoanEngine
{
    private struct DueItem
    {
        public LocalDate Due;
        public long Remaining;
        public bool IsInterest;
    }

    private readonly LoanTerms terms;
    private readonly LendingPolicy policy;
    private readonly AnnualRate rate;
    private readonly AnnualRate overdueRate;
    private readonly AnnualRate lateRate;

    private LocalDate[] dueDates;
    private int[] dueDays;
    private long[] planned;
    private long[] billedPrincipal;
    private long[] billedInterest;
    private int next;
    private List<DueItem> items;

    private LocalDate clock;
    private int clockDay;
    private long notDue;
    private long periodDongDays;
    private long accruedPaid;
    private long overdueDongDays;
    private long paidOnOverduePrincipal;
    private long lateDongDays;
    private long paidOnLateInterest;

    private long disbursed;
    private long paidPrincipal;
    private long paidInterest;
    private long refundable;
    private int restructurings;
    private LocalDate? lastRestructuredOn;
    private long waivedOnOverduePrincipal;
    private long waivedOnLateInterest;
    private long interestWaived;
    private int waiversForInabilityToPay;
    private bool opened;
    private long openingPenalty;

    public LoanEngine(RepaymentSchedule schedule, LendingPolicy policy)
    {
        terms = schedule.Terms;
        this.policy = policy;
        rate = new AnnualRate(terms.AnnualRatePercent);
        overdueRate = new AnnualRate(policy.OverdueRatePercentPerYear(terms.AnnualRatePercent));
        lateRate = new AnnualRate(policy.LateInterestRatePercentPerYear);
        dueDates = schedule.DueDates; // shared read-only; a restructuring replaces, never writes, them
        dueDays = schedule.DueDays;
        planned = (long[])schedule.PlannedPrincipal.Clone();
        billedPrincipal = new long[dueDates.Length];
        billedInterest = new long[dueDates.Length];
        items = new List<DueItem>(4);
        clock = terms.StartDate;
        clockDay = DayCount.DayNumber(clock);
    }

    private LoanEngine(LoanEngine source)
    {
        terms = source.terms;
        policy = source.policy;
        rate = source.rate;
        overdueRate = source.overdueRate;
        lateRate = source.lateRate;
        dueDates = source.dueDates; // replaced, never written, by a restructuring
        dueDays = source.dueDays;
        planned = (long[])source.planned.Clone();
        billedPrincipal = (long[])source.billedPrincipal.Clone();
        billedInterest = (long[])source.billedInterest.Clone();
        next = source.next;
        items = new List<DueItem>(source.items);
        clock = source.clock;
        clockDay = source.clockDay;
        notDue = source.notDue;
        periodDongDays = source.periodDongDays;
        accruedPaid = source.accruedPaid;
        overdueDongDays = source.overdueDongDays;
        paidOnOverduePrincipal = source.paidOnOverduePrincipal;
        lateDongDays = source.lateDongDays;
        paidOnLateInterest = source.paidOnLateInterest;
        disbursed = source.disbursed;
        paidPrincipal = source.paidPrincipal;
        paidInterest = source.paidInterest;
        refundable = source.refundable;
        restructurings = source.restructurings;
        lastRestructuredOn = source.lastRestructuredOn;
        waivedOnOverduePrincipal = source.waivedOnOverduePrincipal;
        waivedOnLateInterest = source.waivedOnLateInterest;
        interestWaived = source.interestWaived;
        waiversForInabilityToPay = source.waiversForInabilityToPay;
        opened = source.opened;
        openingPenalty = source.openingPenalty;
    }

    public LoanTerms Terms => terms;
    public LendingPolicy Policy => policy;
    public LocalDate Clock => clock;

    public LoanEngine Clone() => new(this);

    /// <summary>Crystallises every due date up to and including <paramref name="target"/> and integrates to it.</summary>
    public void AdvanceTo(LocalDate target)
    {
        if (target < clock)
            throw new ArgumentException(target < terms.StartDate
                ? $"{target:yyyy-MM-dd} is before the loan start {terms.StartDate:yyyy-MM-dd}."
                : $"{target:yyyy-MM-dd} is before {clock:yyyy-MM-dd}, which this ledger has already reached; value from the full transaction list instead.");
        var targetDay = DayCount.DayNumber(target);
        while (next < dueDays.Length && dueDays[next] <= targetDay)
        {
            Integrate(dueDates[next], dueDays[next]);
            Crystallise();
        }
        Integrate(target, targetDay);
    }

    /// <summary>Applies a transaction dated on or after <see cref="Clock"/>; returns the split of a repayment.</summary>
    public PaymentAllocation? Apply(LoanTransaction transaction)
    {
        AdvanceTo(transaction.Date);
        switch (transaction)
        {
            case OpeningBalance o:
                Open(o);
                return null;
            case Disbursement d:
                Disburse(d);
                return null;
            case Repayment r:
                var allocation = RepaymentAllocator.Allocate(r.Amount, Outstanding(), policy);
                ApplyAllocation(allocation, r.PrepaymentMode ?? policy.DefaultPrepaymentMode);
                return allocation;
            case Restructuring s:
                Restructure(s);
                return null;
            case InterestWaiver w:
                Waive(w);
                return null;
            default:
                throw new ArgumentException($"Unknown transaction type {transaction.GetType().Name}.", nameof(transaction));
        }
    }

    /// <summary>What is owed at <see cref="Clock"/> for a payment made that day.</summary>
    public OutstandingAmounts Outstanding()
    {
        var (overdueInterest, interestDue, overduePrincipal, principalDue, _) = ItemTotals();
        return new OutstandingAmounts(
            Money.Of(lateRate.Interest(lateDongDays) - paidOnLateInterest - waivedOnLateInterest),
            Money.Of(openingPenalty + overdueRate.Interest(overdueDongDays) - paidOnOverduePrincipal - waivedOnOverduePrincipal),
            Money.Of(overdueInterest),
            Money.Of(overduePrincipal),
            Money.Of(interestDue),
            Money.Of(principalDue),
            Money.Of(rate.Interest(periodDongDays) - accruedPaid),
            Money.Of(notDue));
    }

    /// <summary>The valuation at the end of <see cref="Clock"/>; does not change the state.</summary>
    public LoanValuation Snapshot()
    {
        var asOf = clock;
        var extraDays = terms.DayCount == DayCountBasis.IncludeFirstExcludeLast ? 1 : 0;
        var (overduePrincipalBase, lateInterestBase) = PenaltyBases();
        var (overdueInterest, interestDue, overduePrincipal, principalDue, oldest) = ItemTotals();

        return new LoanValuation
        {
            AsOf = asOf,
            PolicyVersion = policy.Version,
            PrincipalDisbursed = Money.Of(disbursed),
            PrincipalNotDue = Money.Of(notDue),
            PrincipalDue = Money.Of(principalDue),
            PrincipalOverdue = Money.Of(overduePrincipal),
            InterestAccrued = Money.Of(rate.Interest(periodDongDays + notDue * extraDays) - accruedPaid),
            InterestDue = Money.Of(interestDue),
            InterestOverdue = Money.Of(overdueInterest),
            InterestOnOverduePrincipal = Money.Of(openingPenalty +
                overdueRate.Interest(overdueDongDays + overduePrincipalBase * extraDays) - paidOnOverduePrincipal - waivedOnOverduePrincipal),
            InterestOnLateInterest = Money.Of(
                lateRate.Interest(lateDongDays + lateInterestBase * extraDays) - paidOnLateInterest - waivedOnLateInterest),
            DaysPastDue = oldest is { } o ? DayCount.DaysBetween(o, asOf) : 0,
            OldestUnpaidDueDate = oldest,
            NextDueDate = next < dueDates.Length ? dueDates[next] : null,
            FinalDueDate = dueDates[^1],
            RestructuringCount = restructurings,
            LastRestructuredOn = lastRestructuredOn,
            PaidPrincipal = Money.Of(paidPrincipal),
            PaidInterest = Money.Of(paidInterest),
            PaidPenaltyInterest = Money.Of(paidOnOverduePrincipal + paidOnLateInterest),
            RefundableExcess = Money.Of(refundable),
            InterestWaived = Money.Of(interestWaived),
            InterestWaiversForInabilityToPay = waiversForInabilityToPay,
        };
    }

    /// <summary>
    /// The schedule in force at <see cref="Clock"/> as this engine bills it: each instalment whose due date has passed
    /// (or is today) with the principal and interest it was billed and what of them is still unpaid, then each
    /// instalment still to come with the principal and interest it will be billed if nothing else happens before it
    /// (no repayment, disbursement or restructuring): the remaining principal plan after prepayments, and interest on the
    /// balance not yet due, exactly as <see cref="Crystallise"/> will compute it. Since a restructuring, the schedule is
    /// its plan. Trailing instalments a shortened term leaves with nothing to bill are left out once the loan is fully
    /// disbursed.
    /// </summary>
    public IReadOnlyList<ScheduledInstalment> Instalments()
    {
        var list = new List<ScheduledInstalment>(dueDates.Length);
        for (var i = 0; i < next; i++)
        {
            long principalUnpaid = 0, interestUnpaid = 0;
            foreach (var item in CollectionsMarshal.AsSpan(items))
            {
                if (item.Due != dueDates[i]) continue;
                if (item.IsInterest) interestUnpaid += item.Remaining; else principalUnpaid += item.Remaining;
            }
            list.Add(new ScheduledInstalment(i + 1, dueDates[i], Money.Of(billedPrincipal[i]), Money.Of(billedInterest[i]),
                Money.Of(principalUnpaid), Money.Of(interestUnpaid), Billed: true));
        }
        if (next >= dueDates.Length)
            return list;
        var projection = Clone();
        var fullyDisbursed = disbursed == terms.Principal.Dong || opened;
        var projected = new List<ScheduledInstalment>(dueDates.Length - next);
        for (var i = next; i < dueDates.Length; i++)
        {
            projection.AdvanceTo(dueDates[i]);
            var principal = projection.billedPrincipal[i];
            var interest = projection.billedInterest[i];
            projected.Add(new ScheduledInstalment(i + 1, dueDates[i], Money.Of(principal), Money.Of(interest),
                Money.Of(principal), Money.Of(interest), Billed: false));
        }
        if (fullyDisbursed)
        {
            var last = projected.FindLastIndex(p => p.Principal.IsPositive || p.Interest.IsPositive);
            projected.RemoveRange(last + 1, projected.Count - last - 1);
        }
        list.AddRange(projected);
        return list;
    }

    /// <summary>Unpaid crystallised amounts at <see cref="clock"/>, split into late (due before today) and due, with the oldest late due date.</summary>
    private (long OverdueInterest, long InterestDue, long OverduePrincipal, long PrincipalDue, LocalDate? Oldest) ItemTotals()
    {
        long overdueInterest = 0, interestDue = 0, overduePrincipal = 0, principalDue = 0;
        LocalDate? oldest = null;
        foreach (var item in CollectionsMarshal.AsSpan(items))
        {
            var late = item.Due < clock;
            if (late && (oldest is null || item.Due < oldest))
                oldest = item.Due;
            if (item.IsInterest)
            {
                if (late) overdueInterest += item.Remaining; else interestDue += item.Remaining;
            }
            else
            {
                if (late) overduePrincipal += item.Remaining; else principalDue += item.Remaining;
            }
        }
        return (overdueInterest, interestDue, overduePrincipal, principalDue, oldest);
    }

    private void Integrate(LocalDate to, int toDay)
    {
        var days = toDay - clockDay;
        if (days <= 0)
            return;
        var (overduePrincipalBase, lateInterestBase) = PenaltyBases();
        checked
        {
            periodDongDays += notDue * days;
            overdueDongDays += overduePrincipalBase * days;
            lateDongDays += lateInterestBase * days;
        }
        clock = to;
        clockDay = toDay;
    }

    /// <summary>
    /// End-of-day bases at <see cref="clock"/>: all unpaid principal items are overdue (created on their due date, still
    /// unpaid at its end); interest is late once its (possibly deferred) due date has ended.
    /// </summary>
    private (long OverduePrincipal, long LateInterest) PenaltyBases()
    {
        long principal = 0, interest = 0;
        foreach (var item in CollectionsMarshal.AsSpan(items))
        {
            if (!item.IsInterest)
                principal += item.Remaining;
            else if (item.Due <= clock)
                interest += item.Remaining;
        }
        return (principal, interest);
    }

    private void Crystallise()
    {
        var due = dueDates[next];
        long deferred = 0; // interest a restructuring moved to this due date, still unpaid
        foreach (var item in CollectionsMarshal.AsSpan(items))
        {
            if (item.IsInterest && item.Due == due) deferred += item.Remaining;
        }
        var interest = Math.Max(0, rate.Interest(periodDongDays) - accruedPaid);
        periodDongDays = 0;
        accruedPaid = 0;
        if (interest > 0)
            items.Add(new DueItem { Due = due, Remaining = interest, IsInterest = true });
        var principal = next == dueDates.Length - 1 ? notDue : Math.Min(planned[next], notDue);
        if (principal > 0)
        {
            notDue -= principal;
            items.Add(new DueItem { Due = due, Remaining = principal, IsInterest = false });
        }
        billedPrincipal[next] = principal;
        billedInterest[next] = interest + deferred;
        next++;
    }
}
