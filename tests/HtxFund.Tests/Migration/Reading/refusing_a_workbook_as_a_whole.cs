using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Migration.Reading;
using HtxFund.Tests.Migration.Support;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Tests.Migration.Reading;

/// <summary>A file that is not a workbook of the template is refused as a whole, with one refusal naming why.</summary>
public sealed class refusing_a_workbook_as_a_whole
{
    private static byte[] Valid => LoanBookWorkbook.Write(LoanBookSamples.Small());

    private static LoanBookReading Read(byte[] content, LoanBookLimits? limits = null) =>
        LoanBookReader.Read(content, LoanBookFundFacts.None, limits ?? LoanBookLimits.Default);

    private static void ShouldBeRefusedWith(LoanBookReading reading, string code, bool isWorkbook = true)
    {
        reading.File.ShouldBeNull();
        reading.IsWorkbook.ShouldBe(isWorkbook);
        reading.Refusals.Select(r => r.Code).ShouldBe([code], string.Join(" | ", reading.Refusals));
        reading.Refusals[0].Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void a_pdf_is_not_an_xlsx() =>
        ShouldBeRefusedWith(Read("%PDF-1.7\n%%EOF"u8.ToArray()), LoanBookCodes.NotXlsx, isWorkbook: false);

    [Fact]
    public void a_broken_zip_is_corrupt() =>
        ShouldBeRefusedWith(Read([.. Valid.Take(2000)]), LoanBookCodes.Corrupt, isWorkbook: false);

    [Fact]
    public void a_zip_that_is_not_a_workbook_is_corrupt()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
            using (var entry = new StreamWriter(zip.CreateEntry("readme.txt").Open())) entry.Write("không phải bảng tính");
        ShouldBeRefusedWith(Read(stream.ToArray()), LoanBookCodes.Corrupt, isWorkbook: false);
    }

    [Fact]
    public void an_empty_file_is_empty() => ShouldBeRefusedWith(Read([]), LoanBookCodes.Empty, isWorkbook: false);

    [Fact]
    public void a_file_over_the_size_limit_is_too_large()
    {
        var workbook = Valid;
        ShouldBeRefusedWith(Read(workbook, new LoanBookLimits { MaxBytes = workbook.Length - 1 }), LoanBookCodes.TooLarge, isWorkbook: false);
    }

    [Fact]
    public void a_sheet_over_the_row_limit_has_too_many_rows() =>
        // The repayments sheet: header, example and two repayments = 4 rows, over a limit of 3.
        ShouldBeRefusedWith(Read(Valid, new LoanBookLimits { MaxRows = 2 }), LoanBookCodes.TooManyRows, isWorkbook: false);

    [Fact]
    public void a_workbook_of_another_template_version_is_refused()
    {
        var reading = Read(LoanBookWorkbook.Write(LoanBookWorkbook.RowsOf(LoanBookSamples.Small()), LoanBookSamples.CutOver, version: 2));
        ShouldBeRefusedWith(reading, LoanBookCodes.TemplateVersion);
        reading.Refusals[0].At.Cell.ShouldBe("B3");
    }

    [Fact]
    public void a_workbook_without_a_sheet_of_the_template_is_refused() =>
        ShouldBeRefusedWith(Read(LoanBookWorkbook.Tamper(Valid, d =>
        {
            var sheet = d.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == T.Pledge.Sheet);
            d.WorkbookPart.DeletePart(sheet.Id!);
            sheet.Remove();
        })), LoanBookCodes.MissingSheet);

    [Fact]
    public void a_sheet_without_a_column_of_the_template_is_refused()
    {
        var reading = Read(LoanBookWorkbook.Tamper(Valid, d =>
        {
            var cell = BrokenLoanBook.CellOf(BrokenLoanBook.WorksheetOf(d, T.Loan.Sheet), 1, "G");
            cell.InlineString = new InlineString(new Text("Số tiền"));
        }));
        ShouldBeRefusedWith(reading, LoanBookCodes.MissingColumn);
        reading.Refusals[0].At.Column.ShouldBe(T.Loan.Amount);
    }

    [Fact]
    public void a_workbook_with_a_hidden_sheet_is_refused() =>
        ShouldBeRefusedWith(Read(LoanBookWorkbook.Tamper(Valid, d =>
            d.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == T.Tranche.Sheet).State = SheetStateValues.Hidden)),
            LoanBookCodes.HiddenSheet);

    [Fact]
    public void a_workbook_without_a_cut_over_date_is_refused()
    {
        var reading = Read(LoanBookWorkbook.Write(LoanBookWorkbook.RowsOf(LoanBookSamples.Small()), cutOver: null));
        ShouldBeRefusedWith(reading, LoanBookCodes.CutOver);
        reading.Refusals[0].At.Cell.ShouldBe("B4");
    }

    [Fact]
    public void a_template_with_no_rows_but_the_examples_is_empty() =>
        ShouldBeRefusedWith(Read(LoanBookWorkbook.Write(new LoanBookRows(), LoanBookSamples.CutOver)), LoanBookCodes.Empty);
}
