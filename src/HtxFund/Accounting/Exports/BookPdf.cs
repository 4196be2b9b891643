using System.Globalization;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Accounting.Exports;

/// <summary>
/// The PDF of a book (the trial balance, an account's ledger): A4 landscape; the fund's name, the title, the account and
/// the period, "Đơn vị tính: đồng"; the table with amounts written 1.500.000.000 and dates dd/MM/yyyy, its header on
/// every page; the signature block of the person who drew it up, the chief accountant and the director.
/// </summary>
public static class BookPdf
{
    private static readonly TextStyle Body = OfficialDocument.Body.Size(10);
    private static readonly TextStyle Cell = Body.Size(8.5f).Spaced(1f);

    public static byte[] Render(BookTable table, Fund fund, IConfiguration configuration, Instant now)
    {
        var options = new PdfDocumentOptions
        {
            Title = table.Title, Author = fund.Name, Subject = table.Title, CreatedAt = now, FontFolder = PdfDocumentOptions.FontFolderOf(configuration),
            BaseStyle = Body, Orientation = PageOrientation.Landscape, Margins = new PageMargins(15, 12, 15, 15),
        };
        var superior = FundLetterheads.SuperiorBody(configuration, fund);
        var today = now.InZone(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]).Date;
        return PdfDocumentBuilder.Create(options)
            .Page(p => p
                .Header((h, page) =>
                {
                    if (page.Number > 1) h.Text($"{fund.Name} - {table.Title}", OfficialDocument.Small.Italic().Colored(DocumentColor.Gray).Right());
                })
                .Footer((f, page) => f.Text(VietnameseFormat.PageNumber(page), OfficialDocument.Small.Center()))
                .Content(c =>
                {
                    if (superior is { Length: > 0 }) c.Text(superior.ToUpperInvariant(), Body.Size(9.5f));
                    c.Text($"Đơn vị: {fund.Name}", Body.Size(9.5f).Bold());
                    c.Spacer(3);
                    c.Text(table.Title.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), Body.Size(14).Bold().Center(), keepWithNext: true);
                    foreach (var line in table.Subtitles.Where(l => l != $"Đơn vị: {fund.Name}")) c.Text(line, Body.Size(10.5f).Center(), keepWithNext: true);
                    c.Text("Đơn vị tính: đồng", Body.Size(9).Italic().Right(), keepWithNext: true);
                    c.Spacer(1);
                    c.Table(t =>
                    {
                        t.CellStyle(Cell).HeaderStyle(Cell.Bold()).Zebra().RepeatHeader(true).Padding(1f, 0.8f);
                        foreach (var column in table.Columns)
                            t.Column(column.Header, ColumnWidth.Relative(column.Kind == BookCellKind.Amount ? 1.35f : column.Width), column.Kind switch
                            {
                                BookCellKind.Amount => TextAlign.Right,
                                BookCellKind.Date => TextAlign.Center,
                                _ => TextAlign.Left,
                            });
                        foreach (var row in table.Rows)
                        {
                            var cells = row.Cells.Select(Text).ToArray();
                            if (row.Total) t.Row(Cell.Bold(), DocumentColor.LightGray, cells);
                            else t.Row(cells);
                        }
                    });
                    c.Spacer(5);
                    Signatures(c, today);
                }))
            .Render();
    }

    /// <summary>"Ngày … tháng … năm …" on the right, then Người lập biểu, Kế toán trưởng, Giám đốc side by side.</summary>
    private static void Signatures(ContentBuilder c, LocalDate today) => c.KeepTogether(k =>
    {
        k.Row(r => r.Relative(2, _ => { }).Relative(1, right => right.Text(Capitalised(VietnameseFormat.LongDate(today)), Body.Italic().Center())));
        k.Row(r => r
            .Relative(1, x => x.Signature(new SignatureBlock("Người lập biểu", "", Note: "(Ký, họ tên)")))
            .Relative(1, x => x.Signature(new SignatureBlock("Kế toán trưởng", "", Note: "(Ký, họ tên)")))
            .Relative(1, x => x.Signature(new SignatureBlock("Giám đốc", "", Note: "(Ký, họ tên, đóng dấu)"))));
    });

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A cell as people read it: 1.500.000.000, dd/MM/yyyy.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        LocalDate d => VietnameseFormat.Date(d),
        long n => VietnameseFormat.Amount(Money.Of(n)),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
