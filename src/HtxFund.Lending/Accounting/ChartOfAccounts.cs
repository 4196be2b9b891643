namespace HtxFund.Lending.Accounting;

/// <summary>What an account of the chart is (decides on which side its balance normally sits and which statement shows it).</summary>
public enum AccountKind
{
    Asset,
    /// <summary>An asset's allowance (a provision): its balance sits on the credit side.</summary>
    ContraAsset,
    Liability,
    Equity,
    Income,
    Expense,
    /// <summary>An off-balance-sheet account (tài khoản ngoài bảng), kept in double entry against <see cref="AccountingDefaults.OffBalanceContra"/>.</summary>
    OffBalance,
}

/// <summary>One account of the fund's chart: its number (số hiệu, e.g. 1121, 13881), its Vietnamese name, its kind, and
/// whether its lines name the borrower as the accounting object (đối tượng), as loans and interest receivable do.</summary>
public sealed record LedgerAccount(string Number, string Name, AccountKind Kind, bool TracksObject = false)
{
    /// <summary>Whether the account's balance normally sits on the debit side (assets, expenses, off-balance items).</summary>
    public bool DebitNormal => Kind is AccountKind.Asset or AccountKind.Expense or AccountKind.OffBalance;
}

/// <summary>A fund's chart of accounts (hệ thống tài khoản kế toán), ordered by number.</summary>
public sealed record ChartOfAccounts(IReadOnlyList<LedgerAccount> Accounts)
{
    public LedgerAccount? Find(string number) => Accounts.FirstOrDefault(a => a.Number == number);

    public bool Has(string number) => Find(number) is not null;
}
