using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Inspections.Reading;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Inspections;

/// <summary>The inspections of loan use (GET /api/inspections): a credit officer's own loans first, then the fund's; overdue
/// ones flagged with their days; filters by state, overdue and open misuse follow-ups (the Director's list to decide).</summary>
[Authorize(Roles = InspectionRoles.Readers)]
public sealed class IndexModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool FollowUpOpen { get; set; }

    public IReadOnlyList<InspectionSummary> Mine { get; private set; } = [];
    public IReadOnlyList<InspectionSummary> Others { get; private set; } = [];
    public bool IsOfficer => User.IsInRole(Roles.CreditOfficer);

    public async Task OnGetAsync()
    {
        var errors = new List<Infrastructure.Http.FieldError>();
        var query = InspectionReads.Check(null, string.IsNullOrEmpty(State) ? null : State, Overdue ? true : null, FollowUpOpen ? true : null, null,
            Time.Today, errors);
        if (query is null)
        {
            Problem = Infrastructure.Http.Problems.Validation(errors);
            return;
        }
        var all = await InspectionReads.ListAsync(Query, query, null, Ct);
        var me = User.UserId();
        Mine = IsOfficer ? all.Where(i => i.OfficerId == me).ToArray() : [];
        Others = IsOfficer ? all.Where(i => i.OfficerId != me).ToArray() : all;
    }
}
