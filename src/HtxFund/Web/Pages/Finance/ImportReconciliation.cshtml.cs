using HtxFund.Migration;
using HtxFund.Migration.Reconciling;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>A booked loan book's reconciliation (the read of GET /api/loan-book/imports/{id}/reconciliation): the file's
/// totals beside the fund's at the cut-over and the loans that differ, a page at a time, with the CSV.</summary>
[Authorize(Roles = GetLoanBookReconciliationEndpoint.ReadRoles)]
public sealed class ImportReconciliationModel : StaffPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public LoanBookImport Import { get; private set; } = null!;
    public LoanBookReconciliation Reconciliation { get; private set; } = null!;
    public IReadOnlyList<ReconciliationDifference> Differences { get; private set; } = [];
    public int Pages { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (reconciliation, refusal, import) = await GetLoanBookReconciliationEndpoint.ReadAsync(Id, Query, Ct);
        if (import is null) return NotFoundPage();
        Import = import;
        if (refusal is not null)
        {
            Problem = refusal;
            return Page();
        }
        Reconciliation = reconciliation!;
        Pages = Math.Max(1, (Reconciliation.Differences.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Differences = Reconciliation.Differences.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }
}
