using HtxFund.Accounting.Exports;
using HtxFund.Accounting.Reading;
using HtxFund.Funds;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.Archive;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace HtxFund.Accounting.Periods;

/// <summary>
/// The archived files of a closed month's trial balance (bảng cân đối số phát sinh), written by the books' own writers
/// (<see cref="BookTables.TrialBalance"/>, <see cref="BookCsv"/>, <see cref="BookPdf"/>: the same files a reader downloads from
/// <c>GET /api/accounting/trial-balance</c>), titled with the month and dated with the close (so a file written again from
/// the same closed month is the same file).
/// </summary>
public static class TrialBalanceFiles
{
    public static string Title(YearMonth month) => $"Bảng cân đối số phát sinh tháng {PeriodRules.Display(month)}";

    public static IReadOnlyList<ReportFile> Files(TrialBalance tb, int setupVersion, YearMonth month, string fundId, Fund? fund,
        IConfiguration configuration, Instant closedAt)
    {
        var owner = fund ?? new Fund { Id = fundId, Name = Fund.GenericName, Kind = FundKind.Provincial };
        var report = TrialBalanceReport.Of(tb, PeriodRules.FirstDay(month), PeriodRules.LastDay(month), setupVersion);
        var table = BookTables.TrialBalance(report, owner.Name) with { Title = Title(month) };
        var stem = $"bang-can-doi-so-phat-sinh-{fundId}-{PeriodRules.Format(month)}";
        return
        [
            new ReportFile(ReportFormat.Csv, stem + ".csv", BookCsv.Write(table)),
            new ReportFile(ReportFormat.Pdf, stem + ".pdf", BookPdf.Render(table, owner, configuration, closedAt)),
        ];
    }
}
