using HtxFund.Loans.ImportingStatements;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// Importing a bank statement in two steps, each posted to the API's endpoint through the app's pipeline: the upload stores a preview (each line
/// matched to a loan by contract number, or unmatched/duplicate with the reason) and books nothing; the confirmation
/// books the matched lines as repayments, each once. Single repayments are recorded on the loan's page.
/// </summary>
[Authorize(Roles = $"{HtxFund.Identity.Roles.Accountant},{HtxFund.Identity.Roles.ChiefAccountant}")]
public sealed class RepaymentsModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid? StatementId { get; set; }

    public BankStatementImport? Statement { get; private set; }

    public bool MayImport => MayCall(typeof(ImportBankStatementEndpoint));
    public bool MayConfirm => MayCall(typeof(ConfirmBankStatementEndpoint));

    public async Task<IActionResult> OnGetAsync()
    {
        if (StatementId is { } id)
        {
            Statement = await Read<BankStatementImport>(q => GetBankStatementEndpoint.Get(id, q, Ct));
            if (Statement is null) return ProblemPage();
        }
        return Page();
    }

    /// <summary>The upload form posts the file as field <c>file</c>, exactly what the API reads; a file over the
    /// statement limit is refused by the API's own check and the reason shown on the page (Kestrel's request limit and
    /// the form options bound what is read at all).</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (!MayImport) return Forbidden();
        var result = await PostFile("/api/repayments/statements", file);
        if (result?.Value<BankStatementImport>(JsonOptions) is not { } statement) return Page();
        return RedirectToPage(new { StatementId = statement.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!MayConfirm) return Forbidden();
        if (StatementId is not { } id) return NotFoundPage();
        if (await Post($"/api/repayments/statements/{id}/confirmation", null, "") is not { } result) return Page();
        var statement = result.Value<BankStatementImport>(JsonOptions)!;
        Done = string.Format(Text("Đã ghi nhận {0} khoản thu nợ, tổng {1}."), statement.BookedCount, Display.Money(statement.BookedAmount));
        return RedirectToPage(new { StatementId = id });
    }
}
