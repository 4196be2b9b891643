using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>
/// What the fund's official documents share (decision letters, contracts, later notices): the body styles, the page
/// frame with a running header from page 2 and "Trang i/N" in the footer, article headings, and the repayment
/// schedule table with a totals row.
/// </summary>
public static class OfficialDocument
{
    public static readonly TextStyle Body = TextStyle.Default.Size(11).Spaced(1.1f);
    public static readonly TextStyle Small = Body.Size(8.5f);

    public static byte[] Render(string title, string author, string subject, Instant createdAt, string fontFolder,
        string runningHeader, Action<ContentBuilder> content)
    {
        var options = new PdfDocumentOptions
        {
            Title = title, Author = author, Subject = subject, CreatedAt = createdAt, FontFolder = fontFolder, BaseStyle = Body,
        };
        return PdfDocumentBuilder.Create(options)
            .Page(p => p
                .Header((h, page) =>
                {
                    if (page.Number > 1) h.Text(runningHeader, Small.Italic().Colored(DocumentColor.Gray).Right());
                })
                .Footer((f, page) => f.Text(VietnameseFormat.PageNumber(page), Small.Center()))
                .Content(content))
            .Render();
    }

    public static void Article(ContentBuilder c, string number, string heading) =>
        c.Paragraph(p => p.Bold($"{number}. ").Bold(heading), keepWithNext: true);

    /// <summary>Kỳ, Ngày đến hạn, Gốc, Lãi, Tổng phải trả, Dư nợ còn lại, and a "Cộng" row; the header repeats on every page.</summary>
    public static void ScheduleTable(ContentBuilder c, IReadOnlyList<DecisionScheduleRow> rows, float fontSize)
    {
        var cell = Body.Size(fontSize).Spaced(1f);
        c.Table(t =>
        {
            t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().RepeatHeader(true).Padding(1.2f, 1f)
                .Column("Kỳ", ColumnWidth.Fixed(10), TextAlign.Center)
                .Column("Ngày đến hạn", ColumnWidth.Relative(2f), TextAlign.Center)
                .Column("Gốc", ColumnWidth.Relative(1.9f), TextAlign.Right)
                .Column("Lãi", ColumnWidth.Relative(1.7f), TextAlign.Right)
                .Column("Tổng phải trả", ColumnWidth.Relative(1.9f), TextAlign.Right)
                .Column("Dư nợ còn lại", ColumnWidth.Relative(2f), TextAlign.Right);
            foreach (var row in rows)
                t.Row(row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), VietnameseFormat.Date(row.DueDate),
                    VietnameseFormat.Amount(row.Principal), VietnameseFormat.Amount(row.Interest),
                    VietnameseFormat.Amount(row.Total), VietnameseFormat.Amount(row.BalanceAfter));
            t.Row(cell.Bold(), DocumentColor.LightGray, "", "Cộng",
                VietnameseFormat.Amount(Money.Sum(rows.Select(r => r.Principal))),
                VietnameseFormat.Amount(Money.Sum(rows.Select(r => r.Interest))),
                VietnameseFormat.Amount(Money.Sum(rows.Select(r => r.Total))), "");
        });
    }
}
