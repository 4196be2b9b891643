using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Identity;
using HtxFund.Migration.Reading;
using HtxFund.Migration.Template;
using HtxFund.Tests.Migration.Support;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Tests.Migration.Template;

public sealed class downloading_the_loan_book_template(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData(Roles.Accountant)]
    [InlineData(Roles.ChiefAccountant)]
    [InlineData(Roles.Director)]
    [InlineData(Roles.Admin)]
    public async Task the_finance_staff_download_the_template_with_every_sheet_header_and_list(string role)
    {
        var result = await Get("/api/loan-book/template.xlsx", await TokenFor(role));

        result.Context.Response.StatusCode.ShouldBe(200);
        result.Context.Response.ContentType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        using var document = SpreadsheetDocument.Open(new MemoryStream(stream.ToArray()), false);
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value)
            .ShouldBe([T.Instructions, "Hợp tác xã", "Thành viên", "Khoản vay", "Lịch trả nợ", "Giải ngân", "Thu nợ", "Tài sản bảo đảm"]);
        var loans = BrokenLoanBook.WorksheetOf(document, T.Loan.Sheet);
        var header = loans.GetFirstChild<SheetData>()!.Elements<Row>().First();
        header.Elements<Cell>().Select(c => c.InnerText).ShouldBe(T.Loans.Columns.Select(c => c.Header));
        loans.Descendants<Pane>().Single().State!.Value.ShouldBe(PaneStateValues.Frozen);
        var lists = loans.Descendants<DataValidation>().Select(v => v.Formula1!.Text).ToList();
        lists.ShouldContain("\"Gốc đều,Trả góp đều,Gốc cuối kỳ,Theo lịch riêng\"");
        lists.ShouldContain("\"1,2,3,4,5\"");
        BrokenLoanBook.CellOf(BrokenLoanBook.WorksheetOf(document, T.Instructions), 3, "B").InnerText.ShouldBe(T.Version.ToString());
    }

    [Theory]
    [InlineData(Roles.CreditOfficer)]
    [InlineData(Roles.BoardMember)]
    public async Task other_staff_may_not_download_it(string role) =>
        (await Get("/api/loan-book/template.xlsx", await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);

    [Fact]
    public void the_blank_template_is_read_up_to_its_missing_cut_over_date_and_its_example_rows_are_skipped()
    {
        var blank = LoanBookTemplateWriter.Write();

        LoanBookReader.Read(blank, LoanBookFundFacts.None, LoanBookLimits.Default).Refusals.Select(r => r.Code).ShouldBe([LoanBookCodes.CutOver]);
        LoanBookReader.Read(LoanBookTemplateWriter.Write(LoanBookSamples.CutOver), LoanBookFundFacts.None, LoanBookLimits.Default)
            .Refusals.Select(r => r.Code).ShouldBe([LoanBookCodes.Empty]);
    }
}
