using System.Globalization;
using System.Text;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.Archive;
using NodaTime;

namespace HtxFund.Accounting.Periods;

/// <summary>
/// The archived files of a closed month's trial balance (bảng cân đối số phát sinh):
/// <list type="bullet">
/// <item>CSV: UTF-8 with BOM, semicolon-separated, CRLF; columns <c>Số hiệu tài khoản;Tên tài khoản;Dư Nợ đầu kỳ;Dư Có đầu kỳ;
///   Phát sinh Nợ;Phát sinh Có;Dư Nợ cuối kỳ;Dư Có cuối kỳ</c>, amounts in whole đồng as plain numbers; the accounts on the
///   balance sheet, a row "Cộng", then the off-balance accounts and a row "Cộng ngoại bảng".</item>
/// <item>PDF: the same table with the fund's heading.</item>
/// </list>
/// </summary>
public static class TrialBalanceFiles
{
    public static readonly string[] Header =
        ["Số hiệu tài khoản", "Tên tài khoản", "Dư Nợ đầu kỳ", "Dư Có đầu kỳ", "Phát sinh Nợ", "Phát sinh Có", "Dư Nợ cuối kỳ", "Dư Có cuối kỳ"];

    public static string Title(YearMonth month) => $"Bảng cân đối số phát sinh tháng {PeriodRules.Display(month)}";

    private static long[] Amounts(AccountMovement m) =>
        [m.OpeningDebitBalance, m.OpeningCreditBalance, m.PeriodDebit, m.PeriodCredit, m.ClosingDebitBalance, m.ClosingCreditBalance];

    private static long[] Amounts(TrialBalanceTotals t) =>
        [t.OpeningDebit, t.OpeningCredit, t.PeriodDebit, t.PeriodCredit, t.ClosingDebit, t.ClosingCredit];

    private static IEnumerable<(string Number, string Name, long[] Amounts)> Lines(TrialBalance tb) =>
        tb.OnBalance.Select(r => (r.Account.Number, r.Account.Name, Amounts(r.Movement)))
            .Append(("", "Cộng", Amounts(tb.Totals)))
            .Concat(tb.OffBalance.Select(r => (r.Account.Number, r.Account.Name, Amounts(r.Movement))))
            .Append(("", "Cộng ngoại bảng", Amounts(tb.OffBalanceTotals)));

    public static byte[] Csv(TrialBalance tb)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(';', Header.Select(CsvText.Cell)).Append("\r\n");
        foreach (var (number, name, amounts) in Lines(tb))
            csv.AppendJoin(';', new[] { CsvText.Cell(number), CsvText.Cell(name) }
                .Concat(amounts.Select(a => a.ToString(CultureInfo.InvariantCulture)))).Append("\r\n");
        return CsvText.Utf8WithBom(csv.ToString());
    }

    private static readonly TextStyle Cell = OfficialDocument.Body.Size(8.5f).Spaced(1f);

    public static byte[] Pdf(TrialBalance tb, YearMonth month, string fundName, Actor closedBy, Instant closedAt, DateTimeZone zone,
        string fontFolder)
    {
        var title = Title(month);
        return OfficialDocument.Render(title, fundName, title, closedAt, fontFolder, title, c =>
        {
            c.Text(fundName.ToUpperInvariant(), OfficialDocument.Body.Size(10.5f).Bold().Center());
            c.Spacer(4);
            c.Text(title.ToUpperInvariant(), OfficialDocument.Body.Size(13).Bold().Center(), keepWithNext: true);
            c.Text($"Từ ngày {VietnameseFormat.Date(PeriodRules.FirstDay(month))} đến ngày {VietnameseFormat.Date(PeriodRules.LastDay(month))}",
                OfficialDocument.Body.Size(10.5f).Center(), keepWithNext: true);
            c.Text("Đơn vị: đồng.", OfficialDocument.Body.Size(9).Italic().Center());
            c.Spacer(3);
            c.Table(t =>
            {
                t.CellStyle(Cell).HeaderStyle(Cell.Bold()).Zebra().RepeatHeader(true).Padding(1.2f, 1f)
                    .Column("Số hiệu TK", ColumnWidth.Relative(0.8f)).Column("Tên tài khoản", ColumnWidth.Relative(2.4f));
                foreach (var h in Header.Skip(2)) t.Column(h, ColumnWidth.Relative(1.3f), TextAlign.Right);
                foreach (var (number, name, amounts) in Lines(tb))
                    t.Row(number.Length == 0 ? Cell.Bold() : null,
                        [number, name, .. amounts.Select(a => a == 0 ? "" : VietnameseFormat.Amount(Money.Of(a)))]);
            });
            c.Spacer(4);
            c.Text($"Khoá sổ ngày {VietnameseFormat.Date(closedAt.InZone(zone).Date)} bởi {closedBy.UserName}.",
                OfficialDocument.Body.Size(9).Italic());
        });
    }

    public static IReadOnlyList<ReportFile> Files(TrialBalance tb, YearMonth month, string fundId, string fundName, Actor closedBy,
        Instant closedAt, DateTimeZone zone, string fontFolder)
    {
        var stem = $"bang-can-doi-so-phat-sinh-{fundId}-{PeriodRules.Format(month)}";
        return
        [
            new ReportFile(ReportFormat.Csv, stem + ".csv", Csv(tb)),
            new ReportFile(ReportFormat.Pdf, stem + ".pdf", Pdf(tb, month, fundName, closedBy, closedAt, zone, fontFolder)),
        ];
    }
}
