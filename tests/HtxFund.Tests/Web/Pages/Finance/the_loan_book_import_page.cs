using System.Net;
using HtxFund.Identity;
using HtxFund.Migration.Uploading;
using HtxFund.Tests.Migration.Support;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Web.Pages.Finance;

/// <summary>/tai-chinh/nhap-so-vay: the dry run of an upload, its refusals with their cells, and the confirm button only
/// for a Checked import, only for a Chief Accountant who did not upload it.</summary>
public sealed class the_loan_book_import_page(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<LoanBookImportView> Uploaded(byte[] workbook, string role)
    {
        var result = await Host.UploadLoanBook(workbook, await TokenFor(role));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return await result.Read<LoanBookImportView>();
    }

    private async Task<string> PageOf(Guid? id, string role)
    {
        var page = await Get($"/tai-chinh/nhap-so-vay/{id}", await TokenFor(role));
        page.Context.Response.StatusCode.ShouldBe(200);
        return WebUtility.HtmlDecode(await page.ReadAsTextAsync());
    }

    [Fact]
    public async Task a_checked_import_shows_its_summary_and_the_confirm_button_to_a_chief_accountant_who_did_not_upload_it()
    {
        var view = await Uploaded(LoanBookWorkbook.Write(LoanBookSamples.Small()), Roles.Accountant);

        var chief = await PageOf(view.Import.Id, Roles.ChiefAccountant);
        chief.ShouldContain("Đã kiểm tra: không có lỗi, chờ xác nhận.");
        chief.ShouldContain("200.000.000 ₫");
        chief.ShouldContain("140.000.000 ₫");
        chief.ShouldContain("31/10/2026");
        chief.ShouldContain("id=\"confirm-import\"");
        (await PageOf(view.Import.Id, Roles.Accountant)).ShouldNotContain("id=\"confirm-import\"");
    }

    [Fact]
    public async Task a_refused_import_lists_its_refusals_by_cell_and_has_no_confirm_button()
    {
        var broken = new BrokenLoanBook();
        var view = await Uploaded(broken.Workbook, Roles.Accountant);
        var negative = broken.Kinds.Single(k => k.Kind == "amount_negative");

        var page = await PageOf(view.Import.Id, Roles.ChiefAccountant);

        page.ShouldContain("Bị từ chối: sửa các ô dưới đây rồi tải lên lại.");
        page.ShouldContain($"{view.RefusalCount} lỗi");
        page.ShouldContain($"<td>G{negative.Row}</td><td>Số tiền vay</td><td><code>loan_book.amount_negative</code></td><td>Số tiền không được âm.</td>");
        page.ShouldNotContain("id=\"confirm-import\"");
        (await PageOf(null, Roles.Accountant)).ShouldContain($"/tai-chinh/nhap-so-vay/{view.Import.Id}");
    }

    [Fact]
    public async Task another_funds_user_gets_the_404_page_and_a_credit_officer_is_forbidden()
    {
        var view = await Uploaded(LoanBookWorkbook.Write(LoanBookSamples.Small()), Roles.Accountant);

        (await Get($"/tai-chinh/nhap-so-vay/{view.Import.Id}", await TokenFor(Roles.ChiefAccountant, FundB))).Context.Response.StatusCode.ShouldBe(404);
        (await Get("/tai-chinh/nhap-so-vay", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
    }
}
