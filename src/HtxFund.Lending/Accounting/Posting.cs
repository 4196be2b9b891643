namespace HtxFund.Lending.Accounting;

/// <summary>
/// One movement to post: <paramref name="Amount"/> whole đồng (always above zero) of <paramref name="Kind"/>, which the
/// fund's <see cref="AccountingMapping"/> turns into a debit and a credit (<see cref="Resolve"/>). A reversal
/// (<paramref name="IsReversal"/>, bút toán đảo) posts its kind with debit and credit exchanged.
/// </summary>
public sealed record Posting(PostingKind Kind, long Amount, bool IsReversal = false)
{
    /// <summary>The accounts debited and credited by this posting under <paramref name="mapping"/>.</summary>
    public ResolvedPosting Resolve(AccountingMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (Amount <= 0) throw new InvalidOperationException($"A posting of {Kind} must be above 0 ₫, not {Amount}.");
        var rule = mapping.For(Kind);
        return IsReversal
            ? new ResolvedPosting(Kind, rule.Credit, rule.Debit, Amount, true)
            : new ResolvedPosting(Kind, rule.Debit, rule.Credit, Amount, false);
    }

    /// <summary>The same movement with its sides exchanged (the reversal of a reversal is the movement again).</summary>
    public Posting Reversed() => this with { IsReversal = !IsReversal };
}

/// <summary>A posting with its accounts: <see cref="Amount"/> debited to <see cref="Debit"/> and credited to <see cref="Credit"/>.</summary>
public sealed record ResolvedPosting(PostingKind Kind, string Debit, string Credit, long Amount, bool IsReversal)
{
    /// <summary>Its two lines, the debit first: each names the other's account as its counter account.</summary>
    public IReadOnlyList<PostingLine> Lines =>
    [
        new(Kind, Debit, Credit, Amount, 0, IsReversal),
        new(Kind, Credit, Debit, 0, Amount, IsReversal),
    ];
}

/// <summary>One side of a posting on one account (a line of the general journal without its voucher).</summary>
public sealed record PostingLine(PostingKind Kind, string Account, string CounterAccount, long Debit, long Credit, bool IsReversal);

/// <summary>A loan's interest receivable as the journal's own lines moved it (whole đồng, debit − credit): contractual
/// (13881 by default), penalty (13882) and off balance (0042). Tracked by posting kind, so it is the same whatever
/// accounts the mapping names.</summary>
public readonly record struct InterestReceivables(long Contractual, long Penalty, long OffBalance)
{
    public static InterestReceivables operator +(InterestReceivables a, InterestReceivables b) =>
        new(a.Contractual + b.Contractual, a.Penalty + b.Penalty, a.OffBalance + b.OffBalance);

    public bool IsZero => Contractual == 0 && Penalty == 0 && OffBalance == 0;
}
