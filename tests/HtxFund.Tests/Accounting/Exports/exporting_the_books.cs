using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Accounting.Exports;
using HtxFund.Accounting.Reading;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Accounting.Reading;
using HtxFund.Tests.Documents;
using NodaTime;

namespace HtxFund.Tests.Accounting.Exports;

/// <summary>The books as files, opened as a spreadsheet, a reader and MISA would: CSV (BOM, Vietnamese header, dd/MM/yyyy,
/// plain integers), XLSX (numeric and date cells), PDF (Vietnamese headings, 1.500.000.000, signatures) and the MISA
/// import file (one row per posting), from the contribution, disbursement and repayment of <see cref="BooksContext"/>.</summary>
public sealed class exporting_the_books(AppFixture fixture) : BooksContext(fixture)
{
    private const string November = "from=2026-11-01&to=2026-11-30";
    private const string Csv = "text/csv", Xlsx = BookFiles.XlsxType, Pdf = "application/pdf";

    private static string[][] CsvRows(byte[] bytes)
    {
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8 with BOM");
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToArray();
    }

    /// <summary>The sheet's rows, each cell as (text or number, type, style) — inline strings read as their text.</summary>
    private static List<Cell[]> SheetRows(byte[] xlsx, string sheetName, out WorkbookPart workbook, out SpreadsheetDocument document)
    {
        document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().ShouldHaveSingleItem();
        sheet.Name!.Value.ShouldBe(sheetName);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToArray()).ToList();
    }

    private static long Number(Cell cell)
    {
        cell.DataType!.Value.ShouldBe(CellValues.Number);
        return long.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
    }

    private static string DateFormat(WorkbookPart workbook, Cell cell)
    {
        var format = (CellFormat)workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)cell.StyleIndex!.Value);
        return workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value!;
    }

    [Fact]
    public async Task the_journal_as_csv_and_xlsx_carries_every_filtered_line_with_its_vietnamese_text()
    {
        await GivenAContributionADisbursementAndARepayment();
        var api = await Books<JournalPage>($"/api/accounting/journal?{November}");

        var csv = CsvRows(await BooksFile($"/api/accounting/journal?{November}&format=csv&pageSize=1", Csv));
        csv[0].ShouldBe(["Ngày hạch toán", "Ngày chứng từ", "Số chứng từ", "Dòng", "Diễn giải", "Tài khoản", "TK đối ứng", "Phát sinh Nợ", "Phát sinh Có",
            "Mã đối tượng", "Tên đối tượng", "Số hợp đồng"]);
        csv.Length.ShouldBe(5, "the header and every line of the filter, not one page");
        csv[1].ShouldBe(["22/11/2026", "22/11/2026", "BC202611-0001", "1", api.Lines[0].Description, "1121", "1283", "10000000", "0",
            CooperativeId.ToString(), Borrower, Contract]);
        csv[3][7].ShouldBe("150000000");
        csv.Skip(1).Sum(r => long.Parse(r[7], CultureInfo.InvariantCulture)).ShouldBe(Disbursement + Repayment, "a spreadsheet sums the column");
        api.Lines[0].Description.ShouldNotBeNullOrWhiteSpace();

        var rows = SheetRows(await BooksFile($"/api/accounting/journal?{November}&format=xlsx", Xlsx), "Nhật ký chung", out var workbook, out var document);
        using (document)
        {
            rows[0][0].InnerText.ShouldBe("Sổ nhật ký chung");
            rows[1][0].InnerText.ShouldBe("Từ ngày 01/11/2026 đến ngày 30/11/2026");
            rows[2][0].InnerText.ShouldBe($"Đơn vị: {FundAName}");
            var header = rows.FindIndex(r => r.Length > 0 && r[0].InnerText == "Ngày hạch toán");
            var data = rows.Skip(header + 1).ToList();
            data.Count.ShouldBe(4);
            data[2][0].CellValue!.Text.ShouldBe(BookXlsx.Serial(new LocalDate(2026, 11, 22)).ToString(CultureInfo.InvariantCulture));
            data[2][0].CellValue!.Text.ShouldBe("46348", "22/11/2026 is day 46348 of Excel's calendar");
            DateFormat(workbook, data[2][0]).ShouldBe("dd/mm/yyyy");
            data[2][2].InnerText.ShouldBe("BN202611-0001");
            Number(data[2][7]).ShouldBe(Disbursement);
            data[2][10].InnerText.ShouldBe(Borrower);
        }
    }

    [Fact]
    public async Task the_ledger_as_csv_xlsx_and_pdf_shows_the_balances_and_the_signatures()
    {
        await GivenAContributionADisbursementAndARepayment();

        var csv = CsvRows(await BooksFile($"/api/accounting/ledger/1121?{November}&format=csv", Csv));
        csv[0].ShouldBe(["Ngày hạch toán", "Ngày chứng từ", "Số chứng từ", "Diễn giải", "TK đối ứng", "Phát sinh Nợ", "Phát sinh Có", "Số dư Nợ", "Số dư Có"]);
        csv[1].ShouldBe(["", "", "", "Số dư đầu kỳ", "", "", "", "20000000000", "0"]);
        csv[2][2..].ShouldBe(["BC202611-0001", csv[2][3], "1283", "10000000", "0", "20010000000", ""]);
        csv[3][2..].ShouldBe(["BN202611-0001", csv[3][3], "1283", "0", "150000000", "19860000000", ""]);
        csv[4].ShouldBe(["", "", "", "Cộng phát sinh", "", "10000000", "150000000", "", ""]);
        csv[5].ShouldBe(["", "", "", "Số dư cuối kỳ", "", "", "", "19860000000", "0"]);

        var rows = SheetRows(await BooksFile($"/api/accounting/ledger/1121?{November}&format=xlsx", Xlsx), "Sổ cái 1121", out _, out var document);
        using (document)
        {
            rows[1][0].InnerText.ShouldBe("Tài khoản 1121 - Tiền gửi ngân hàng");
            var closing = rows.Single(r => r.Length > 3 && r[3].InnerText == "Số dư cuối kỳ");
            Number(closing[7]).ShouldBe(19_860_000_000);
        }

        var text = PdfTools.Text(await BooksFile($"/api/accounting/ledger/1121?{November}&format=pdf", Pdf, Roles.ChiefAccountant));
        text.ShouldContain("SỔ CÁI");
        text.ShouldContain("Tài khoản 1121 - Tiền gửi ngân hàng");
        text.ShouldContain("Từ ngày 01/11/2026 đến ngày 30/11/2026");
        text.ShouldContain($"Đơn vị: {FundAName}");
        text.ShouldContain("20.000.000.000");
        text.ShouldContain("20.010.000.000");
        text.ShouldContain("19.860.000.000");
        text.ShouldContain("150.000.000");
        text.ShouldContain("Người lập biểu");
        text.ShouldContain("Kế toán trưởng");
        text.ShouldContain("Giám đốc");
    }

    [Fact]
    public async Task the_trial_balance_as_csv_xlsx_and_pdf_has_the_accounts_and_equal_totals()
    {
        await GivenAContributionADisbursementAndARepayment();

        var csv = CsvRows(await BooksFile($"/api/accounting/trial-balance?{November}&format=csv", Csv));
        csv[0].ShouldBe(["Số hiệu TK", "Tên tài khoản", "Dư Nợ đầu kỳ", "Dư Có đầu kỳ", "Phát sinh Nợ", "Phát sinh Có", "Dư Nợ cuối kỳ", "Dư Có cuối kỳ"]);
        csv.Skip(1).Select(r => string.Join(';', r)).ShouldBe(
        [
            "1121;Tiền gửi ngân hàng;20000000000;0;10000000;150000000;19860000000;0",
            "1283;Cho vay;0;0;150000000;10000000;140000000;0",
            "4111;Vốn góp của chủ sở hữu (vốn điều lệ);0;20000000000;0;0;0;20000000000",
            ";Tổng cộng;20000000000;20000000000;160000000;160000000;20000000000;20000000000",
        ]);

        var rows = SheetRows(await BooksFile($"/api/accounting/trial-balance?{November}&format=xlsx", Xlsx), "Cân đối số phát sinh", out _, out var document);
        using (document)
        {
            var total = rows.Single(r => r.Length > 1 && r[1].InnerText == "Tổng cộng");
            total.Skip(2).Select(Number).ShouldBe([Charter, Charter, 160_000_000L, 160_000_000L, Charter, Charter]);
            var loans = rows.Single(r => r.Length > 0 && r[0].InnerText == "1283");
            Number(loans[6]).ShouldBe(140_000_000);
        }

        var pdfBytes = await BooksFile($"/api/accounting/trial-balance?{November}&format=pdf", Pdf, Roles.Director);
        Directory.CreateDirectory(Web.Fixtures.BrowserContext.ScreenshotFolder); // kept for a look (git-ignored), as the pages' screenshots
        await File.WriteAllBytesAsync(Path.Combine(Web.Fixtures.BrowserContext.ScreenshotFolder, "accounting-trial-balance.pdf"), pdfBytes);
        PdfTools.Info(pdfBytes).ShouldMatch(@"Pages:\s+1\s");
        var pdf = PdfTools.Text(pdfBytes);
        pdf.ShouldContain("BẢNG CÂN ĐỐI SỐ PHÁT SINH");
        pdf.ShouldContain("Từ ngày 01/11/2026 đến ngày 30/11/2026");
        pdf.ShouldContain("Vốn góp của chủ sở hữu (vốn điều lệ)");
        pdf.ShouldContain("19.860.000.000");
        pdf.ShouldContain("140.000.000");
        pdf.ShouldContain("160.000.000");
        pdf.ShouldContain("Đơn vị tính: đồng");
        pdf.ShouldContain("Người lập biểu");
        pdf.ShouldContain("Kế toán trưởng");
        pdf.ShouldContain("Giám đốc");
    }

    [Fact]
    public async Task the_borrowers_ledger_as_csv_lists_each_tracked_account()
    {
        await GivenAContributionADisbursementAndARepayment();

        var csv = CsvRows(await BooksFile($"/api/accounting/borrowers/{CooperativeId}/ledger?{November}&format=csv", Csv));
        csv[0][0].ShouldBe("Tài khoản");
        csv.Where(r => r[0] == "1283").Select(r => string.Join(';', r.Skip(3))).ShouldBe(
        [
            ";Số dư đầu kỳ;;;;0;0",
            $"BC202611-0001;{csv[2][4]};1121;0;10000000;;10000000",
            $"BN202611-0001;{csv[3][4]};1121;150000000;0;140000000;",
            ";Cộng phát sinh;;150000000;10000000;;",
            ";Số dư cuối kỳ;;;;140000000;0",
        ]);
        csv.Select(r => r[0]).Distinct().Skip(1).ShouldBe(["1283", "13881", "13882", "33881", "0041", "0042"]);

        var rows = SheetRows(await BooksFile($"/api/accounting/borrowers/{CooperativeId}/ledger?{November}&format=xlsx", Xlsx), "Chi tiết cho vay", out _, out var document);
        using (document) rows[1][0].InnerText.ShouldBe($"Đối tượng: {Borrower} (hợp đồng {Contract})");
    }

    [Fact]
    public async Task the_misa_file_has_one_row_per_posting_with_its_debit_and_credit_accounts()
    {
        await GivenAContributionADisbursementAndARepayment();

        var rows = SheetRows(await BooksFile("/api/accounting/exports/misa?from=2026-01-01&to=2026-11-30", Xlsx), "Chứng từ nghiệp vụ khác", out var workbook, out var document);
        using (document)
        {
            rows[0].Select(c => c.InnerText).ShouldBe(["Ngày hạch toán", "Ngày chứng từ", "Số chứng từ", "Diễn giải", "TK Nợ", "TK Có", "Số tiền", "Đối tượng Nợ",
                "Đối tượng Có", "Tên đối tượng Nợ", "Tên đối tượng Có", "Số hợp đồng"], "the header is row 1, as MISA's template");
            rows.Count.ShouldBe(4, "three postings");
            rows[1][2].InnerText.ShouldBe("BC202601-0001");
            (rows[1][4].InnerText, rows[1][5].InnerText, Number(rows[1][6])).ShouldBe(("1121", "4111", Charter));
            rows[1][7].InnerText.ShouldBe("", "neither account of a capital posting tracks an object");
            var disbursement = rows[3];
            disbursement[2].InnerText.ShouldBe("BN202611-0001");
            DateFormat(workbook, disbursement[0]).ShouldBe("dd/mm/yyyy");
            (disbursement[4].InnerText, disbursement[5].InnerText, Number(disbursement[6])).ShouldBe(("1283", "1121", Disbursement));
            (disbursement[7].InnerText, disbursement[8].InnerText, disbursement[9].InnerText).ShouldBe((CooperativeId.ToString(), "", Borrower));
            var repayment = rows[2];
            (repayment[4].InnerText, repayment[5].InnerText, Number(repayment[6])).ShouldBe(("1121", "1283", Repayment));
            (repayment[7].InnerText, repayment[8].InnerText, repayment[10].InnerText).ShouldBe(("", CooperativeId.ToString(), Borrower));
            repayment[11].InnerText.ShouldBe(Contract);
        }
    }

    [Fact]
    public void postings_pair_each_debit_line_with_the_credit_line_of_its_voucher_whichever_comes_first()
    {
        var date = new LocalDate(2026, 11, 22);
        var disbursement = Posting("BN202611-0001", date, "1283", "1121", 150_000_000);
        var first = Posting("BC202611-0001", date, "1121", "1283", 9_000_000);
        var repayment = first.Concat(Posting("BC202611-0001", date, "1121", "13881", 1_000_000, lineNo: 3).Select(l => l with { EventId = first[0].EventId }));
        // a reversal: the credit line first
        var reversal = Posting("BN202611-0002", date, "1121", "1283", 9_000_000).Reverse().Select((l, i) => l with { LineNo = i + 1 }).ToList();

        var postings = MisaImport.Postings([.. disbursement, .. repayment, .. reversal]);

        postings.Select(p => (p.Debit.VoucherNumber, p.Debit.Account, p.Credit.Account, p.Debit.Debit)).ShouldBe(
        [
            ("BN202611-0001", "1283", "1121", 150_000_000L), ("BC202611-0001", "1121", "1283", 9_000_000L), ("BC202611-0001", "1121", "13881", 1_000_000L),
            ("BN202611-0002", "1121", "1283", 9_000_000L),
        ]);
        Should.Throw<InvalidOperationException>(() => MisaImport.Postings(disbursement.Take(1)));
        MisaImport.Table(disbursement, AccountingDefaults.Chart).Rows.ShouldHaveSingleItem().Cells[6].ShouldBe(150_000_000L);
    }

    [Fact]
    public void a_trial_balance_with_off_balance_accounts_lists_them_apart_with_their_own_totals()
    {
        var movements = new[]
        {
            new AccountMovement("1283", 500_000_000, 0, 0, 100_000_000), new AccountMovement("4111", 0, 500_000_000, 0, 0),
            new AccountMovement("1121", 0, 0, 100_000_000, 0), new AccountMovement("0041", 0, 0, 80_000_000, 0), new AccountMovement("009", 0, 0, 0, 80_000_000),
        };
        var trial = TrialBalance.Of(AccountingDefaults.Chart, movements);
        var report = new TrialBalanceReport(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), 1, trial.OnBalance.Select(TrialBalanceLine.Of).ToList(),
            trial.Totals, trial.OffBalance.Select(TrialBalanceLine.Of).ToList(), trial.OffBalanceTotals, true);

        var rows = CsvRows(BookCsv.Write(BookTables.TrialBalance(report, FundAName))).Skip(1).Select(r => string.Join(';', r)).ToList();

        rows.ShouldBe(
        [
            "1121;Tiền gửi ngân hàng;0;0;100000000;0;100000000;0",
            "1283;Cho vay;500000000;0;0;100000000;400000000;0",
            "4111;Vốn góp của chủ sở hữu (vốn điều lệ);0;500000000;0;0;0;500000000",
            ";Tổng cộng;500000000;500000000;100000000;100000000;500000000;500000000",
            ";Tài khoản ngoài bảng;;;;;;",
            "0041;Nợ gốc cho vay đã xử lý bằng dự phòng (ngoại bảng);0;0;80000000;0;80000000;0",
            "009;Tài khoản đối ứng ngoại bảng;0;0;0;80000000;0;80000000",
            ";Cộng tài khoản ngoài bảng;0;0;80000000;80000000;80000000;80000000",
        ]);
    }
}
