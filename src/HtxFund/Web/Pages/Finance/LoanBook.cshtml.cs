using HtxFund.Identity;
using HtxFund.Migration;
using HtxFund.Migration.Uploading;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// Bringing in the fund's existing loan book: the template to download, the upload (posted to the API's endpoint through
/// the app's pipeline) and its dry run (summary, refusals paged with their cells, CSV), the list of past imports, and for
/// a Checked import the Chief Accountant's "Xác nhận nhập", posted to the API's confirm endpoint (four eyes: not shown
/// to the uploader; the endpoint decides).
/// </summary>
[Authorize(Roles = LoanBookImportEndpoints.Roles)]
public sealed class LoanBookModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<LoanBookImportItem> Imports { get; private set; } = [];
    public LoanBookImportView? Current { get; private set; }

    public bool MayConfirm => Current is { Import.State: LoanBookImportState.Checked } c && User.IsInRole(Roles.ChiefAccountant) &&
                              c.Import.UploadedBy.ToString() != User.FindFirst(HtxClaims.UserId)?.Value;

    public async Task<IActionResult> OnGetAsync()
    {
        Imports = await LoanBookImportEndpoints.List(Query, Ct);
        if (Id is not { } id) return Page();
        Current = await Read<LoanBookImportView>(q =>
            LoanBookImportEndpoints.Get(id, Math.Clamp(PageNumber, 1, 1_000_000), LoanBookImportView.DefaultPageSize, q, Ct));
        return Current is null ? ProblemPage() : Page();
    }

    /// <summary>The form posts the workbook as field <c>file</c>, what the API reads; the dry run is stored and shown.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        var result = await PostFile("/api/loan-book/imports", file);
        if (result is null || ValueOf<LoanBookImportView>(result) is not { } view)
        {
            Imports = await LoanBookImportEndpoints.List(Query, Ct);
            return Page();
        }
        return RedirectToPage(new { id = view.Import.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Id is not { } id) return NotFoundPage();
        if (await Post($"/api/loan-book/imports/{id}/confirm", null, "") is null)
        {
            await OnGetAsync();
            return Page();
        }
        return RedirectToPage(new { id });
    }
}
