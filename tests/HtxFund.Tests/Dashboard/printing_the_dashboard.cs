using System.Text;
using Alba;
using HtxFund.Dashboard;
using HtxFund.Identity;
using HtxFund.Reports;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Dashboard;

/// <summary>The dashboard's PDF over the capital-adequacy portfolio (six loans of 400,000,000 ₫ valued at 31/07/2027; see
/// <see cref="CapitalAdequacyContext"/>): PAR30 is late45, late100 and late200, 1.200.000.000 ₫.</summary>
public sealed class printing_the_dashboard(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    private async Task<DashboardView> Dashboard(string? token = null, string query = $"?asOf={AsOfText}")
    {
        var result = await Get("/api/dashboard" + query, token ?? await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<DashboardView>();
    }

    private async Task<byte[]> Pdf(string query, string token)
    {
        var result = await Get("/api/dashboard.pdf" + query, token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        result.Context.Response.ContentType.ShouldBe("application/pdf");
        var bytes = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>The PDF's text; the font's ligatures (the "ffi" of "officer") written out.</summary>
    private static string Text(byte[] pdf) => PdfTools.Text(pdf).Normalize(NormalizationForm.FormC)
        .Replace("ﬃ", "ffi").Replace("ﬄ", "ffl").Replace("ﬀ", "ff").Replace("ﬁ", "fi").Replace("ﬂ", "fl");

    /// <summary>The line of the PDF's text that starts with the figure's label.</summary>
    private static string Line(string text, string label) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal))
        ?? throw new ShouldAssertException($"No line starts with '{label}' in:\n{text}");

    /// <summary>The cells of a table line of pdftotext's layout (separated by two spaces or more), spaces removed (it drops the
    /// space of a short amount such as "0 ₫").</summary>
    private static string[] Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line, " {2,}").Select(c => c.Replace(" ", "")).ToArray();

    private static void ShouldShow(string line, string value) => Cells(line).ShouldContain(value.Replace(" ", ""), line);

    private static int Images(byte[] pdf)
    {
        var raw = Encoding.Latin1.GetString(pdf);
        var count = 0;
        for (var at = raw.IndexOf("/Subtype /Image", StringComparison.Ordinal); at >= 0; at = raw.IndexOf("/Subtype /Image", at + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    [Fact]
    public async Task the_pdf_shows_the_cut_and_the_json_dashboards_figures_with_three_charts_on_at_most_two_pages_and_reproduces_after_a_later_event()
    {
        await BuildPortfolio();
        var dashboard = await Dashboard();
        dashboard.PortfolioAtRisk.Par30.ShouldBe(3 * LoanAmount);

        var pdf = await Pdf($"?asOf={AsOfText}&sequence={dashboard.Sequence}", await TokenFor(Roles.BoardMember));
        var text = Text(pdf);

        text.ShouldContain("BẢNG TỔNG HỢP CHỈ TIÊU DANH MỤC CHO VAY");
        text.ShouldContain(dashboard.FundName.ToUpperInvariant());
        text.ShouldContain($"Số liệu đến hết ngày 31/07/2027 (sự kiện đến số thứ tự {dashboard.Sequence})");
        Line(text, "PAR30 (quá hạn trên 30 ngày)").ShouldContain("1.200.000.000 ₫");
        Line(text, "PAR30 (quá hạn trên 30 ngày)").ShouldContain(HtxFund.Documents.Formatting.VietnameseFormat.Percent(dashboard.PortfolioAtRisk.Par30Percent!.Value));
        ShouldShow(Line(text, "Dư nợ cho vay"), ReportDocuments.Money(dashboard.Outstanding));
        Line(text, "PAR1 (quá hạn trên 1 ngày)").ShouldContain(ReportDocuments.Money(dashboard.PortfolioAtRisk.Par1));
        Line(text, "PAR90 (quá hạn trên 90 ngày)").ShouldContain(ReportDocuments.Money(dashboard.PortfolioAtRisk.Par90));
        Line(text, "Nợ xấu (nhóm 3–5)").ShouldContain(ReportDocuments.Money(dashboard.Npl));
        ShouldShow(Line(text, "Dự phòng phải trích"), ReportDocuments.Money(dashboard.ProvisionsRequired));
        ShouldShow(Line(text, "Dự phòng đã trích lập"), ReportDocuments.Money(dashboard.ProvisionsHeld));
        ShouldShow(Line(text, "Vốn còn có thể cho vay"), ReportDocuments.Money(dashboard.AvailableToLend));
        ShouldShow(Line(text, "Thu nợ từ đầu năm"), ReportDocuments.Money(dashboard.CollectedInYear.Total));
        // by officer and by district: one of each, holding the whole portfolio
        var officer = dashboard.ByOfficer.ShouldHaveSingleItem();
        ShouldShow(Line(text, officer.Name), ReportDocuments.Money(officer.Outstanding));
        Line(text, dashboard.ByDistrict.ShouldHaveSingleItem().Name).ShouldContain(ReportDocuments.Money(dashboard.Outstanding));
        text.ShouldContain("Hồ sơ vay đang xử lý");
        // PAR by threshold, outstanding by debt group, outstanding by officer: three images
        Images(pdf).ShouldBe(3);
        PdfTools.Pages(pdf).Length.ShouldBeLessThanOrEqualTo(2);

        // a repayment dated back into July clears late45's arrears: the PDF at the old sequence does not change its PAR30
        var position = await Position(Loans[Late45], "2027-07-31");
        await Ok(Repay(Loans[Late45], position.AmountDue, "2027-07-31"));
        Line(Text(await Pdf($"?asOf={AsOfText}&sequence={dashboard.Sequence}", await TokenFor(Roles.Director))), "PAR30 (quá hạn trên 30 ngày)")
            .ShouldContain("1.200.000.000 ₫");
        Line(Text(await Pdf($"?asOf={AsOfText}", await TokenFor(Roles.Accountant))), "PAR30 (quá hạn trên 30 ngày)")
            .ShouldContain("800.000.000 ₫");

        // another fund's Director prints their own fund: nothing of fund A's
        var other = await Dashboard(await TokenFor(Roles.Director, FundB));
        var otherText = Text(await Pdf($"?asOf={AsOfText}", await TokenFor(Roles.Director, FundB)));
        otherText.ShouldContain(other.FundName.ToUpperInvariant());
        otherText.ShouldNotContain(dashboard.FundName.ToUpperInvariant());
        ShouldShow(Line(otherText, "Dư nợ cho vay"), "0 ₫");
        Line(otherText, "PAR30 (quá hạn trên 30 ngày)").ShouldNotContain("1.200.000.000");
    }

    [Fact]
    public async Task only_the_dashboards_readers_print_it_and_its_bad_parameters_are_refused_as_the_dashboards()
    {
        foreach (var role in new[] { Roles.CreditOfficer, Roles.Admin })
            (await Get("/api/dashboard.pdf", await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403, role);
        (await Get("/api/dashboard.pdf", Coop)).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/dashboard.pdf", null)).Context.Response.StatusCode.ShouldBe(401);

        var token = await TokenFor(Roles.ChiefAccountant);
        await (await Get("/api/dashboard.pdf?asOf=31/07/2027", token)).ShouldBeRefusal(400, "as_of.format");
        await (await Get("/api/dashboard.pdf?asOf=2099-01-01", token)).ShouldBeRefusal(400, "as_of.in_future");
        await (await Get("/api/dashboard.pdf?sequence=99999999", token)).ShouldBeRefusal(400, "sequence.out_of_range");
        Text(await Pdf("", await TokenFor(Roles.Chairman))).ShouldContain("BẢNG TỔNG HỢP CHỈ TIÊU DANH MỤC CHO VAY");
    }
}
