using HtxFund.Accounting.Reading;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending.Accounting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Accounting.Exports;

/// <summary>
/// The journal as a file for MISA SME's import of other vouchers ("Chứng từ nghiệp vụ khác"): one row per posting (a
/// debit line paired with the credit line that follows it in its voucher), header on row 1. The columns follow the
/// template's usual layout; the exact columns of a given MISA version are <b>unconfirmed</b> (docs/accounting.md): MISA's
/// import wizard matches columns by name, and the columns after "Đối tượng Có" are this system's own (ignored or mapped).
/// </summary>
public static class MisaImport
{
    public static readonly BookColumn[] Columns =
    [
        new("Ngày hạch toán", BookCellKind.Date), new("Ngày chứng từ", BookCellKind.Date), new("Số chứng từ", Width: 1.3f),
        new("Diễn giải", Width: 3f), new("TK Nợ", Width: 0.7f), new("TK Có", Width: 0.7f), new("Số tiền", BookCellKind.Amount),
        new("Đối tượng Nợ", Width: 2.4f), new("Đối tượng Có", Width: 2.4f), new("Tên đối tượng Nợ", Width: 2f), new("Tên đối tượng Có", Width: 2f),
        new("Số hợp đồng", Width: 1.2f),
    ];

    /// <summary>One posting: the debit line and its credit line.</summary>
    public sealed record Posting(JournalLine Debit, JournalLine Credit);

    /// <summary>The postings of <paramref name="lines"/> (the journal in posting order): within each voucher, lines 1–2,
    /// 3–4, ... are one posting each, its debit line and its credit line in either order.</summary>
    public static IReadOnlyList<Posting> Postings(IEnumerable<JournalLine> lines) =>
        lines.GroupBy(l => (l.EventId, l.VoucherNumber))
            .SelectMany(voucher => voucher.OrderBy(l => l.LineNo).Chunk(2).Select(pair =>
            {
                var debit = pair.Length == 2 && pair[1].Debit > pair[0].Debit ? pair[1] : pair[0];
                var credit = pair.Length == 2 ? (debit == pair[0] ? pair[1] : pair[0]) : null;
                if (credit is null || credit.Credit != debit.Debit || credit.Account != debit.CounterAccount)
                    throw new InvalidOperationException($"Voucher {voucher.Key.VoucherNumber}: line {debit.LineNo} has no matching other side.");
                return new Posting(debit, credit);
            }))
            .ToList();

    /// <summary>The import file's table (no title rows: the header is row 1). The object columns name the borrower on the
    /// side whose account tracks borrowers in <paramref name="chart"/> (its id in this system as the object's code).</summary>
    public static BookTable Table(IEnumerable<JournalLine> lines, ChartOfAccounts chart)
    {
        bool Tracks(string account) => chart.Find(account)?.TracksObject == true;
        var rows = Postings(lines).Select(p =>
        {
            var (d, c) = (p.Debit, p.Credit);
            var debitObject = Tracks(d.Account) ? d : null;
            var creditObject = Tracks(c.Account) ? c : null;
            return new BookRow([d.PostingDate, d.BusinessDate, d.VoucherNumber, d.Description, d.Account, c.Account, d.Debit,
                debitObject?.ObjectId?.ToString(), creditObject?.ObjectId?.ToString(), debitObject?.ObjectName, creditObject?.ObjectName,
                d.ContractNumber ?? c.ContractNumber]);
        }).ToList();
        return new BookTable("", [], "Chứng từ nghiệp vụ khác", Columns, rows);
    }
}

public static class ExportMisaEndpoint
{
    /// <summary>The caller's fund's journal from <c>from</c> to <c>to</c> (posting dates, yyyy-MM-dd; default the current
    /// month, at most 10 years) as an XLSX for MISA SME's import of other vouchers ("Chứng từ nghiệp vụ khác"): one row per
    /// posting with Ngày hạch toán, Ngày chứng từ, Số chứng từ, Diễn giải, TK Nợ, TK Có, Số tiền, Đối tượng Nợ, Đối tượng Có
    /// (the template's columns for a given MISA version are unconfirmed: docs/accounting.md).</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/exports/misa", OperationId = "exportJournalForMisa")]
    [Tags("Kế toán")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Get(string? from, string? to, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var period = BooksQuery.Period(from, to, time.Today, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var filter = new JournalFilter(period!);
        if (await GeneralJournal.TooLargeToExportAsync(session, filter, ct) is { } tooLarge) return Results.Problem(tooLarge);
        var table = MisaImport.Table(await GeneralJournal.AllAsync(session, filter, ct), await BooksQuery.ChartAsync(session, ct));
        return Results.File(BookXlsx.Write(table), BookFiles.XlsxType, BookFiles.Stem("misa-chung-tu-nghiep-vu-khac", period!) + ".xlsx");
    }
}
