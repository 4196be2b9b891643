namespace HtxFund.Lending.Accounting;

/// <summary>One account's movements: the balance brought forward (debit − credit before the period), the period's debits
/// and credits, and the balance carried forward.</summary>
public sealed record AccountMovement(string Account, long OpeningDebit, long OpeningCredit, long PeriodDebit, long PeriodCredit)
{
    /// <summary>Debit − credit before the period.</summary>
    public long Opening => OpeningDebit - OpeningCredit;

    /// <summary>Debit − credit at the period's end.</summary>
    public long Closing => Opening + PeriodDebit - PeriodCredit;

    /// <summary>The balance as it is shown: on the debit side when positive, on the credit side when negative.</summary>
    public long OpeningDebitBalance => Math.Max(Opening, 0);
    public long OpeningCreditBalance => Math.Max(-Opening, 0);
    public long ClosingDebitBalance => Math.Max(Closing, 0);
    public long ClosingCreditBalance => Math.Max(-Closing, 0);
}

/// <summary>
/// The trial balance (bảng cân đối số phát sinh) of a period: for each account of the chart with a balance or a movement,
/// its opening balance, the period's debits and credits and its closing balance, on the side it sits. Off-balance accounts
/// are listed apart (they are not part of the balance sheet's totals).
/// </summary>
public sealed record TrialBalance(IReadOnlyList<TrialBalanceRow> Rows)
{
    public IEnumerable<TrialBalanceRow> OnBalance => Rows.Where(r => r.Account.Kind != AccountKind.OffBalance);
    public IEnumerable<TrialBalanceRow> OffBalance => Rows.Where(r => r.Account.Kind == AccountKind.OffBalance);

    /// <summary>Totals over the accounts on the balance sheet: each pair (opening, period, closing) is equal on both sides.</summary>
    public TrialBalanceTotals Totals => TrialBalanceTotals.Of(OnBalance);
    public TrialBalanceTotals OffBalanceTotals => TrialBalanceTotals.Of(OffBalance);

    /// <summary>The account's closing balance (debit − credit; 0 when it has none).</summary>
    public long Closing(string account) => Rows.FirstOrDefault(r => r.Account.Number == account)?.Movement.Closing ?? 0;

    /// <summary>The trial balance of <paramref name="movements"/> by the accounts of <paramref name="chart"/> (an account posted
    /// with an earlier setup and no longer in the chart is still listed, named by its number).</summary>
    public static TrialBalance Of(ChartOfAccounts chart, IEnumerable<AccountMovement> movements)
    {
        var rows = movements
            .Where(m => m.OpeningDebit != 0 || m.OpeningCredit != 0 || m.PeriodDebit != 0 || m.PeriodCredit != 0)
            .Select(m => new TrialBalanceRow(chart.Find(m.Account) ?? new LedgerAccount(m.Account, m.Account, AccountKind.Asset), m))
            .OrderBy(r => r.Account.Number, StringComparer.Ordinal)
            .ToList();
        return new(rows);
    }
}

public sealed record TrialBalanceRow(LedgerAccount Account, AccountMovement Movement);

public sealed record TrialBalanceTotals(long OpeningDebit, long OpeningCredit, long PeriodDebit, long PeriodCredit, long ClosingDebit,
    long ClosingCredit)
{
    public bool Balanced => OpeningDebit == OpeningCredit && PeriodDebit == PeriodCredit && ClosingDebit == ClosingCredit;

    public static TrialBalanceTotals Of(IEnumerable<TrialBalanceRow> rows)
    {
        long od = 0, oc = 0, pd = 0, pc = 0, cd = 0, cc = 0;
        foreach (var m in rows.Select(r => r.Movement))
        {
            od += m.OpeningDebitBalance; oc += m.OpeningCreditBalance;
            pd += m.PeriodDebit; pc += m.PeriodCredit;
            cd += m.ClosingDebitBalance; cc += m.ClosingCreditBalance;
        }
        return new(od, oc, pd, pc, cd, cc);
    }
}
