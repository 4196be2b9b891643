using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reminders;
using HtxFund.Reminders.Listing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The cooperative's reminders and overdue notices (the API's reminder list as the cooperative sees it), with
/// the downloadable PDF notice; <c>?khoan-vay={id}</c> narrows to one loan.</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class NoticesModel : PortalPage
{
    [BindProperty(SupportsGet = true, Name = "khoan-vay")] public Guid? LoanId { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }
    public PagedResult<Reminder>? Notices { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Notices = await Read<PagedResult<Reminder>>(q => ListRemindersEndpoint.Get(null, null, null, LoanId, null, null, null, null, PageNumber ?? 1, 20,
            User, q, ct));
        return Notices is null ? ProblemPage() : Page();
    }
}
