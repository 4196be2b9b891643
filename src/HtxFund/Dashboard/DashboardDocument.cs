using System.Collections.Concurrent;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Reports;
using NodaTime;
using ScottPlot;

namespace HtxFund.Dashboard;

/// <summary>The dashboard as a one- or two-page A4 PDF: the letterhead, the as-of date and the event sequence that reproduce
/// it, the figures, by officer, by district, the pipeline, and charts drawn by ScottPlot (PNG images placed in the page).</summary>
public static class DashboardDocument
{
    public const string Title = "BẢNG TỔNG HỢP CHỈ TIÊU DANH MỤC CHO VAY";

    public static string FileName(DashboardView v) => $"bang-tong-hop-chi-tieu-{v.AsOf:yyyy-MM-dd}-{v.Sequence}.pdf";

    public static byte[] Pdf(DashboardResult result, ReportIssuer issuer, LocalDate today, Instant now, string fontFolder)
    {
        var v = result.View;
        var body = OfficialDocument.Body;
        var cell = body.Size(8.5f).Spaced(1f);
        string M(long dong) => ReportDocuments.Money(dong);
        string P(decimal? percent) => percent is { } p ? VietnameseFormat.Percent(p) : "–";
        string Plan(AgainstPlan a) => a.Target is { } t ? $"{M(t)} ({P(a.Percent)})" : "Chưa có kế hoạch";

        return ReportDocuments.Pdf(issuer, Title,
            $"Số liệu đến hết ngày {VietnameseFormat.Date(v.AsOf)} (sự kiện đến số thứ tự {v.Sequence})", today, now, fontFolder, c =>
            {
                c.Text($"{v.FundName}. Số khoản vay đang theo dõi: {v.Loans}. Lập lại đúng số liệu này: ngày {VietnameseFormat.Date(v.AsOf)}, "
                       + $"số thứ tự sự kiện {v.Sequence}.", body.Size(9.5f).Italic());
                c.Spacer(2);
                c.Table(t =>
                {
                    t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().Padding(1.2f, 0.6f)
                        .Column("Chỉ tiêu", ColumnWidth.Relative(2.6f))
                        .Column("Thực hiện", ColumnWidth.Relative(1.6f), TextAlign.Right)
                        .Column("Kế hoạch năm (% thực hiện) / tỷ lệ", ColumnWidth.Relative(2.2f), TextAlign.Right);
                    t.Row("Dư nợ cho vay", M(v.Outstanding), Plan(v.Plan.Outstanding));
                    t.Row("Giải ngân trong tháng", M(v.DisbursedInMonth), "");
                    t.Row("Giải ngân từ đầu năm", M(v.DisbursedInYear), Plan(v.Plan.DisbursedInYear));
                    t.Row("Thu nợ trong tháng (gốc, lãi, phạt)", M(v.CollectedInMonth.Total), "");
                    t.Row("Thu nợ từ đầu năm (gốc, lãi, phạt)", M(v.CollectedInYear.Total), Plan(v.Plan.CollectedInYear));
                    t.Row("PAR1 (quá hạn trên 1 ngày)", M(v.PortfolioAtRisk.Par1), P(v.PortfolioAtRisk.Par1Percent));
                    t.Row("PAR30 (quá hạn trên 30 ngày)", M(v.PortfolioAtRisk.Par30), P(v.PortfolioAtRisk.Par30Percent));
                    t.Row("PAR90 (quá hạn trên 90 ngày)", M(v.PortfolioAtRisk.Par90), P(v.PortfolioAtRisk.Par90Percent));
                    t.Row("Nợ xấu (nhóm 3–5)", M(v.Npl), P(v.NplRatioPercent));
                    t.Row("Dự phòng phải trích", M(v.ProvisionsRequired), "");
                    t.Row("Dự phòng đã trích lập", M(v.ProvisionsHeld), "");
                    t.Row("Vốn còn có thể cho vay", M(v.AvailableToLend), "");
                    t.Row("Kiểm tra sử dụng vốn quá hạn", v.OverdueInspections.ToString(), "");
                });
                c.Spacer(2);
                c.Row(r => r
                    .Relative(1, l => l.Image(ParChart(v, fontFolder)))
                    .Relative(1, l => l.Image(DebtGroupChart(result, fontFolder))), gapMm: 3);
                Breakdown(c, "Theo cán bộ phụ trách", "Cán bộ", v.ByOfficer, cell, M, P);
                Breakdown(c, "Theo huyện", "Huyện", v.ByDistrict, cell, M, P);
                if (v.ByOfficer.Count > 0)
                    c.Image(OfficerChart(v, fontFolder), 0.7f);
                c.Text("Hồ sơ vay đang xử lý (tại thời điểm lập)", body.Size(10).Bold(), keepWithNext: true);
                c.Table(t =>
                {
                    t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().Padding(1.2f, 0.6f)
                        .Column("Giai đoạn", ColumnWidth.Relative(2.4f))
                        .Column("Số hồ sơ", ColumnWidth.Relative(0.8f), TextAlign.Right)
                        .Column("Số tiền đề nghị", ColumnWidth.Relative(1.6f), TextAlign.Right)
                        .Column("Trễ hạn", ColumnWidth.Relative(0.8f), TextAlign.Right)
                        .Column("Sắp đến hạn", ColumnWidth.Relative(0.9f), TextAlign.Right)
                        .Column("Ngày làm việc TB", ColumnWidth.Relative(1f), TextAlign.Right);
                    foreach (var s in v.Pipeline)
                        t.Row(s.Name, s.Count.ToString(), M(s.Amount), s.Late.ToString(), s.DueSoon.ToString(),
                            s.AverageWorkingDays is { } d ? d.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) : "–");
                });
            });
    }

    private static void Breakdown(ContentBuilder c, string heading, string keyHeader, IReadOnlyList<BreakdownRow> rows, TextStyle cell,
        Func<long, string> money, Func<decimal?, string> percent)
    {
        c.Text(heading, OfficialDocument.Body.Size(10).Bold(), keepWithNext: true);
        c.Table(t =>
        {
            t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().Padding(1.2f, 0.6f)
                .Column(keyHeader, ColumnWidth.Relative(2.8f))
                .Column("Số khoản", ColumnWidth.Relative(0.7f), TextAlign.Right)
                .Column("Dư nợ", ColumnWidth.Relative(1.5f), TextAlign.Right)
                .Column("PAR30", ColumnWidth.Relative(1.5f), TextAlign.Right)
                .Column("Nợ xấu", ColumnWidth.Relative(1.5f), TextAlign.Right)
                .Column("KT quá hạn", ColumnWidth.Relative(0.8f), TextAlign.Right);
            foreach (var r in rows)
                t.Row(r.Name, r.Loans.ToString(), money(r.Outstanding), $"{money(r.Par30)} ({percent(r.Par30Percent)})",
                    $"{money(r.Npl)} ({percent(r.NplPercent)})", r.OverdueInspections.ToString());
            if (rows.Count == 0) t.Row("Không có", "0", money(0), money(0), money(0), "0");
        });
        c.Spacer(2);
    }

    private static byte[] ParChart(DashboardView v, string fontFolder) => Bars(fontFolder, "Dư nợ có rủi ro (triệu đồng)",
        [("PAR1", v.PortfolioAtRisk.Par1), ("PAR30", v.PortfolioAtRisk.Par30), ("PAR90", v.PortfolioAtRisk.Par90), ("Nợ xấu", v.Npl)], 400, 230);

    private static byte[] DebtGroupChart(DashboardResult r, string fontFolder) => Bars(fontFolder, "Dư nợ theo nhóm nợ (triệu đồng)",
        Enumerable.Range(1, 5).Select(g => ($"Nhóm {g}", r.Loans.Where(l => l.DebtGroup == g).Sum(l => l.Outstanding))).ToArray(), 400, 230);

    private static byte[] OfficerChart(DashboardView v, string fontFolder) => Bars(fontFolder, "Dư nợ theo cán bộ phụ trách (triệu đồng)",
        v.ByOfficer.Select(o => (o.Name, o.Outstanding)).ToArray(), 600, 210);

    /// <summary>A ScottPlot bar chart of amounts in millions of đồng, labelled in DejaVu Sans (the PDFs' font, which has the
    /// Vietnamese letters), as PNG bytes.</summary>
    private static byte[] Bars(string fontFolder, string title, IReadOnlyList<(string Label, long Dong)> bars, int width, int height)
    {
        var family = ChartFont(fontFolder);
        // drawn at twice the pixels (sharp in print) with the labels in proportion to the chart's size
        var plot = new Plot { ScaleFactor = 2 };
        plot.Font.Set(family);
        var values = bars.Select(b => b.Dong / 1_000_000d).ToArray();
        var series = plot.Add.Bars(values);
        series.Color = Color.FromHex("#1F4E79");
        foreach (var bar in series.Bars)
            bar.Label = bar.Value.ToString("#,0.#", VietnameseNumbers);
        series.ValueLabelStyle.FontName = family;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = d => d.ToString("#,0.##", VietnameseNumbers),
        };
        plot.Title(title, size: 13);
        plot.Font.Set(family);
        return plot.GetImageBytes(width * 2, height * 2, ImageFormat.Png);
    }

    private static readonly System.Globalization.NumberFormatInfo VietnameseNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    private static readonly ConcurrentDictionary<string, string> Registered = new();

    /// <summary>Registers the PDFs' DejaVu Sans files with ScottPlot once per folder (so the labels do not depend on the
    /// system's font configuration) and returns the family name to use.</summary>
    private static string ChartFont(string fontFolder) => Registered.GetOrAdd(fontFolder, folder =>
    {
        const string name = "HtxFund DejaVu Sans";
        Fonts.AddFontFile(name, Path.Combine(folder, FontFiles.DejaVuSans.Regular));
        Fonts.AddFontFile(name, Path.Combine(folder, FontFiles.DejaVuSans.Bold), bold: true);
        return name;
    });
}
