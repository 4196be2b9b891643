using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;

namespace HtxFund.Tests.Documents;

public class rendering_a_decision_letter
{
    private static readonly Lazy<(byte[] Pdf, string Text)> Sample = new(() =>
    {
        var pdf = DecisionLetter.Render(DecisionLetterSamples.Approval());
        var keep = Environment.GetEnvironmentVariable("HTXFUND_KEEP_PDF");
        if (!string.IsNullOrEmpty(keep))
            File.WriteAllBytes(keep, pdf);
        return (pdf, PdfTools.Text(pdf));
    });

    private static readonly Regex ScheduleLine = new(
        @"^\s*(\d{1,3})\s+(\d{2}/\d{2}/\d{4})\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", RegexOptions.Multiline);

    [Fact]
    public void the_letter_names_the_borrower_and_the_amount_in_figures_and_in_words()
    {
        var text = Sample.Value.Text;
        text.ShouldContain("Hợp tác xã Nông nghiệp Ê-đê Buôn Đôn");
        text.ShouldContain("1.500.000.000 ₫");
        text.ShouldContain("Một tỷ năm trăm triệu đồng");
        text.ShouldContain("QUYẾT ĐỊNH");
        text.ShouldContain("Về việc cho vay vốn");
        text.ShouldContain("Số: 15/QĐ-QHTX");
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("6,5 %/năm");
        text.ShouldContain("9,75 %/năm");
        text.ShouldContain("60 tháng");
        text.ShouldContain("Trả gốc đều hằng kỳ");
        text.ShouldContain("Hằng tháng");
        text.ShouldContain("GIÁM ĐỐC");
        text.ShouldContain("Trần Văn Hùng");
        text.ShouldContain("Nơi nhận:");
    }

    [Fact]
    public void every_schedule_row_appears_with_its_due_date_and_amounts()
    {
        var data = DecisionLetterSamples.Approval();
        var expected = data.Approval!.Schedule;
        expected.Count.ShouldBe(60);

        var found = ScheduleLine.Matches(Sample.Value.Text)
            .Select(m => (Number: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Date: m.Groups[2].Value,
                Principal: m.Groups[3].Value, Interest: m.Groups[4].Value, Total: m.Groups[5].Value, Balance: m.Groups[6].Value))
            .ToList();

        found.Select(f => f.Number).ShouldBe(Enumerable.Range(1, 60));
        foreach (var (row, line) in expected.Zip(found))
        {
            line.Date.ShouldBe(VietnameseFormat.Date(row.DueDate));
            line.Principal.ShouldBe(VietnameseFormat.Amount(row.Principal));
            line.Interest.ShouldBe(VietnameseFormat.Amount(row.Interest));
            line.Total.ShouldBe(VietnameseFormat.Amount(row.Total));
            line.Balance.ShouldBe(VietnameseFormat.Amount(row.BalanceAfter));
        }
    }

    [Fact]
    public void the_schedule_ends_with_a_totals_row()
    {
        var schedule = DecisionLetterSamples.Schedule();
        var totals = new Regex(@"^\s*Cộng\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$", RegexOptions.Multiline).Match(Sample.Value.Text);
        totals.Success.ShouldBeTrue();
        totals.Groups[1].Value.ShouldBe("1.500.000.000");
        totals.Groups[2].Value.ShouldBe(VietnameseFormat.Amount(schedule.TotalInterest));
        totals.Groups[3].Value.ShouldBe(VietnameseFormat.Amount(schedule.TotalPrincipal + schedule.TotalInterest));
    }

    [Fact]
    public void a_long_schedule_continues_across_pages_with_its_header_repeated()
    {
        var pages = PdfTools.Pages(Sample.Value.Pdf);
        var withRows = pages.Where(p => ScheduleLine.IsMatch(p)).ToList();
        withRows.Count.ShouldBeGreaterThanOrEqualTo(2);
        var header = new Regex(@"Kỳ\s+Ngày đến hạn\s+Gốc\s+Lãi\s+Tổng phải trả\s+Dư nợ còn lại");
        foreach (var page in withRows)
            header.Matches(page).Count.ShouldBe(1, page);
        // On every page the header comes before the first row of the page.
        foreach (var page in withRows)
            header.Match(page).Index.ShouldBeLessThan(ScheduleLine.Match(page).Index);
    }

    [Fact]
    public void every_page_is_numbered_out_of_the_page_count()
    {
        var pages = PdfTools.Pages(Sample.Value.Pdf);
        pages.Length.ShouldBeGreaterThan(1);
        for (var i = 0; i < pages.Length; i++)
            pages[i].ShouldContain($"Trang {i + 1}/{pages.Length}");
        PdfTools.Info(Sample.Value.Pdf).ShouldContain($"Pages:           {pages.Length}");
    }

    [Fact]
    public void the_letter_is_dated_in_the_long_vietnamese_form_and_carries_its_metadata()
    {
        Sample.Value.Text.ShouldContain("Đắk Lắk, ngày 22 tháng 11 năm 2026");
        var info = PdfTools.Info(Sample.Value.Pdf);
        info.ShouldContain("Quyết định cho vay 15/QĐ-QHTX - Hợp tác xã Nông nghiệp Ê-đê Buôn Đôn");
        info.ShouldContain("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");
        info.ShouldContain("2026");
    }

    [Fact]
    public void the_same_input_gives_the_same_text()
    {
        var again = PdfTools.Text(DecisionLetter.Render(DecisionLetterSamples.Approval()));
        again.ShouldBe(Sample.Value.Text);
    }

    [Fact]
    public void a_sixty_row_letter_renders_in_well_under_a_second()
    {
        _ = Sample.Value; // fonts loaded, code jitted
        var data = DecisionLetterSamples.Approval();
        var watch = Stopwatch.StartNew();
        const int runs = 5;
        for (var i = 0; i < runs; i++)
            DecisionLetter.Render(data).Length.ShouldBeGreaterThan(1000);
        (watch.Elapsed / runs).ShouldBeLessThan(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void the_letter_embeds_only_the_glyphs_it_uses()
    {
        // Without the system's libharfbuzz-subset the layer embeds whole fonts (correct, only larger): nothing to check.
        if (!HtxFund.Documents.Layout.FontSubsetter.IsAvailable)
            return;
        // Whole DejaVu faces are about 350 kB each; subset fonts keep the letter small enough to store per decision.
        Sample.Value.Pdf.Length.ShouldBeLessThan(150_000);
    }

    [Fact]
    public void an_approval_without_terms_is_refused()
    {
        var data = DecisionLetterSamples.Approval() with { Approval = null };
        Should.Throw<ArgumentException>(() => DecisionLetter.Render(data)).Message.ShouldContain("approved terms");
    }

    [Fact]
    public void the_letter_states_every_rate_the_loan_carries()
    {
        var text = Regex.Replace(Sample.Value.Text, @"\s+", " "); // a value that wraps in its column reads on
        text.ShouldContain("Lãi suất cho vay:");
        text.ShouldContain("6,5 %/năm");
        text.ShouldContain("Lãi suất nợ gốc quá hạn:");
        text.ShouldContain("9,75 %/năm (bằng 150 % lãi suất cho vay trong hạn)");
        text.ShouldContain("Lãi chậm trả tiền lãi:");
        text.ShouldContain("10 %/năm trên số tiền lãi chậm trả, tính theo số ngày chậm trả");
    }

    [Fact]
    public void the_recipients_refer_to_the_article_that_orders_the_decisions_execution()
    {
        var text = Sample.Value.Text;
        var execution = new Regex(@"Điều (\d+)\. Hiệu lực và trách nhiệm thi hành").Match(text);
        execution.Success.ShouldBeTrue();
        text.ShouldContain($"- Như Điều {execution.Groups[1].Value};");
        new Regex(@"Như Điều \d+").Matches(text).Count.ShouldBe(1);
        text.ShouldContain("- Ban điều hành Quỹ;");
    }

    [Fact]
    public void a_board_decision_is_signed_for_the_board_by_its_chair_with_the_position_line()
    {
        var data = DecisionLetterSamples.Approval() with
        {
            Signer = new DecisionSigner("TM. HỘI ĐỒNG QUẢN LÝ\nCHỦ TỊCH", "Trần Đình Khoa", "Hội đồng quản lý Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk"),
        };
        var lines = PdfTools.Text(DecisionLetter.Render(data)).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        var title = lines.FindIndex(l => l.EndsWith("TM. HỘI ĐỒNG QUẢN LÝ", StringComparison.Ordinal));
        title.ShouldBeGreaterThan(0);
        lines[title + 1].ShouldEndWith("CHỦ TỊCH");
        lines.Skip(title + 2).ShouldContain(l => l.EndsWith("Trần Đình Khoa", StringComparison.Ordinal));
    }
}
