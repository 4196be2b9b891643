using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// The state of a loan at the end of <see cref="AsOf"/>, computed from its terms and transactions.
/// Amounts past their due date are "overdue"; the days past due count from the oldest unpaid due date.
/// Interest figures follow the terms' day-count option of Circular 14/2017/TT-NHNN.
/// </summary>
public sealed record LoanValuation
{
    public required LocalDate AsOf { get; init; }
    public required int PolicyVersion { get; init; }

    public required Money PrincipalDisbursed { get; init; }

    /// <summary>Principal whose due date is still to come.</summary>
    public required Money PrincipalNotDue { get; init; }

    /// <summary>Principal due on <see cref="AsOf"/> and unpaid (not yet overdue).</summary>
    public required Money PrincipalDue { get; init; }

    /// <summary>Principal past its due date and unpaid; it bears the overdue rate.</summary>
    public required Money PrincipalOverdue { get; init; }

    /// <summary>Contractual interest accrued on the current period, not yet due.</summary>
    public required Money InterestAccrued { get; init; }

    /// <summary>Contractual interest due and unpaid but not late: due today, or deferred by a restructuring.</summary>
    public required Money InterestDue { get; init; }

    /// <summary>Contractual interest past its due date and unpaid; it bears interest on late interest.</summary>
    public required Money InterestOverdue { get; init; }

    /// <summary>Unpaid interest at the overdue rate on overdue principal (≤ 150 % of the in-term rate, Decree 45/2021 Art 25.1.b).</summary>
    public required Money InterestOnOverduePrincipal { get; init; }

    /// <summary>Unpaid interest on late interest (≤ 10 %/year, Circular 39/2016 Art 13.4).</summary>
    public required Money InterestOnLateInterest { get; init; }

    /// <summary>Days since the due date of the oldest amount of principal or interest still unpaid; 0 when nothing is late.</summary>
    public required int DaysPastDue { get; init; }

    public required LocalDate? OldestUnpaidDueDate { get; init; }

    /// <summary>The next due date after <see cref="AsOf"/>, if any.</summary>
    public required LocalDate? NextDueDate { get; init; }

    /// <summary>The last due date of the current schedule (moved by an extension).</summary>
    public required LocalDate FinalDueDate { get; init; }

    /// <summary>Restructurings (schedule adjustments and extensions) so far.</summary>
    public required int RestructuringCount { get; init; }

    public required LocalDate? LastRestructuredOn { get; init; }

    public required Money PaidPrincipal { get; init; }
    public required Money PaidInterest { get; init; }

    /// <summary>Paid interest on overdue principal plus interest on late interest.</summary>
    public required Money PaidPenaltyInterest { get; init; }

    /// <summary>Money received beyond everything owed, to be refunded to the borrower.</summary>
    public required Money RefundableExcess { get; init; }

    /// <summary>Interest (contractual and penalty) forgiven by interest waivers up to <see cref="AsOf"/>: neither paid nor owed.</summary>
    public Money InterestWaived { get; init; }

    /// <summary>Interest waivers granted up to <see cref="AsOf"/> because the borrower cannot pay; any makes the loan at
    /// least group 3 (Circular 14/2024/TT-NHNN, <see cref="DebtClassifier"/>).</summary>
    public int InterestWaiversForInabilityToPay { get; init; }

    /// <summary>Principal not yet past due: not due plus due today.</summary>
    public Money PrincipalInTerm => PrincipalNotDue + PrincipalDue;

    public Money PrincipalOutstanding => PrincipalInTerm + PrincipalOverdue;

    /// <summary>Everything past due, penalties included.</summary>
    public Money TotalOverdue => PrincipalOverdue + InterestOverdue + InterestOnOverduePrincipal + InterestOnLateInterest;

    /// <summary>What the borrower must pay now to be up to date.</summary>
    public Money AmountDue => TotalOverdue + PrincipalDue + InterestDue;

    /// <summary>What settles the loan: everything due plus accrued interest plus principal not yet due.</summary>
    public Money Payoff => AmountDue + InterestAccrued + PrincipalNotDue;

    public Money PaidTotal => PaidPrincipal + PaidInterest + PaidPenaltyInterest;
}
