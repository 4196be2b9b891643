using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Documents;
using HtxFund.Documents.Charts;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Lending;
using HtxFund.Reports.Archive;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>A table of figures with one value column per fund (one column for a single fund's report; one per
/// reporting fund plus a total for the consolidation). Rows are the figure codes in order.</summary>
public sealed record FigureTable(IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows);

public sealed record FigureRow(string Code, string Section, string Label, FigureUnit Unit, IReadOnlyList<decimal?> Values);

/// <summary>
/// The exports of the capital-adequacy report.
/// <list type="bullet">
/// <item>JSON: the report as the API answers it (camelCase, ISO dates, enums as text).</item>
/// <item>CSV: UTF-8 with BOM, semicolon-separated, CRLF; columns <c>Mã chỉ tiêu;Nhóm chỉ tiêu;Chỉ tiêu;Đơn vị;</c> then one
///   value column per fund (the fund's name; "Tổng cộng" last in a consolidation). Values are plain numbers: whole đồng,
///   counts, percentages with a '.' decimal point (e.g. 12.5), so a spreadsheet or a program reads them back exactly.</item>
/// <item>XLSX: the same table on sheet "Chỉ tiêu", numbers as numeric cells.</item>
/// <item>PDF: Vietnamese document with the tables and two charts (debt-group distribution; outstanding and NPL over 12 months).</item>
/// </list>
/// </summary>
public static class CapitalAdequacyExports
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public static readonly string[] CsvHeader = ["Mã chỉ tiêu", "Nhóm chỉ tiêu", "Chỉ tiêu", "Đơn vị"];

    public static string UnitName(FigureUnit unit) => unit switch
    {
        FigureUnit.Dong => "đồng",
        FigureUnit.Count => "số lượng",
        _ => "%",
    };

    public static FigureTable Table(CapitalAdequacyReport report) =>
        new([report.FundName], report.Figures.Select(f => new FigureRow(f.Code, f.Section, f.Label, f.Unit, [f.Value])).ToArray());

    public static byte[] JsonBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    public static byte[] Csv(FigureTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(';', CsvHeader.Concat(table.Columns).Select(Cell)).Append("\r\n");
        foreach (var row in table.Rows)
            csv.AppendJoin(';', new[] { row.Code, row.Section, row.Label, UnitName(row.Unit) }.Select(Cell)
                    .Concat(row.Values.Select(v => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "")))
                .Append("\r\n");
        return Infrastructure.Http.CsvText.Utf8WithBom(csv.ToString());
    }

    private static string Cell(string value) => Infrastructure.Http.CsvText.Cell(value);

    public static byte[] Xlsx(FigureTable table, string title)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint rowIndex = 1;
            data.Append(TextRow(rowIndex++, [title]));
            data.Append(TextRow(rowIndex++, [.. CsvHeader, .. table.Columns]));
            foreach (var row in table.Rows)
            {
                var r = new Row { RowIndex = rowIndex++ };
                foreach (var text in new[] { row.Code, row.Section, row.Label, UnitName(row.Unit) }) r.Append(TextCell(text));
                foreach (var value in row.Values)
                    r.Append(value is { } v
                        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)) }
                        : new Cell());
                data.Append(r);
            }
            sheetPart.Worksheet = new Worksheet(
                new Columns(new Column { Min = 1, Max = 1, Width = 34, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 26, CustomWidth = true },
                    new Column { Min = 3, Max = 3, Width = 60, CustomWidth = true }, new Column { Min = 4, Max = 4, Width = 10, CustomWidth = true },
                    new Column { Min = 5, Max = (uint)(4 + table.Columns.Count), Width = 22, CustomWidth = true }),
                data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Chỉ tiêu" });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row TextRow(uint index, IEnumerable<string> texts)
    {
        var row = new Row { RowIndex = index };
        foreach (var t in texts) row.Append(TextCell(t));
        return row;
    }

    private static Cell TextCell(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Cell9 = OfficialDocument.Body.Size(9).Spaced(1f);

    public static string Amount(long dong) => VietnameseFormat.Amount(Money.Of(dong));

    public static string Percent(decimal? percent) => percent is { } p ? VietnameseFormat.Percent(p) : "—";

    /// <summary>The PDF of one fund's report.</summary>
    public static byte[] Pdf(CapitalAdequacyReport r, string fontFolder, Instant createdAt, string? superiorBody, string? note = null)
    {
        var title = $"Báo cáo an toàn vốn tại ngày {VietnameseFormat.Date(r.AsOf)}";
        return OfficialDocument.Render(title, r.FundName, "Báo cáo an toàn vốn", createdAt, fontFolder, $"{r.FundName} - {title}", c =>
        {
            Heading(c, superiorBody, r.FundName, "BÁO CÁO AN TOÀN VỐN", $"Tại ngày {VietnameseFormat.Date(r.AsOf)}");
            c.Text($"Số liệu tính từ các sự kiện có số thứ tự đến {r.HighestSequence.ToString(CultureInfo.InvariantCulture)}, chính sách phiên bản {r.PolicyVersion}. Đơn vị: đồng.",
                Body.Size(9).Italic().Center());
            if (note is not null) c.Text(note, Body.Size(9).Italic().Center());
            c.Spacer(4);

            Section(c, "I. Nguồn vốn và thanh khoản");
            c.KeyValues(kv =>
            {
                kv.Add("Vốn điều lệ:", Amount(r.Capital.CharterCapital));
                kv.Add("Chênh lệch thu chi lũy kế:", Amount(r.Capital.RetainedResult));
                kv.Add("Vốn điều lệ thực có:", Amount(r.Capital.ActualCharterCapital), Body.Bold());
                foreach (var o in r.Capital.OtherCapital.Where(o => o.Amount != 0)) kv.Add($"{o.Name}:", Amount(o.Amount));
                kv.Add("Tổng nguồn vốn:", Amount(r.Capital.CapitalSources), Body.Bold());
                kv.Add("Vốn chủ sở hữu:", Amount(r.Capital.Equity));
                kv.Add("Tiền:", Amount(r.Cash));
                kv.Add("Đã cam kết, chưa giải ngân:", Amount(r.Committed));
                kv.Add("Vốn còn có thể cho vay:", Amount(r.AvailableToLend), Body.Bold());
            }, labelWidthMm: 70);

            Section(c, "II. Dư nợ theo nhóm nợ");
            c.Table(t =>
            {
                Style(t).Column("Nhóm nợ", ColumnWidth.Relative(1.2f)).Column("Số khoản vay", ColumnWidth.Relative(1f), TextAlign.Right)
                    .Column("Dư nợ gốc", ColumnWidth.Relative(1.6f), TextAlign.Right).Column("Tỷ trọng", ColumnWidth.Relative(1f), TextAlign.Right)
                    .Column("Dự phòng phải trích", ColumnWidth.Relative(1.6f), TextAlign.Right);
                foreach (var g in r.ByDebtGroup)
                    t.Row(g.Name, g.Loans.ToString(CultureInfo.InvariantCulture), Amount(g.Principal),
                        Percent(CapitalAdequacyCalculator.Ratio(g.Principal, r.Outstanding)), Amount(g.ProvisionRequired));
                t.Row(Cell9.Bold(), DocumentColor.LightGray, "Cộng", r.Loans.ToString(CultureInfo.InvariantCulture), Amount(r.Outstanding),
                    r.Outstanding > 0 ? Percent(100) : "—", Amount(r.ProvisionsRequired));
            });
            c.Spacer(2);
            c.KeyValues(kv => kv
                .Add("Nợ xấu (nhóm 3–5):", Amount(r.NonPerforming))
                .Add("Tỷ lệ nợ xấu:", Percent(r.NplRatioPercent), Body.Bold())
                .Add("Giá trị khấu trừ của tài sản bảo đảm:", Amount(r.DeductibleCollateral))
                .Add("Dự phòng phải trích:", Amount(r.ProvisionsRequired))
                .Add("Dự phòng đã trích:", Amount(r.ProvisionsBooked))
                .Add("Dự phòng đã sử dụng để xử lý rủi ro:", Amount(r.ProvisionsUsed))
                .Add("Dự phòng còn lại:", Amount(r.ProvisionsHeld))
                .Add("Dự phòng còn thiếu (+) / thừa (−):", Amount(r.ProvisionShortfall))
                .Add("Nợ gốc đã xử lý rủi ro (theo dõi ngoại bảng):", $"{Amount(r.OffBalancePrincipal)} ({r.OffBalanceLoans.ToString(CultureInfo.InvariantCulture)} khoản vay)")
                .Add("Thu hồi nợ đã xử lý rủi ro:", Amount(r.Recovered)), labelWidthMm: 70);
            c.BarChart(new BarChart("Phân bổ dư nợ theo nhóm nợ (triệu đồng)", r.ByDebtGroup.Select(g => g.Name).ToArray(),
                [new ChartSeries("Dư nợ gốc", r.ByDebtGroup.Select(g => g.Principal / 1_000_000d).ToArray())]) { HeightMm = 65, ValueAxisLabel = "Triệu đồng" });

            Section(c, "III. Diễn biến dư nợ và nợ xấu 12 tháng");
            c.LineChart(new LineChart("Dư nợ và nợ xấu cuối tháng (triệu đồng)", r.Trend.Select(p => $"{p.MonthEnd.Month:D2}/{p.MonthEnd.Year % 100:D2}").ToArray(),
            [
                new ChartSeries("Dư nợ gốc", r.Trend.Select(p => p.Outstanding / 1_000_000d).ToArray()),
                new ChartSeries("Nợ xấu", r.Trend.Select(p => p.NonPerforming / 1_000_000d).ToArray()),
            ]) { HeightMm = 65, ValueAxisLabel = "Triệu đồng" });
            c.Table(t =>
            {
                Style(t).Column("Cuối tháng", ColumnWidth.Relative(1f), TextAlign.Center).Column("Dư nợ gốc", ColumnWidth.Relative(1.5f), TextAlign.Right)
                    .Column("Nợ xấu", ColumnWidth.Relative(1.5f), TextAlign.Right).Column("Tỷ lệ nợ xấu", ColumnWidth.Relative(1f), TextAlign.Right);
                foreach (var p in r.Trend) t.Row(VietnameseFormat.Date(p.MonthEnd), Amount(p.Outstanding), Amount(p.NonPerforming), Percent(p.NplRatioPercent));
            });

            Section(c, "IV. Dư nợ theo thời hạn");
            Slices(c, "Thời hạn", r.ByTermClass, r.Outstanding);

            Section(c, "V. Giới hạn cho vay (Nghị định 45/2021, Điều 23)");
            c.Text($"Một khách hàng: {Percent(r.SingleBorrowerLimitPercent)} vốn điều lệ thực có = {Amount(r.SingleBorrowerLimit)}; khách hàng và người có liên quan: "
                   + $"{Percent(r.RelatedGroupLimitPercent)} = {Amount(r.RelatedGroupLimit)}. Dư nợ tính cả phần đã cam kết chưa giải ngân.", Body.Size(9.5f));
            Exposures(c, "Khách hàng", r.LargestBorrowers);
            c.Spacer(2);
            Exposures(c, "Nhóm khách hàng liên quan", r.LargestGroups);

            Section(c, "VI. Dư nợ trên vốn chủ sở hữu (Nghị định 45/2021, Điều 46)");
            c.KeyValues(kv => kv
                .Add("Dư nợ / vốn chủ sở hữu:", Percent(r.OutstandingToEquityPercent), Body.Bold())
                .Add("Ngưỡng:", Percent(r.DissolutionThresholdPercent))
                .Add("Đánh giá:", r.BelowDissolutionThreshold
                    ? "Dưới ngưỡng 20% (nếu kéo dài 5 năm liên tục cùng xếp loại C là căn cứ giải thể)"
                    : "Không dưới ngưỡng 20%"), labelWidthMm: 70);

            Section(c, "VII. Cơ cấu dư nợ");
            Slices(c, "Đối tượng ưu tiên", r.ByPriority, r.Outstanding);
            c.Spacer(2);
            Slices(c, "Loại khách hàng", r.ByBorrowerType, r.Outstanding);
            c.Spacer(2);
            Slices(c, "Huyện", r.ByDistrict, r.Outstanding);
            c.Spacer(2);
            Slices(c, "Ngành", r.BySector, r.Outstanding);

            Section(c, "VIII. Cho vay trong kỳ");
            c.Table(t =>
            {
                Style(t).Column("Kỳ", ColumnWidth.Relative(1.6f)).Column("Số khoản vay", ColumnWidth.Relative(1f), TextAlign.Right)
                    .Column("Số tiền giải ngân", ColumnWidth.Relative(1.4f), TextAlign.Right).Column("Số HTX được tiếp cận", ColumnWidth.Relative(1f), TextAlign.Right);
                foreach (var (name, l) in new[] { ("Trong tháng", r.LendingInMonth), ("Từ đầu năm", r.LendingInYear) })
                    t.Row($"{name} ({VietnameseFormat.Date(l.From)} – {VietnameseFormat.Date(l.To)})", l.Loans.ToString(CultureInfo.InvariantCulture),
                        Amount(l.Amount), l.Cooperatives.ToString(CultureInfo.InvariantCulture));
            });

            Section(c, "IX. Đối chiếu");
            var rec = r.Reconciliation;
            c.KeyValues(kv => kv
                .Add("Cộng dư nợ các nhóm:", Amount(rec.SumOfGroups))
                .Add("Tổng dư nợ gốc:", Amount(rec.Outstanding))
                .Add("Tiền + dư nợ gốc:", Amount(rec.Assets), Body.Bold())
                .Add("Nguồn vốn:", Amount(rec.CapitalSources))
                .Add("Lãi đã thu:", Amount(rec.InterestReceived))
                .Add("Lãi phạt đã thu:", Amount(rec.PenaltyInterestReceived))
                .Add("Tiền thu thừa phải trả người vay:", Amount(rec.HeldForBorrowers))
                .Add("Thu hồi nợ đã xử lý rủi ro:", Amount(rec.Recovered))
                .Add("Trừ gốc đã xử lý rủi ro (ngoại bảng):", Amount(rec.PrincipalOffBalance))
                .Add("Nguồn vốn + kết quả:", Amount(rec.SourcesAndResults), Body.Bold())
                .Add("Chênh lệch:", Amount(rec.Difference)), labelWidthMm: 70);
            c.Text("Đối chiếu theo cơ sở tiền: lãi đã thu bằng tiền; lãi dự thu chưa thu được tiền không có trong đối chiếu.", Body.Size(9).Italic());

            if (r.Interest is { } interest)
            {
                Section(c, "X. Lãi phải thu nội bảng và ngoại bảng (Thông tư 52/2022/TT-BTC, Điều 5)");
                c.KeyValues(kv => kv
                    .Add("Lãi dự thu nội bảng (nợ nhóm 1, đã ghi thu nhập):", Amount(interest.OnBalance))
                    .Add("Lãi chưa thu theo dõi ngoại bảng (nợ nhóm 2–5):", Amount(interest.OffBalance))
                    .Add("Số khoản vay có lãi theo dõi ngoại bảng:", interest.LoansOffBalance.ToString(CultureInfo.InvariantCulture)), labelWidthMm: 100);
                c.Text("Cơ sở dồn tích: lãi trong hạn, quá hạn và lãi phạt đã tính, chưa thu. Lãi của nợ ngoài nhóm 1 không dự thu vào thu nhập mà theo dõi ngoại bảng, "
                       + "chỉ ghi thu nhập khi thu được tiền.", Body.Size(9).Italic());
            }
        });
    }

    /// <summary>The PDF of a consolidation: one column per reporting fund and a total.</summary>
    public static byte[] ConsolidatedPdf(string centralName, LocalDate asOf, FigureTable table, string fontFolder, Instant createdAt)
    {
        var title = $"Báo cáo an toàn vốn tổng hợp tại ngày {VietnameseFormat.Date(asOf)}";
        var keep = new HashSet<string>(StringComparer.Ordinal)
        {
            "capital.charter_capital", "capital.actual_charter_capital", "capital.sources", "capital.equity", "liquidity.cash", "liquidity.committed",
            "liquidity.available_to_lend", "portfolio.loans", "portfolio.outstanding", "portfolio.group.1.principal", "portfolio.group.2.principal",
            "portfolio.group.3.principal", "portfolio.group.4.principal", "portfolio.group.5.principal", "portfolio.npl", "portfolio.npl_ratio",
            "provisions.required", "provisions.booked", "interest.on_balance", "interest.off_balance", "equity.outstanding_to_equity", "lending.year.loans", "lending.year.amount",
            "lending.year.cooperatives",
        };
        return OfficialDocument.Render(title, centralName, "Báo cáo an toàn vốn tổng hợp", createdAt, fontFolder, title, c =>
        {
            Heading(c, "LIÊN MINH HỢP TÁC XÃ VIỆT NAM", centralName, "BÁO CÁO AN TOÀN VỐN TỔNG HỢP", $"Tại ngày {VietnameseFormat.Date(asOf)}");
            c.Text("Đơn vị: đồng; tỷ lệ: %.", Body.Size(9).Italic().Center());
            c.Spacer(3);
            c.Table(t =>
            {
                Style(t).Column("Chỉ tiêu", ColumnWidth.Relative(2.2f));
                foreach (var column in table.Columns) t.Column(column, ColumnWidth.Relative(1.3f), TextAlign.Right);
                foreach (var row in table.Rows.Where(x => keep.Contains(x.Code)))
                    t.Row([row.Label, .. row.Values.Select(v => v is not { } x ? "—" : row.Unit == FigureUnit.Percent ? Percent(x)
                        : row.Unit == FigureUnit.Count ? ((long)x).ToString(CultureInfo.InvariantCulture) : Amount((long)x))]);
            });
            var outstanding = table.Rows.First(x => x.Code == "portfolio.outstanding");
            var npl = table.Rows.First(x => x.Code == "portfolio.npl");
            var funds = table.Columns.Take(table.Columns.Count - 1).ToArray();
            c.BarChart(new BarChart("Dư nợ và nợ xấu theo quỹ (triệu đồng)", funds,
            [
                new ChartSeries("Dư nợ gốc", outstanding.Values.Take(funds.Length).Select(v => (double)(v ?? 0) / 1_000_000d).ToArray()),
                new ChartSeries("Nợ xấu", npl.Values.Take(funds.Length).Select(v => (double)(v ?? 0) / 1_000_000d).ToArray()),
            ]) { HeightMm = 65, ValueAxisLabel = "Triệu đồng" });
        });
    }

    private static void Heading(ContentBuilder c, string? superiorBody, string fundName, string title, string subtitle)
    {
        var s = Body.Size(10.5f).Center();
        if (superiorBody is { Length: > 0 }) c.Text(superiorBody.ToUpperInvariant(), s);
        c.Text(fundName.ToUpperInvariant(), s.Bold());
        c.Line(0.6f, widthFraction: 0.3f, align: TextAlign.Center, paddingPoints: 2);
        c.Spacer(4);
        c.Text(title, Body.Size(14).Bold().Center(), keepWithNext: true);
        c.Text(subtitle, Body.Size(11.5f).Bold().Center(), keepWithNext: true);
        c.Spacer(2);
    }

    private static void Section(ContentBuilder c, string heading)
    {
        c.Spacer(4);
        c.Text(heading, Body.Size(11.5f).Bold(), keepWithNext: true);
        c.Spacer(1);
    }

    private static TableBuilder Style(TableBuilder t) => t.CellStyle(Cell9).HeaderStyle(Cell9.Bold()).Zebra().RepeatHeader(true).Padding(1.2f, 1f);

    private static void Slices(ContentBuilder c, string heading, IReadOnlyList<PortfolioSlice> slices, long outstanding) => c.Table(t =>
    {
        Style(t).Column(heading, ColumnWidth.Relative(2f)).Column("Số khoản vay", ColumnWidth.Relative(1f), TextAlign.Right)
            .Column("Dư nợ gốc", ColumnWidth.Relative(1.5f), TextAlign.Right).Column("Tỷ trọng", ColumnWidth.Relative(1f), TextAlign.Right);
        foreach (var s in slices)
            t.Row(s.Name, s.Loans.ToString(CultureInfo.InvariantCulture), Amount(s.Principal), Percent(CapitalAdequacyCalculator.Ratio(s.Principal, outstanding)));
    });

    private static void Exposures(ContentBuilder c, string heading, IReadOnlyList<ExposureLine> lines) => c.Table(t =>
    {
        Style(t).Column(heading, ColumnWidth.Relative(2.2f)).Column("Dư nợ và cam kết", ColumnWidth.Relative(1.4f), TextAlign.Right)
            .Column("Giới hạn", ColumnWidth.Relative(1.4f), TextAlign.Right).Column("Còn được vay", ColumnWidth.Relative(1.4f), TextAlign.Right)
            .Column("Trong giới hạn", ColumnWidth.Relative(0.9f), TextAlign.Center);
        foreach (var e in lines)
            t.Row(e.Name, Amount(e.Exposure), Amount(e.Limit), Amount(e.Headroom), e.WithinLimit ? "Có" : "Vượt");
        if (lines.Count == 0) t.Row("Không có dư nợ", "", "", "", "");
    });

    /// <summary>The four archived files of a report.</summary>
    public static IReadOnlyList<ReportFile> Files(CapitalAdequacyReport r, string fontFolder, Instant now, string? superiorBody, string? note = null)
    {
        var stem = $"bao-cao-an-toan-von-{r.FundId}-{r.AsOf:yyyy-MM-dd}";
        var table = Table(r);
        return
        [
            new ReportFile(ReportFormat.Json, stem + ".json", JsonBytes(r)),
            new ReportFile(ReportFormat.Csv, stem + ".csv", Csv(table)),
            new ReportFile(ReportFormat.Xlsx, stem + ".xlsx", Xlsx(table, $"Báo cáo an toàn vốn tại ngày {VietnameseFormat.Date(r.AsOf)} - {r.FundName}")),
            new ReportFile(ReportFormat.Pdf, stem + ".pdf", Pdf(r, fontFolder, now, superiorBody, note)),
        ];
    }
}
