using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Loans.Servicing;

public enum InstalmentStatus { Paid, PartlyPaid, Due, Overdue, Upcoming }

/// <summary>One instalment of the schedule in force at the view's date, with what is left of its principal.</summary>
public sealed record InstalmentView(int Number, LocalDate DueDate, long Principal, long PlannedInterest, long PrincipalUnpaid,
    InstalmentStatus Status);

/// <summary>One applied transaction of the as-of statement; repayments with their split as of this view (which may
/// differ from the split stored at recording time when a repayment was backdated before it).</summary>
public sealed record StatementLineView(LocalDate Date, string Kind, long Amount, RepaymentAllocationParts? Allocation);

/// <summary>
/// The loan valued at the end of <see cref="AsOf"/>, recomputed on every request from the loan's events with the
/// Lending engine (<see cref="LoanValuator.Statement(RepaymentSchedule, IEnumerable{LoanTransaction}, LocalDate, LendingPolicy)"/>)
/// and classified with the fund's policy (<see cref="DebtClassifier"/>). Whole đồng.
/// </summary>
public sealed record LoanPosition(
    LocalDate AsOf,
    long PrincipalDisbursed,
    long PrincipalOutstanding,
    long PrincipalInTerm,
    long PrincipalOverdue,
    long PrincipalDue,
    long InterestDue,
    long InterestOverdue,
    long InterestAccrued,
    long InterestOnOverduePrincipal,
    long InterestOnLateInterest,
    long AmountDue,
    long Payoff,
    int DaysPastDue,
    int DebtGroup,
    string DebtGroupReason,
    int RestructuringCount,
    LocalDate? NextDueDate,
    long? NextDueAmount,
    LocalDate FinalDueDate,
    long PaidPrincipal,
    long PaidInterest,
    long PaidPenaltyInterest,
    long RefundableExcess,
    IReadOnlyList<InstalmentView> Schedule,
    IReadOnlyList<StatementLineView> Statement)
{
    /// <summary>Values <paramref name="loan"/> as of <paramref name="asOf"/>; null when it has no contract or the date is before its start.</summary>
    public static LoanPosition? Of(Loan loan, LocalDate asOf, LendingPolicy policy)
    {
        if (LoanTransactions.Statement(loan, asOf, policy) is not { } statement) return null;
        var v = statement.Valuation;
        var classification = DebtClassifier.Classify(v, policy);
        var schedule = Instalments(loan, asOf, v, policy);
        var next = schedule.FirstOrDefault(i => i.DueDate > asOf);
        var lines = statement.Lines.Select(l => l.Transaction switch
        {
            Disbursement d => new StatementLineView(d.Date, "Disbursement", d.Amount.Dong, null),
            Repayment r => new StatementLineView(r.Date, "Repayment", r.Amount.Dong, RepaymentAllocationParts.From(l.Allocation!.Value)),
            Extension x => new StatementLineView(x.Date, "Extension", 0, null),
            _ => new StatementLineView(l.Transaction.Date, "ScheduleAdjustment", 0, null),
        }).ToArray();
        return new LoanPosition(asOf, v.PrincipalDisbursed.Dong, v.PrincipalOutstanding.Dong, v.PrincipalInTerm.Dong, v.PrincipalOverdue.Dong,
            v.PrincipalDue.Dong, v.InterestDue.Dong, v.InterestOverdue.Dong, v.InterestAccrued.Dong, v.InterestOnOverduePrincipal.Dong,
            v.InterestOnLateInterest.Dong, v.AmountDue.Dong, v.Payoff.Dong, v.DaysPastDue, (int)classification.Group, classification.Reason,
            v.RestructuringCount, v.NextDueDate, next is null ? null : next.PrincipalUnpaid + next.PlannedInterest, v.FinalDueDate,
            v.PaidPrincipal.Dong, v.PaidInterest.Dong, v.PaidPenaltyInterest.Dong, v.RefundableExcess.Dong, schedule, lines);
    }

    /// <summary>
    /// The schedule in force at <paramref name="asOf"/> (the contract's frozen rows, or the principal plan of the latest
    /// approved restructuring dated on or before it, whose planned interest is not fixed in advance and shows as 0)
    /// with each instalment's status.
    /// Principal paid is applied to the instalments in date order; an instalment is <see cref="InstalmentStatus.Paid"/>
    /// when its principal is covered and no amount due on or before its date is still unpaid.
    /// </summary>
    private static IReadOnlyList<InstalmentView> Instalments(Loan loan, LocalDate asOf, LoanValuation v, LendingPolicy policy)
    {
        var contract = loan.Contract!;
        var rows = contract.Schedule.Select(r => (r.DueDate, r.Principal, r.Interest)).ToList();
        var restructuring = loan.Restructurings.Where(r => r.State == RestructuringState.Approved && r.Date <= asOf)
            .OrderBy(r => r.Date).LastOrDefault();
        if (restructuring is not null) // the plan carries all principal not repaid at its date: it is the schedule from then on
            rows = restructuring.Plan.Select(p => (p.DueDate, p.Principal, 0L)).ToList();
        var outstandingLate = v.PrincipalOverdue.Dong + v.PrincipalDue.Dong;
        var scheduledUpToAsOf = rows.Where(r => r.DueDate <= asOf).Sum(r => r.Principal);
        var paidTowardsDue = Math.Max(0, scheduledUpToAsOf - outstandingLate);
        var oldestUnpaid = v.OldestUnpaidDueDate;
        var cumulative = 0L;
        var list = new List<InstalmentView>(rows.Count);
        var number = 0;
        foreach (var (due, principal, interest) in rows)
        {
            number++;
            if (due > asOf)
            {
                list.Add(new InstalmentView(number, due, principal, interest, principal, InstalmentStatus.Upcoming));
                continue;
            }
            cumulative += principal;
            var unpaid = Math.Clamp(cumulative - paidTowardsDue, 0, principal);
            InstalmentStatus status;
            if (due == asOf)
                status = v.PrincipalDue.IsZero && v.InterestDue.IsZero && unpaid == 0 ? InstalmentStatus.Paid
                    : unpaid < principal ? InstalmentStatus.PartlyPaid : InstalmentStatus.Due;
            else
                status = unpaid == 0 && !(oldestUnpaid is { } oldest && oldest <= due) ? InstalmentStatus.Paid
                    : unpaid < principal ? InstalmentStatus.PartlyPaid : InstalmentStatus.Overdue;
            list.Add(new InstalmentView(number, due, principal, interest, unpaid, status));
        }
        return list;
    }
}
