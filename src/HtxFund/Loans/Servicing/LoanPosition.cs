using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Loans.Servicing;

public enum InstalmentStatus { Paid, PartlyPaid, Due, Overdue, Upcoming }

/// <summary>
/// One instalment of the schedule in force at the view's date, as the engine bills it: for an instalment whose due
/// date has come, the principal and interest it was billed and what of them is unpaid; for one still to come, what it
/// will be billed if nothing else happens before its due date (the remaining principal plan after prepayments and
/// restructurings, and the interest on the balance at the view's date). The contract's frozen schedule stays on the
/// loan as <c>contract.schedule</c>.
/// </summary>
public sealed record InstalmentView(int Number, LocalDate DueDate, long Principal, long Interest, long PrincipalUnpaid,
    long InterestUnpaid, InstalmentStatus Status)
{
    /// <summary>Principal plus interest of the instalment.</summary>
    public long Amount => Principal + Interest;
}

/// <summary>The loan's interest receivable at the view's date split between the balance sheet and off-balance tracking
/// (Circular 52/2022/TT-BTC Art 5.2, 5.4; <see cref="InterestRecognition"/>): <see cref="OnBalance"/> is accrued income
/// (lãi dự thu nội bảng) while the loan is in debt group 1 (<see cref="DebtGroup"/>, the group it came from) and its
/// principal is on the balance sheet; otherwise the whole receivable is <see cref="OffBalance"/> (lãi theo dõi ngoại
/// bảng), income only when paid. <see cref="OffBalanceReason"/>: None, NotStandard (outside group 1) or WrittenOff.
/// Receivable = contractual (accrued, due, overdue) + penalty (on overdue principal, on late interest) interest unpaid.</summary>
public sealed record InterestRecognitionView(int DebtGroup, string OffBalanceReason, long ContractualReceivable, long PenaltyReceivable,
    long OnBalance, long OffBalance)
{
    public static InterestRecognitionView Of(InterestPosition p) => new((int)p.Group, p.OffBalanceReason.ToString(),
        p.ContractualReceivable.Dong, p.PenaltyReceivable.Dong, p.OnBalance.Dong, p.OffBalance.Dong);
}

/// <summary>One applied transaction of the as-of statement; repayments with their split as of this view (which may
/// differ from the split stored at recording time when a repayment was backdated before it).</summary>
public sealed record StatementLineView(LocalDate Date, string Kind, long Amount,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(PaymentAllocationJson))] PaymentAllocation? Allocation);

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
    /// <summary>Interest forgiven by approved interest waivers up to <see cref="AsOf"/> (neither paid nor owed).</summary>
    public long InterestWaived { get; init; }

    /// <summary>Approved waivers granted because the borrower cannot pay, up to <see cref="AsOf"/>: any puts the loan in
    /// group 3 or worse.</summary>
    public int InterestWaiversForInabilityToPay { get; init; }

    /// <summary>The interest receivable on and off the balance sheet (set by <see cref="Of"/>).</summary>
    public InterestRecognitionView? Interest { get; init; }

    /// <summary>How the figures of the view are computed, for integrators who reconcile against them (the OpenAPI
    /// description of the loan view and the README's money section say the same).</summary>
    public const string Conventions =
        "The loan with its `position`: the loan valued at the end of `asOf` (yyyy-MM-dd, default today) from its events, " +
        "recomputed on every request. Money is whole VND (đồng). Interest is actual/365 on the balance held each day " +
        "(Circular 14/2017/TT-NHNN, the contract's day-count option). Rounding: contractual interest of a period is " +
        "Σ(balance × days) × rate / 365 rounded once, half away from zero, at the period's due date; interest on overdue " +
        "principal and interest on late interest are each one rounding over the đồng-days summed since the loan began " +
        "(Σ(unpaid amount × days late) × rate / 365, as Circular 14/2017's formula reads), less what was already paid of " +
        "them, so they can differ by a đồng from rounding each late item separately. `position.schedule` is the schedule " +
        "the engine bills: instalments whose due date has come show what they were billed and what is unpaid; those still to " +
        "come show what they will be billed if nothing else happens (the remaining principal plan after prepayments and " +
        "restructurings, interest on the balance at `asOf`); `nextDueAmount` is the next instalment's principal plus " +
        "interest as billed then. The contract's frozen schedule stays in `contract.schedule`. `position.interest` splits the " +
        "interest receivable (contractual and penalty interest charged and unpaid): `onBalance` is accrued income while the loan " +
        "is in debt group 1 (`debtGroup`), otherwise all of it is `offBalance`, recognised only when paid (Circular 52/2022/TT-BTC " +
        "Art 5.2, 5.4; `offBalanceReason` NotStandard or WrittenOff). A loan brought in from the fund's earlier books has " +
        "`migrated` (`importId`, `cutOver`, `row`) and, when taken over with its balances instead of its history, " +
        "`openingBalance`: its statement starts with an `OpeningBalance` line and its schedule leaves out the instalments due " +
        "on or before the cut-over.";

    /// <summary>Values <paramref name="loan"/> as of <paramref name="asOf"/>; null when it has no contract or the date is before its start.</summary>
    public static LoanPosition? Of(Loan loan, LocalDate asOf, LendingPolicy policy)
    {
        if (LoanTransactions.Statement(loan, asOf, policy) is not { } statement) return null;
        var v = statement.Valuation;
        var classification = DebtClassifier.Classify(v, policy);
        // the date the loan's principal left the balance sheet (its provisions used), if it did
        var interest = InterestRecognition.At(v, classification, loan.OffBalanceSince);
        var schedule = Instalments(statement.Schedule, asOf, loan.OpeningBalance?.CutOver);
        var next = schedule.FirstOrDefault(i => i.DueDate > asOf);
        var lines = statement.Lines.Select(l => l.Transaction switch
        {
            OpeningBalance o => new StatementLineView(o.Date, "OpeningBalance", o.PrincipalOutstanding.Dong, null),
            Disbursement d => new StatementLineView(d.Date, "Disbursement", d.Amount.Dong, null),
            Repayment r => new StatementLineView(r.Date, "Repayment", r.Amount.Dong, l.Allocation),
            Extension x => new StatementLineView(x.Date, "Extension", 0, null),
            InterestWaiver w => new StatementLineView(w.Date, "InterestWaiver", w.Amount.Dong, null),
            _ => new StatementLineView(l.Transaction.Date, "ScheduleAdjustment", 0, null),
        }).ToArray();
        return new LoanPosition(asOf, v.PrincipalDisbursed.Dong, v.PrincipalOutstanding.Dong, v.PrincipalInTerm.Dong, v.PrincipalOverdue.Dong,
            v.PrincipalDue.Dong, v.InterestDue.Dong, v.InterestOverdue.Dong, v.InterestAccrued.Dong, v.InterestOnOverduePrincipal.Dong,
            v.InterestOnLateInterest.Dong, v.AmountDue.Dong, v.Payoff.Dong, v.DaysPastDue, (int)classification.Group, classification.Reason,
            v.RestructuringCount, v.NextDueDate, next?.Amount, v.FinalDueDate,
            v.PaidPrincipal.Dong, v.PaidInterest.Dong, v.PaidPenaltyInterest.Dong, v.RefundableExcess.Dong, schedule, lines)
        {
            InterestWaived = v.InterestWaived.Dong,
            InterestWaiversForInabilityToPay = v.InterestWaiversForInabilityToPay,
            Interest = InterestRecognitionView.Of(interest),
        };
    }

    /// <summary>
    /// The engine's schedule in force (<see cref="LoanStatement.Schedule"/>) with each instalment's status at
    /// <paramref name="asOf"/>: paid when nothing billed on it is unpaid; partly paid when some of it was paid; due on its
    /// due date; overdue after it; upcoming before it. The instalments due on or before the cut-over of a loan taken over
    /// with an opening balance (<paramref name="takenOverOn"/>) were billed in the fund's earlier books and are left out.
    /// </summary>
    private static IReadOnlyList<InstalmentView> Instalments(IReadOnlyList<ScheduledInstalment> schedule, LocalDate asOf, LocalDate? takenOverOn) =>
        schedule.Where(i => !(i.DueDate <= takenOverOn)).Select(i =>
        {
            var unpaid = i.PrincipalUnpaid + i.InterestUnpaid;
            var status = !i.Billed ? InstalmentStatus.Upcoming
                : unpaid.IsZero ? InstalmentStatus.Paid
                : unpaid < i.Total ? InstalmentStatus.PartlyPaid
                : i.DueDate == asOf ? InstalmentStatus.Due
                : InstalmentStatus.Overdue;
            return new InstalmentView(i.Number, i.DueDate, i.Principal.Dong, i.Interest.Dong, i.PrincipalUnpaid.Dong, i.InterestUnpaid.Dong, status);
        }).ToArray();
}
