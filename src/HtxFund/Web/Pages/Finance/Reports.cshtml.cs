using HtxFund.Infrastructure.Http;
using HtxFund.Reports.Archive;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The fund's generated reports, newest first (GET /api/reports), each file downloaded from the archive
/// (GET /api/reports/{id}/files/{format}).</summary>
[Authorize(Roles = HtxFund.Identity.Roles.Staff)]
public sealed class ReportsModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    public PagedResult<ReportSummary>? Items { get; private set; }

    public async Task OnGetAsync() =>
        Items = await Read<PagedResult<ReportSummary>>(q => ReportArchiveEndpoints.List(string.IsNullOrEmpty(Kind) ? null : Kind, PageNumber, 20, q, Ct));
}
