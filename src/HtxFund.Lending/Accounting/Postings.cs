namespace HtxFund.Lending.Accounting;

/// <summary>
/// The rules that turn a money movement into <see cref="Posting"/>s (docs/accounting.md, "The journal"): what each movement
/// posts, never to which accounts (that is the fund's <see cref="AccountingMapping"/>). Zero parts post nothing; every
/// amount is whole đồng and above zero.
/// </summary>
public static class Postings
{
    /// <summary><paramref name="amount"/> of <paramref name="kind"/>, or nothing when it is zero.</summary>
    public static IReadOnlyList<Posting> Of(PostingKind kind, long amount) => amount switch
    {
        0 => [],
        > 0 => [new Posting(kind, amount)],
        _ => throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A movement of {kind} cannot be negative."),
    };

    /// <summary>A repayment split by the engine's waterfall: principal due and overdue, principal prepaid, contractual
    /// interest, penalty interest and the refundable excess, each received into cash.</summary>
    public static IReadOnlyList<Posting> Repayment(PaymentAllocation a) =>
    [
        .. Of(PostingKind.PrincipalRepaid, (a.OverduePrincipal + a.PrincipalDue).Dong),
        .. Of(PostingKind.PrincipalPrepaid, a.Prepayment.Dong),
        .. Of(PostingKind.InterestReceived, a.ContractualInterest.Dong),
        .. Of(PostingKind.PenaltyInterestReceived, a.PenaltyInterest.Dong),
        .. Of(PostingKind.RefundableExcessReceived, a.RefundableExcess.Dong),
    ];

    /// <summary>A loan taken over from the fund's earlier books at its cut-over: its principal outstanding lent out, posted
    /// as a disbursement, and the interest and penalty interest owed then as receivables accrued to income (the earlier
    /// books recognised them), so the month-end true-up starts from them instead of taking them to income again.</summary>
    public static IReadOnlyList<Posting> OpeningBalance(long principalOutstanding, long interestOwed, long penaltyOwed) =>
    [
        .. Of(PostingKind.Disbursement, principalOutstanding),
        .. Of(PostingKind.InterestAccrued, interestOwed),
        .. Of(PostingKind.PenaltyInterestAccrued, penaltyOwed),
    ];

    /// <summary>The reversal of <paramref name="postings"/>: each with debit and credit exchanged (bút toán đảo).</summary>
    public static IReadOnlyList<Posting> Reversal(IEnumerable<Posting> postings) => [.. postings.Select(p => p.Reversed())];

    /// <summary>The month's change of required provisions: charged to expense when it rose, released when it fell.</summary>
    public static IReadOnlyList<Posting> ProvisionChange(long change) => change >= 0
        ? Of(PostingKind.ProvisionCharged, change)
        : Of(PostingKind.ProvisionReleased, -change);

    /// <summary>A use of provisions: the provisions used and the rest charged to expense take the principal off the
    /// balance sheet, where it is tracked off balance.</summary>
    public static IReadOnlyList<Posting> ProvisionUse(long principalOffBalance, long provisionsUsed, long chargedToExpense) =>
    [
        .. Of(PostingKind.ProvisionUsed, provisionsUsed),
        .. Of(PostingKind.PrincipalChargedToExpense, chargedToExpense),
        .. Of(PostingKind.PrincipalOffBalanceIn, principalOffBalance),
    ];

    /// <summary>A write-off from the books (xuất toán): the principal still tracked off balance is no longer tracked.</summary>
    public static IReadOnlyList<Posting> WriteOffFromBooks(long principalTrackedOffBalance) =>
        Of(PostingKind.PrincipalOffBalanceOut, Math.Max(principalTrackedOffBalance, 0));

    /// <summary>Money recovered on a loan off the balance sheet: income, and the principal tracked off balance falls by as
    /// much (never below zero).</summary>
    public static IReadOnlyList<Posting> Recovery(long amount, long principalTrackedOffBalance) =>
    [
        .. Of(PostingKind.RecoveryReceived, amount),
        .. Of(PostingKind.PrincipalOffBalanceOut, Math.Clamp(principalTrackedOffBalance, 0, amount)),
    ];

    /// <summary>The month-end true-up of one loan's interest: what brings the receivables the journal holds
    /// (<paramref name="current"/>) to the engine's figures (<paramref name="target"/>), each part up or down.</summary>
    public static IReadOnlyList<Posting> AccrualTrueUp(InterestReceivables target, InterestReceivables current) =>
    [
        .. Signed(target.Contractual - current.Contractual, PostingKind.InterestAccrued, PostingKind.InterestAccrualReversed),
        .. Signed(target.Penalty - current.Penalty, PostingKind.PenaltyInterestAccrued, PostingKind.PenaltyInterestAccrualReversed),
        .. Signed(target.OffBalance - current.OffBalance, PostingKind.OffBalanceInterestIncreased, PostingKind.OffBalanceInterestDecreased),
    ];

    private static IReadOnlyList<Posting> Signed(long difference, PostingKind up, PostingKind down) =>
        difference >= 0 ? Of(up, difference) : Of(down, -difference);

    /// <summary>How a posting moves a loan's interest receivables (contractual, penalty, off balance): accruals raise them,
    /// interest received and accruals reversed lower them; a reversal moves them the other way.</summary>
    public static InterestReceivables ReceivableChange(Posting p)
    {
        var change = p.Kind switch
        {
            PostingKind.InterestAccrued => new InterestReceivables(p.Amount, 0, 0),
            PostingKind.InterestAccrualReversed or PostingKind.InterestReceived => new InterestReceivables(-p.Amount, 0, 0),
            PostingKind.PenaltyInterestAccrued => new InterestReceivables(0, p.Amount, 0),
            PostingKind.PenaltyInterestAccrualReversed or PostingKind.PenaltyInterestReceived => new InterestReceivables(0, -p.Amount, 0),
            PostingKind.OffBalanceInterestIncreased => new InterestReceivables(0, 0, p.Amount),
            PostingKind.OffBalanceInterestDecreased => new InterestReceivables(0, 0, -p.Amount),
            _ => default,
        };
        return p.IsReversal ? new InterestReceivables(-change.Contractual, -change.Penalty, -change.OffBalance) : change;
    }

    /// <summary>How <paramref name="postings"/> move a loan's interest receivables together.</summary>
    public static InterestReceivables ReceivableChange(IEnumerable<Posting> postings) =>
        postings.Aggregate(default(InterestReceivables), (sum, p) => sum + ReceivableChange(p));

    /// <summary>The lines of one voucher: each posting's debit line then its credit line, by <paramref name="mapping"/>.</summary>
    public static IReadOnlyList<PostingLine> Lines(IEnumerable<Posting> postings, AccountingMapping mapping) =>
        [.. postings.SelectMany(p => p.Resolve(mapping).Lines)];
}
