namespace HtxFund.Lending.Accounting;

/// <summary>The figures the books are reconciled on: the journal's balances beside the capital position and the
/// capital-adequacy report at one date (docs/accounting.md, "Reconciliation").</summary>
public enum ReconciledFigure
{
    /// <summary>Cash at the bank: the cash account vs the capital position's cash available.</summary>
    Cash,
    /// <summary>Loans: the loan account vs the outstanding principal on the balance sheet.</summary>
    OutstandingPrincipal,
    /// <summary>Loan-loss provisions (a credit balance) vs the provisions held.</summary>
    ProvisionsHeld,
    /// <summary>Principal tracked off the balance sheet vs the capital position's off-balance principal.</summary>
    PrincipalOffBalance,
    /// <summary>Interest and penalty receivable on the balance sheet vs the capital-adequacy report's on-balance interest
    /// (only at a month end whose accrual is booked).</summary>
    InterestOnBalance,
    /// <summary>Interest tracked off the balance sheet vs the report's off-balance interest (same dates).</summary>
    InterestOffBalance,
}

/// <summary>The accounts that hold one reconciled figure under a mapping, and on which side its balance sits.</summary>
public sealed record ReconciledAccounts(ReconciledFigure Figure, string Label, IReadOnlyList<string> Accounts, bool CreditBalance);

/// <summary>
/// One line of a reconciliation at a date: the journal's balance of the figure's accounts (posted on or before the date, on
/// the side the figure sits), the same figure from the capital side, the part of their difference explained by adjusting
/// entries (movements dated on or before the date but posted after it because their month was closed when they arrived),
/// and what remains unexplained.
/// </summary>
public sealed record ReconciliationRow(ReconciledFigure Figure, string Label, IReadOnlyList<string> Accounts, long Journal, long Capital,
    long Explained)
{
    /// <summary>Capital − journal.</summary>
    public long Difference => Capital - Journal;

    /// <summary>The difference no adjusting entry explains: a difference to resolve.</summary>
    public long Unexplained => Difference - Explained;

    public bool Reconciled => Unexplained == 0;
}

/// <summary>The rule of the reconciliation, pure: which accounts a figure reads under the mapping in force, and how a row
/// is formed from balances (debit − credit per account).</summary>
public static class BooksReconciliation
{
    /// <summary>The accounts of each figure under <paramref name="mapping"/> (the accounts the kinds post to, never fixed
    /// numbers): cash = the disbursement's credit account, loans = its debit account, provisions = the credit account of a
    /// provision charge, off-balance principal = the debit account of principal taken off the balance sheet, interest on
    /// balance = the debit accounts of the interest and penalty accruals, off-balance interest = the debit account of its
    /// increase. Interest figures only when <paramref name="withInterest"/>.</summary>
    public static IReadOnlyList<ReconciledAccounts> Accounts(AccountingMapping mapping, bool withInterest)
    {
        var rows = new List<ReconciledAccounts>
        {
            new(ReconciledFigure.Cash, "Tiền gửi ngân hàng", [mapping.For(PostingKind.Disbursement).Credit], false),
            new(ReconciledFigure.OutstandingPrincipal, "Dư nợ gốc cho vay", [mapping.For(PostingKind.Disbursement).Debit], false),
            new(ReconciledFigure.ProvisionsHeld, "Dự phòng rủi ro cho vay", [mapping.For(PostingKind.ProvisionCharged).Credit], true),
            new(ReconciledFigure.PrincipalOffBalance, "Nợ gốc theo dõi ngoại bảng", [mapping.For(PostingKind.PrincipalOffBalanceIn).Debit], false),
        };
        if (withInterest)
        {
            rows.Add(new(ReconciledFigure.InterestOnBalance, "Lãi dự thu nội bảng (lãi và lãi phạt phải thu)",
                new[] { mapping.For(PostingKind.InterestAccrued).Debit, mapping.For(PostingKind.PenaltyInterestAccrued).Debit }.Distinct().ToArray(),
                false));
            rows.Add(new(ReconciledFigure.InterestOffBalance, "Lãi chưa thu theo dõi ngoại bảng",
                [mapping.For(PostingKind.OffBalanceInterestIncreased).Debit], false));
        }
        return rows;
    }

    /// <summary>The row of <paramref name="figure"/>: <paramref name="balances"/> are the journal's balances (debit − credit)
    /// at the date, <paramref name="adjustments"/> the net (debit − credit) of the adjusting entries dated on or before it
    /// and posted after it, both by account; <paramref name="capital"/> is the capital side's figure.</summary>
    public static ReconciliationRow Row(ReconciledAccounts figure, IReadOnlyDictionary<string, long> balances,
        IReadOnlyDictionary<string, long> adjustments, long capital)
    {
        var sign = figure.CreditBalance ? -1 : 1;
        var journal = sign * figure.Accounts.Sum(a => balances.GetValueOrDefault(a));
        var explained = sign * figure.Accounts.Sum(a => adjustments.GetValueOrDefault(a));
        return new(figure.Figure, figure.Label, figure.Accounts, journal, capital, explained);
    }
}
