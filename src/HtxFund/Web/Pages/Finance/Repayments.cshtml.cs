using HtxFund.Loans.Repaying;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// Importing a bank statement in two steps, with the API's own functions: the upload stores a preview (each line
/// matched to a loan by contract number, or unmatched/duplicate with the reason) and books nothing; the confirmation
/// books the matched lines as repayments, each once. Single repayments are recorded on the loan's page.
/// </summary>
[Authorize(Roles = $"{HtxFund.Identity.Roles.Accountant},{HtxFund.Identity.Roles.ChiefAccountant}")]
public sealed class RepaymentsModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid? StatementId { get; set; }

    public BankStatementImport? Statement { get; private set; }

    public bool MayImport => MayCall(typeof(BankStatementEndpoints), nameof(BankStatementEndpoints.Import));
    public bool MayConfirm => MayCall(typeof(BankStatementEndpoints), nameof(BankStatementEndpoints.Confirm));

    public async Task<IActionResult> OnGetAsync()
    {
        if (StatementId is { } id)
        {
            Statement = await Read<BankStatementImport>(q => BankStatementEndpoints.Get(id, q, Ct));
            if (Statement is null) return ProblemPage();
        }
        return Page();
    }

    /// <summary>The upload form posts the file as field <c>file</c>, exactly what the API reads; a file over the
    /// statement limit is refused by the API's own check and the reason shown on the page (Kestrel's request limit and
    /// the form options bound what is read at all).</summary>
    public async Task<IActionResult> OnPostImportAsync()
    {
        if (!MayImport) return Forbidden();
        var result = await Command(s => BankStatementEndpoints.Import(Request, User, s, Time, Ct), "");
        if (result?.ValueOf<BankStatementImport>() is not { } statement) return Page();
        return RedirectToPage(new { StatementId = statement.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!MayConfirm) return Forbidden();
        if (StatementId is not { } id) return NotFoundPage();
        var result = await BankStatementEndpoints.Confirm(id, User, Store, Service<Npgsql.NpgsqlDataSource>(), Time, Service<RepaymentSettings>(), Ct);
        if (Refused(result.ProblemOf(), "")) return Page();
        var statement = result.ValueOf<BankStatementImport>()!;
        Done = string.Format(Text("Đã ghi nhận {0} khoản thu nợ, tổng {1}."), statement.BookedCount, Display.Money(statement.BookedAmount));
        return RedirectToPage(new { StatementId = id });
    }
}
