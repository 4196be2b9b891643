using System.Text;
using HtxFund.Documents;
using HtxFund.Documents.Charts;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Layout;
using NodaTime;
using SkiaSharp;

namespace HtxFund.Tests.Documents;

public class composing_documents
{
    private static readonly PdfDocumentOptions Options = new()
    {
        Title = "Thử nghiệm",
        Author = "HtxFund",
        CreatedAt = Instant.FromUtc(2026, 11, 22, 3, 0),
    };

    private static byte[] Render(Action<ContentBuilder> content, PdfDocumentOptions? options = null) =>
        PdfDocumentBuilder.Create(options ?? Options)
            .Page(p => p.Footer((f, page) => f.Text(VietnameseFormat.PageNumber(page), f.BaseStyle.Size(8).Center())).Content(content))
            .Render();

    private const string ManyMarks = "Nguyễn Thị Ngọc Ánh, Hợp tác xã Đắk Lắk, Ê-đê, K'Ho";

    [Fact]
    public void text_with_many_combining_marks_round_trips_through_pdftotext()
    {
        var pdf = Render(c => c
            .Text(ManyMarks)
            .Text(ManyMarks, TextStyle.Default.Bold())
            .Text(ManyMarks, TextStyle.Default.Italic().Size(14))
            .Text("Decomposed: " + ManyMarks.Normalize(NormalizationForm.FormD))
            .Text("Ỷ Ỹ ỵ ặ ẫ ờ ữ ự ộ ể ẩ ậ ợ ỡ đ Đ ươ ƯƠ"));
        var text = PdfTools.Text(pdf).Normalize(NormalizationForm.FormC);

        text.Split('\n').Count(l => l.Contains(ManyMarks, StringComparison.Ordinal)).ShouldBe(4);
        text.ShouldContain("Ỷ Ỹ ỵ ặ ẫ ờ ữ ự ộ ể ẩ ậ ợ ỡ đ Đ ươ ƯƠ");
    }

    [Fact]
    public void long_text_is_wrapped_to_the_width_and_flows_onto_further_pages()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("Quỹ hỗ trợ phát triển hợp tác xã cho vay vốn.", 12));
        var pdf = Render(c =>
        {
            for (var i = 1; i <= 40; i++)
                c.Text($"Đoạn {i}. {sentence}", TextStyle.Default.Justify());
        });
        var pages = PdfTools.Pages(pdf);
        pages.Length.ShouldBeGreaterThan(3);
        var text = string.Join('\n', pages);
        for (var i = 1; i <= 40; i++)
            text.ShouldContain($"Đoạn {i}. Quỹ");
        // Wrapped: no line of text is wider than the column (the page at pdftotext's scale is ~100 characters).
        text.Split('\n').Max(l => l.TrimEnd().Length).ShouldBeLessThan(110);
        for (var i = 0; i < pages.Length; i++)
            pages[i].ShouldContain($"Trang {i + 1}/{pages.Length}");
    }

    [Fact]
    public void a_table_repeats_its_header_and_never_splits_a_row()
    {
        var pdf = Render(c => c.Table(t =>
        {
            t.Column("Mã", ColumnWidth.Fixed(20)).Column("Tên hợp tác xã", ColumnWidth.Relative(3)).Column("Dư nợ", ColumnWidth.Relative(1), TextAlign.Right).Zebra();
            for (var i = 1; i <= 120; i++)
                t.Row($"R{i:000}", $"Hợp tác xã số {i}\nDòng thứ hai của hàng {i}", $"{i}.000.000");
        }));
        var pages = PdfTools.Pages(pdf);
        pages.Length.ShouldBeGreaterThan(2);
        foreach (var page in pages)
            page.ShouldContain("Tên hợp tác xã");
        for (var i = 1; i <= 120; i++)
        {
            var page = pages.Single(p => p.Contains($"R{i:000}"));
            page.ShouldContain($"Dòng thứ hai của hàng {i}\n", Case.Sensitive);
        }
    }

    [Fact]
    public async Task a_table_row_taller_than_a_page_is_split_and_rendering_ends()
    {
        var tall = string.Join('\n', Enumerable.Range(1, 150).Select(i => $"Dòng {i} của một ô rất dài"));
        var task = Task.Run(() => Render(c => c
            .Text("Trước bảng")
            .Table(t => t.Column("Cột A", ColumnWidth.Relative()).Column("Cột B", ColumnWidth.Relative())
                .Row("ngắn", "ngắn")
                .Row("cao", tall)
                .Row("sau", "hàng cuối"))
            .Text("Sau bảng")));
        var pdf = await task.WaitAsync(TimeSpan.FromSeconds(20)); // throws TimeoutException if pagination never ends
        var pages = PdfTools.Pages(pdf);
        pages.Length.ShouldBeGreaterThanOrEqualTo(3);
        var text = string.Join('\n', pages);
        // Cut between lines of text: every line is on exactly one page.
        for (var i = 1; i <= 150; i++)
            System.Text.RegularExpressions.Regex.Matches(text, $@"Dòng {i} của một ô rất dài\b").Count.ShouldBe(1, $"line {i}");
        text.ShouldContain("hàng cuối");
        text.ShouldContain("Sau bảng");
        foreach (var page in pages)
            page.ShouldContain("Cột B");
    }

    [Fact]
    public void an_oversized_block_of_plain_content_also_ends()
    {
        var pdf = Render(c => c.KeepTogether(k =>
        {
            for (var i = 1; i <= 120; i++)
                k.Text($"Khối giữ liền {i}");
        }));
        var text = PdfTools.Text(pdf);
        text.ShouldContain("Khối giữ liền 1\n");
        text.ShouldContain("Khối giữ liền 120");
    }

    [Fact]
    public void rows_place_columns_side_by_side_and_key_values_line_up()
    {
        var pdf = Render(c => c
            .Row(r => r.Relative(1, l => l.Text("TRÁI", TextStyle.Default.Bold())).Relative(1, l => l.Text("PHẢI", TextStyle.Default.Right())))
            .KeyValues(kv => kv.Add("Số tiền:", "1.500.000.000 ₫").Add("Thời hạn:", VietnameseFormat.Months(36)))
            .Line()
            .Paragraph(p => p.Bold("Bằng chữ: ").Italic("Một tỷ năm trăm triệu đồng"))
            .Signature(new SignatureBlock("GIÁM ĐỐC", "Trần Văn Hùng", "Đắk Lắk", new LocalDate(2026, 11, 22))));
        var text = PdfTools.Text(pdf);
        var lines = text.Split('\n');
        lines.ShouldContain(l => l.Contains("TRÁI") && l.Contains("PHẢI") && l.IndexOf("PHẢI", StringComparison.Ordinal) > 40, text);
        lines.ShouldContain(l => l.Contains("Số tiền:") && l.Contains("1.500.000.000 ₫"));
        lines.ShouldContain(l => l.Contains("Thời hạn:") && l.Contains("36 tháng"));
        lines.ShouldContain(l => l.Contains("Bằng chữ: Một tỷ năm trăm triệu đồng"));
        lines.ShouldContain(l => l.Contains("Đắk Lắk, ngày 22 tháng 11 năm 2026"));
    }

    [Fact]
    public void a_bar_chart_and_a_line_chart_render_as_vectors_with_their_labels()
    {
        string[] months = ["T1", "T2", "T3", "T4", "T5", "T6"];
        var pdf = Render(c => c
            .BarChart(new BarChart("Dư nợ theo nhóm nợ", ["Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Nhóm 5"],
                [new ChartSeries("Dư nợ (triệu đồng)", [12_500, 3_200, 800, 450, 120])]) { ValueAxisLabel = "Triệu đồng" })
            .Spacer(6)
            .LineChart(new LineChart("Dư nợ và nợ xấu 6 tháng", months,
            [
                new ChartSeries("Dư nợ", [10_000, 11_200, 11_900, 12_400, 13_100, 13_500]),
                new ChartSeries("Nợ xấu", [300, 420, 380, 500, 610, 560]),
            ])));
        var text = PdfTools.Text(pdf);
        text.ShouldContain("Dư nợ theo nhóm nợ");
        text.ShouldContain("Nhóm 3");
        text.ShouldContain("Dư nợ (triệu đồng)");
        text.ShouldContain("Triệu đồng");
        text.ShouldContain("15.000");
        text.ShouldContain("Dư nợ và nợ xấu 6 tháng");
        text.ShouldContain("Nợ xấu");
        text.ShouldContain("T6");

        using var image = PdfTools.FirstPageImage(pdf, dpi: 50);
        var coloured = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var p = image.GetPixel(x, y);
            if (Math.Abs(p.Red - p.Blue) > 40 || Math.Abs(p.Red - p.Green) > 40)
                coloured++;
        }
        coloured.ShouldBeGreaterThan(500, "the bars and lines are drawn in colour");
    }

    [Fact]
    public void landscape_pages_are_wider_than_tall()
    {
        var pdf = Render(c => c.Text("Ngang"), Options with { Orientation = PageOrientation.Landscape });
        var size = System.Text.RegularExpressions.Regex.Match(PdfTools.Info(pdf), @"Page size:\s+([\d.]+) x ([\d.]+) pts");
        double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(841.89, 1);
        double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(595.28, 1);
        using var image = PdfTools.FirstPageImage(pdf);
        image.Width.ShouldBeGreaterThan(image.Height);
    }

    [Fact]
    public void a_missing_font_file_is_named_in_the_error()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"htxfund-nofonts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var error = Should.Throw<DocumentFontNotFoundException>(() => Render(c => c.Text("x"), Options with { FontFolder = folder }));
            error.Message.ShouldContain(Path.Combine(folder, "DejaVuSans.ttf"));
            error.Message.ShouldContain("fonts-dejavu-core");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void documents_can_be_rendered_from_several_threads_at_once()
    {
        var texts = Enumerable.Range(1, 8).AsParallel().WithDegreeOfParallelism(4)
            .Select(i => (i, PdfTools.Text(Render(c => c.Text($"{ManyMarks} #{i}").Table(t =>
            {
                t.Column("Kỳ", ColumnWidth.Fixed(15)).Column("Số tiền", ColumnWidth.Relative(), TextAlign.Right);
                for (var r = 1; r <= 50; r++)
                    t.Row(r.ToString(), $"{r * i}.000");
            })))))
            .ToList();
        foreach (var (i, text) in texts)
        {
            text.ShouldContain($"{ManyMarks} #{i}");
            text.ShouldContain($"{50 * i}.000");
        }
    }

    [Fact]
    public void pdf_metadata_comes_from_the_options_not_the_clock()
    {
        var info = PdfTools.Info(Render(c => c.Text("x")));
        info.ShouldContain("Title:           Thử nghiệm");
        info.ShouldContain("Author:          HtxFund");
        info.ShouldContain("2026");
        info.ShouldContain("Nov 22");
    }
}
