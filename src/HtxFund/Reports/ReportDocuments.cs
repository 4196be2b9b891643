using System.Text;
using System.Text.Json;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Funds;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Reports;

/// <summary>The fund as a report names it: the letterhead lines and the place.</summary>
public sealed record ReportIssuer(string FundName, string SuperiorBody, string Place);

/// <summary>What the periodic reports (lending activity, fund rating) share: the JSON export (the API's camelCase JSON
/// with ISO dates), the CSV writer (UTF-8 with BOM, semicolons, whole đồng, formula-safe text) and the PDF frame
/// (letterhead, title, the official document's page frame).</summary>
public static class ReportDocuments
{
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }
        .ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static byte[] JsonBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    /// <summary>The fund as its reports name it; the superior body as on its letters (configuration
    /// <c>HtxFund:Letterheads:{fundId}:SuperiorBody</c>, then the fund's own letterhead, then the default).</summary>
    public static async Task<ReportIssuer> IssuerAsync(IQuerySession session, string fundId, IConfiguration configuration, CancellationToken ct)
    {
        var fund = await session.LoadAsync<Fund>(fundId, ct);
        var province = fund?.ProvinceName ?? "";
        return new ReportIssuer(Fund.NameOf(fund), FundLetterheads.SuperiorBody(configuration, fund),
            province.Length > 0 ? province : "Hà Nội");
    }

    /// <summary>A CSV file in the house conventions (<see cref="CsvText"/>): each row's cells joined by ';', CRLF, UTF-8
    /// with BOM; text cells formula-safe; numbers invariant, dates dd/MM/yyyy.</summary>
    public static byte[] Csv(IEnumerable<IEnumerable<object?>> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows) csv.AppendJoin(';', row.Select(Cell)).Append("\r\n");
        return CsvText.Utf8WithBom(csv.ToString());
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => CsvText.Cell(s),
        decimal d => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        LocalDate date => VietnameseFormat.Date(date),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => CsvText.Cell(value.ToString() ?? ""),
    };

    /// <summary>An official-style report: letterhead and motto, place and date, title lines, then the content.</summary>
    public static byte[] Pdf(ReportIssuer issuer, string title, string subtitle, LocalDate date, Instant createdAt, string fontFolder,
        Action<ContentBuilder> content)
    {
        var body = OfficialDocument.Body;
        return OfficialDocument.Render($"{title} - {subtitle}", issuer.FundName, subtitle, createdAt, fontFolder, $"{issuer.FundName} - {title} {subtitle}",
            c =>
            {
                var s = body.Size(10.5f).Center();
                c.Row(r => r
                    .Relative(42, l =>
                    {
                        l.Text(issuer.SuperiorBody.ToUpperInvariant(), s);
                        l.Text(issuer.FundName.ToUpperInvariant(), s.Bold());
                        l.Line(0.6f, widthFraction: 0.4f, align: TextAlign.Center, paddingPoints: 2);
                    })
                    .Relative(58, m =>
                    {
                        m.Text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.Bold());
                        m.Text("Độc lập - Tự do - Hạnh phúc", s.Bold().Size(11));
                        m.Line(0.6f, widthFraction: 0.55f, align: TextAlign.Center, paddingPoints: 2);
                        m.Text(VietnameseFormat.PlaceAndDate(issuer.Place, date), s.Italic());
                    }), gapMm: 3);
                c.Spacer(6);
                c.Text(title, body.Size(14).Bold().Center(), keepWithNext: true);
                c.Text(subtitle, body.Size(12).Bold().Center(), keepWithNext: true);
                c.Spacer(4);
                content(c);
            });
    }

    /// <summary>A two-column table of figures: label, value (right-aligned).</summary>
    public static void Figures(ContentBuilder c, IEnumerable<(string Label, string Value)> rows)
    {
        var cell = OfficialDocument.Body.Size(10f).Spaced(1f);
        c.Table(t =>
        {
            t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().Padding(1.2f, 1f)
                .Column("Chỉ tiêu", ColumnWidth.Relative(3f))
                .Column("Giá trị", ColumnWidth.Relative(1.6f), TextAlign.Right);
            foreach (var (label, value) in rows) t.Row(label, value);
        });
    }

    public static string Amount(long dong) => VietnameseFormat.Amount(Lending.Money.Of(dong));
    public static string Money(long dong) => VietnameseFormat.Money(Lending.Money.Of(dong));
}
