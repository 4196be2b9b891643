using System.Globalization;
using System.Text;
using HtxFund.Funds;
using HtxFund.Infrastructure.Http;
using HtxFund.Reports.Archive;
using Marten;
using NodaTime;

namespace HtxFund.Accounting.Exports;

public enum BookCellKind { Text, Date, Amount }

public sealed record BookColumn(string Header, BookCellKind Kind = BookCellKind.Text, float Width = 1f);

/// <summary>One row of a book: cells are text (string), dates (<see cref="LocalDate"/>), amounts (long, whole đồng) or
/// null (empty); <see cref="Total"/> marks the form's own rows (opening balance, totals, closing balance).</summary>
public sealed record BookRow(IReadOnlyList<object?> Cells, bool Total = false);

/// <summary>A book as a table, the one shape the CSV, XLSX and PDF writers take: a title, the lines under it (account,
/// period, fund), the columns and the rows.</summary>
public sealed record BookTable(string Title, IReadOnlyList<string> Subtitles, string Sheet, IReadOnlyList<BookColumn> Columns,
    IReadOnlyList<BookRow> Rows);

/// <summary>
/// CSV of a book: UTF-8 with BOM, <c>;</c> between fields, CRLF (the house conventions of <see cref="CsvText"/>); the
/// first line is the Vietnamese header, then one line per row; dates dd/MM/yyyy; amounts as plain whole-đồng integers
/// without separators (a spreadsheet sums them as numbers whatever its locale: "1.500.000.000" would read as text or as
/// 1.5 in some locales).
/// </summary>
public static class BookCsv
{
    public static byte[] Write(BookTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(';', table.Columns.Select(c => CsvText.Cell(c.Header))).Append("\r\n");
        foreach (var row in table.Rows)
            csv.AppendJoin(';', row.Cells.Select(Cell)).Append("\r\n");
        return CsvText.Utf8WithBom(csv.ToString());
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        LocalDate d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => CsvText.Cell(value.ToString() ?? ""),
    };
}

/// <summary>How a book is answered as a file, and the fund whose name heads it.</summary>
public static class BookFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"{name}-{from}-{to}" (ISO dates), the file name without its extension.</summary>
    public static string Stem(string name, Reading.BooksPeriod period) => $"{name}-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}";

    public static IResult Answer(BookTable table, ReportFormat format, string stem, Func<byte[]>? pdf = null) => format switch
    {
        ReportFormat.Csv => Results.File(BookCsv.Write(table), "text/csv; charset=utf-8", stem + ".csv"),
        ReportFormat.Xlsx => Results.File(BookXlsx.Write(table), XlsxType, stem + ".xlsx"),
        ReportFormat.Pdf when pdf is not null => Results.File(pdf(), "application/pdf", stem + ".pdf"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The endpoint checked the format."),
    };

    public static async Task<Fund> FundAsync(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Fund>(session.TenantId, ct) ?? new Fund { Id = session.TenantId, Name = Fund.GenericName, Kind = FundKind.Provincial };

    public static async Task<string> FundNameAsync(IQuerySession session, CancellationToken ct) => (await FundAsync(session, ct)).Name;
}
