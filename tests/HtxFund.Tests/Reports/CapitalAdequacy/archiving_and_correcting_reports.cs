using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Documents.Formatting;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Repaying;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

public sealed class archiving_and_correcting_reports(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    private static CapitalAdequacyReport FromJson(byte[] json) =>
        JsonSerializer.Deserialize<CapitalAdequacyReport>(json, TestJson.Options)!;

    private static Dictionary<string, decimal> Values(CapitalAdequacyReport report) => report.Figures.ToDictionary(f => f.Code, f => f.Value);

    [Fact]
    public async Task a_generated_report_is_archived_with_who_and_when_and_its_csv_xlsx_and_pdf_hold_the_numbers_of_its_json()
    {
        await BuildPortfolio();

        var generated = await Generate();

        var meta = generated.Report;
        meta.Kind.ShouldBe(ReportKind.CapitalAdequacy);
        meta.Title.ShouldBe("Báo cáo an toàn vốn tại ngày 31/07/2027");
        meta.Period.ShouldBe(AsOfText);
        meta.AsOf.ShouldBe(AsOfDate);
        meta.PolicyVersion.ShouldBe(1);
        meta.HighestSequence.ShouldBeGreaterThan(0);
        meta.Scheduled.ShouldBeFalse();
        meta.GeneratedByName.ShouldBe($"{FundA}.{Roles.ChiefAccountant.ToLowerInvariant()}");
        meta.GeneratedAt.ShouldBe(Clock.GetCurrentInstant());
        generated.Formats.ShouldBe([ReportFormat.Json, ReportFormat.Csv, ReportFormat.Xlsx, ReportFormat.Pdf]);

        // the archive lists it, newest first, with who generated it and when
        var list = await (await Get("/api/reports?kind=CapitalAdequacy", await TokenFor(Roles.CreditOfficer))).Read<PagedResult<ReportSummary>>();
        var listed = list.Items.ShouldHaveSingleItem();
        listed.Id.ShouldBe(meta.Id);
        listed.GeneratedByName.ShouldBe(meta.GeneratedByName);
        listed.GeneratedAt.ShouldBe(meta.GeneratedAt);
        listed.Scheduled.ShouldBeFalse();
        listed.AsOf.ShouldBe(AsOfDate);
        (await (await Get("/api/reports?kind=FundRating", await TokenFor(Roles.CreditOfficer))).Read<PagedResult<ReportSummary>>()).TotalCount.ShouldBe(0);

        // JSON: the report, which the live view computed at the recorded sequence repeats
        var json = FromJson(await Download(meta.Id, "json"));
        json.HighestSequence.ShouldBe(meta.HighestSequence);
        var live = await Report(sequence: meta.HighestSequence);
        Values(live).ShouldBe(Values(json));
        var figures = Values(json);

        // CSV: UTF-8 with BOM, the documented columns, one row per figure with the same number
        var csvBytes = await Download(meta.Id, "csv");
        csvBytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Split(';').ShouldBe(["Mã chỉ tiêu", "Nhóm chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk"]);
        var csv = lines.Skip(1).Select(l => l.Split(';')).ToDictionary(c => c[0], c => decimal.Parse(c[^1], CultureInfo.InvariantCulture));
        csv.ShouldBe(figures);

        // XLSX: sheet "Chỉ tiêu", the same codes and numbers as numeric cells
        await using var xlsxStream = new MemoryStream(await Download(meta.Id, "xlsx"));
        using (var workbook = SpreadsheetDocument.Open(xlsxStream, false))
        {
            var sheet = workbook.WorkbookPart!.Workbook.Descendants<Sheet>().ShouldHaveSingleItem();
            sheet.Name!.Value.ShouldBe("Chỉ tiêu");
            var part = (WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!.Value!);
            var rows = part.Worksheet.Descendants<Row>().Skip(2).Select(r => r.Elements<Cell>().ToArray()).ToArray();
            var xlsx = rows.ToDictionary(c => c[0].InnerText, c =>
            {
                c[4].DataType!.Value.ShouldBe(CellValues.Number);
                return decimal.Parse(c[4].CellValue!.Text, CultureInfo.InvariantCulture);
            });
            xlsx.ShouldBe(figures);
        }

        // PDF: Vietnamese, the key figures as people read them
        var text = PdfTools.Text(await Download(meta.Id, "pdf"));
        text.ShouldContain("BÁO CÁO AN TOÀN VỐN");
        text.ShouldContain("Tại ngày 31/07/2027");
        text.ShouldContain("Vốn điều lệ thực có:");
        text.ShouldContain(VietnameseFormat.Amount(Money.Of(Charter)));
        text.ShouldContain(VietnameseFormat.Amount(Money.Of(json.Outstanding)));
        text.ShouldContain(VietnameseFormat.Amount(Money.Of(json.Cash)));
        text.ShouldContain(VietnameseFormat.Amount(Money.Of(json.ProvisionsRequired)));
        text.ShouldContain(VietnameseFormat.Percent(json.NplRatioPercent!.Value));
        text.ShouldContain("Phân bổ dư nợ theo nhóm nợ");
        text.ShouldContain("Dư nợ và nợ xấu cuối tháng");
        text.ShouldContain("Nhóm 5");
        text.ShouldContain("Dưới ngưỡng 20%");
    }

    [Fact]
    public async Task after_a_backdated_repayment_the_original_stays_unchanged_and_the_corrected_version_differs_exactly_by_that_repayment()
    {
        await BuildPortfolio();
        var original = (await Generate()).Report;
        var originalJson = await Download(original.Id, "json");

        // a repayment of the current loan found later, with a value date before the report's date
        var receipt = await Repaid(Loans[Current], 50_000_000, "2027-07-30");
        var principal = receipt.Allocation.Principal.Dong;
        var interest = receipt.Allocation.Interest.Dong;
        principal.ShouldBeGreaterThan(0);
        interest.ShouldBeGreaterThan(0);
        (principal + interest).ShouldBe(50_000_000);

        // the original: its files and metadata unchanged; computed again at its sequence, the same figures
        (await Download(original.Id, "json")).ShouldBe(originalJson);
        var again = await Report(sequence: original.HighestSequence);
        Values(again).ShouldBe(Values(FromJson(originalJson)));
        (await Report()).Outstanding.ShouldBe(FromJson(originalJson).Outstanding - principal); // the live view sees it

        AdvanceDays(1); // the correction is made the next day
        var result = await PostWithoutBody($"/api/reports/{original.Id}/corrected", await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        var corrected = (await result.Read<ReportDetails>()).Report;
        corrected.CorrectsReportId.ShouldBe(original.Id);
        corrected.AsOf.ShouldBe(original.AsOf);
        corrected.Period.ShouldBe(original.Period);
        corrected.HighestSequence.ShouldBeGreaterThan(original.HighestSequence);
        corrected.Title.ShouldBe("Báo cáo an toàn vốn tại ngày 31/07/2027 (bản điều chỉnh)");

        var before = Values(FromJson(originalJson));
        var after = Values(FromJson(await Download(corrected.Id, "json")));
        long Change(string code) => (long)(after[code] - before[code]);
        Change("liquidity.cash").ShouldBe(50_000_000);
        Change("portfolio.outstanding").ShouldBe(-principal);
        Change("portfolio.group.1.principal").ShouldBe(-principal);
        Change("reconciliation.interest_received").ShouldBe(interest);
        Change("reconciliation.assets").ShouldBe(interest);
        Change("reconciliation.sources_and_results").ShouldBe(interest);
        after["reconciliation.difference"].ShouldBe(0);
        // the interest paid leaves the on-balance receivable (group 1), and the principal prepaid on 30/07 bears no interest on 31/07
        // (one day at 6 %, up to a đồng of rounding)
        Change("interest.on_balance").ShouldBeInRange(-interest - principal * 6 / 36_500 - 1, -interest - principal * 6 / 36_500 + 1);

        // the listed differences are exactly the figures that moved with that repayment, with both values
        string[] moved =
        [
            "liquidity.cash", "liquidity.available_to_lend", "portfolio.outstanding", "portfolio.group.1.principal", "portfolio.group.1.provision",
            "portfolio.term.Medium.principal", "portfolio.npl_ratio", "trend.2027-07.outstanding", "trend.2027-07.npl_ratio",
            "provisions.required", "provisions.shortfall", "exposure.borrower.6.exposure", "exposure.borrower.6.headroom",
            "exposure.group.6.exposure", "exposure.group.6.headroom", "equity.outstanding_to_equity",
            "priority.EthnicMinorityArea.principal", "priority.OcopProduct.principal", "priority.AgriculturalValueChain.principal",
            "type.HopTacXa.principal", "district.Thành phố Buôn Ma Thuột.principal", "sector.Chế biến cà phê.principal",
            "reconciliation.sum_of_groups", "reconciliation.assets", "reconciliation.interest_received", "reconciliation.sources_and_results",
            "interest.on_balance",
        ];
        corrected.Differences.Select(d => d.Code).ShouldBe(moved, ignoreOrder: true);
        var cash = corrected.Differences.Single(d => d.Code == "liquidity.cash");
        cash.Figure.ShouldBe("Tiền");
        cash.Original.ShouldBe(before["liquidity.cash"].ToString(CultureInfo.InvariantCulture));
        cash.Corrected.ShouldBe(after["liquidity.cash"].ToString(CultureInfo.InvariantCulture));

        // the original is kept beside it, unchanged, and names its corrected version
        var details = await (await Get($"/api/reports/{original.Id}", await TokenFor(Roles.Director))).Read<ReportDetails>();
        details.Report.ShouldBeEquivalentTo(original);
        details.CorrectedBy.ShouldBe([corrected.Id]);
        var listed = await (await Get("/api/reports", await TokenFor(Roles.Director))).Read<PagedResult<ReportSummary>>();
        listed.Items.Select(i => i.Id).ShouldBe([corrected.Id, original.Id]);
        var pdf = PdfTools.Text(await Download(corrected.Id, "pdf"));
        pdf.ShouldContain("Bản điều chỉnh");
    }
}
