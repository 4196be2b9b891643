using HtxFund.Accounting.Reading;
using HtxFund.Documents.Formatting;

namespace HtxFund.Accounting.Exports;

/// <summary>The four books as tables (docs/accounting.md, part D, lists their columns).</summary>
public static class BookTables
{
    /// <summary>"Từ ngày 01/11/2026 đến ngày 30/11/2026".</summary>
    public static string PeriodText(NodaTime.LocalDate from, NodaTime.LocalDate to) =>
        $"Từ ngày {VietnameseFormat.Date(from)} đến ngày {VietnameseFormat.Date(to)}";

    public static readonly BookColumn[] JournalColumns =
    [
        new("Ngày hạch toán", BookCellKind.Date), new("Ngày chứng từ", BookCellKind.Date), new("Số chứng từ", Width: 1.3f),
        new("Dòng", Width: 0.5f), new("Diễn giải", Width: 3f), new("Tài khoản", Width: 0.7f), new("TK đối ứng", Width: 0.7f),
        new("Phát sinh Nợ", BookCellKind.Amount), new("Phát sinh Có", BookCellKind.Amount), new("Mã đối tượng", Width: 2.4f),
        new("Tên đối tượng", Width: 2f), new("Số hợp đồng", Width: 1.2f),
    ];

    /// <summary>Every line of the journal (no totals row, so that a spreadsheet's sum of a column is the total).</summary>
    public static BookTable Journal(IReadOnlyList<JournalLine> lines, BooksPeriod period, string fund) => new(
        "Sổ nhật ký chung", [PeriodText(period.From, period.To), $"Đơn vị: {fund}"], "Nhật ký chung", JournalColumns,
        lines.Select(l => new BookRow([l.PostingDate, l.BusinessDate, l.VoucherNumber, l.LineNo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            l.Description, l.Account, l.CounterAccount, l.Debit, l.Credit, l.ObjectId?.ToString(), l.ObjectName, l.ContractNumber])).ToList());

    public static readonly BookColumn[] LedgerColumns =
    [
        new("Ngày hạch toán", BookCellKind.Date), new("Ngày chứng từ", BookCellKind.Date), new("Số chứng từ", Width: 1.3f),
        new("Diễn giải", Width: 3.2f), new("TK đối ứng", Width: 0.7f), new("Phát sinh Nợ", BookCellKind.Amount),
        new("Phát sinh Có", BookCellKind.Amount), new("Số dư Nợ", BookCellKind.Amount), new("Số dư Có", BookCellKind.Amount),
    ];

    private static long? DebitSide(long balance) => balance > 0 ? balance : null;
    private static long? CreditSide(long balance) => balance < 0 ? -balance : null;

    /// <summary>The rows of one account: "Số dư đầu kỳ", the lines with their running balance, "Cộng phát sinh", "Số dư cuối kỳ".</summary>
    private static IEnumerable<BookRow> LedgerRows(AccountLedgerReport ledger, string? account = null)
    {
        object?[] Lead(params object?[] cells) => account is null ? cells : [account, .. cells];
        yield return new BookRow(Lead(null, null, null, "Số dư đầu kỳ", null, null, null, DebitSide(ledger.Opening) ?? 0L, CreditSide(ledger.Opening) ?? 0L), Total: true);
        foreach (var l in ledger.Lines)
            yield return new BookRow(Lead(l.PostingDate, l.BusinessDate, l.VoucherNumber, l.Description, l.CounterAccount, l.Debit, l.Credit,
                DebitSide(l.Balance), CreditSide(l.Balance)));
        yield return new BookRow(Lead(null, null, null, "Cộng phát sinh", null, ledger.PeriodDebit, ledger.PeriodCredit, null, null), Total: true);
        yield return new BookRow(Lead(null, null, null, "Số dư cuối kỳ", null, null, null, ledger.ClosingDebit, ledger.ClosingCredit), Total: true);
    }

    public static BookTable Ledger(AccountLedgerReport ledger, string fund) => new(
        "Sổ cái", [$"Tài khoản {ledger.Account} - {ledger.Name}", PeriodText(ledger.From, ledger.To), $"Đơn vị: {fund}"],
        $"Sổ cái {ledger.Account}", LedgerColumns, LedgerRows(ledger).ToList());

    public static readonly BookColumn[] TrialBalanceColumns =
    [
        new("Số hiệu TK", Width: 0.7f), new("Tên tài khoản", Width: 3f), new("Dư Nợ đầu kỳ", BookCellKind.Amount),
        new("Dư Có đầu kỳ", BookCellKind.Amount), new("Phát sinh Nợ", BookCellKind.Amount), new("Phát sinh Có", BookCellKind.Amount),
        new("Dư Nợ cuối kỳ", BookCellKind.Amount), new("Dư Có cuối kỳ", BookCellKind.Amount),
    ];

    public static BookTable TrialBalance(TrialBalanceReport report, string fund)
    {
        static BookRow Line(TrialBalanceLine r) => new([r.Account, r.Name, r.OpeningDebit, r.OpeningCredit, r.PeriodDebit, r.PeriodCredit, r.ClosingDebit, r.ClosingCredit]);
        static BookRow Totals(string label, Lending.Accounting.TrialBalanceTotals t) =>
            new([null, label, t.OpeningDebit, t.OpeningCredit, t.PeriodDebit, t.PeriodCredit, t.ClosingDebit, t.ClosingCredit], Total: true);
        var rows = report.Rows.Select(Line).Append(Totals("Tổng cộng", report.Totals)).ToList();
        if (report.OffBalanceRows.Count > 0)
        {
            rows.Add(new BookRow([null, "Tài khoản ngoài bảng", null, null, null, null, null, null], Total: true));
            rows.AddRange(report.OffBalanceRows.Select(Line));
            rows.Add(Totals("Cộng tài khoản ngoài bảng", report.OffBalanceTotals));
        }
        return new("Bảng cân đối số phát sinh", [PeriodText(report.From, report.To), $"Đơn vị: {fund}"], "Cân đối số phát sinh",
            TrialBalanceColumns, rows);
    }

    public static BookTable Borrower(BorrowerLedgerReport report, string fund) => new(
        "Sổ chi tiết cho vay theo đối tượng",
        [$"Đối tượng: {report.Name}" + (report.ContractNumbers.Count > 0 ? $" (hợp đồng {string.Join(", ", report.ContractNumbers)})" : ""),
            PeriodText(report.From, report.To), $"Đơn vị: {fund}"],
        "Chi tiết cho vay", [new BookColumn("Tài khoản", Width: 0.7f), .. LedgerColumns],
        report.Accounts.SelectMany(a => LedgerRows(a, a.Account)).ToList());
}
