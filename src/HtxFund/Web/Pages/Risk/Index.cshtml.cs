using HtxFund.Loans.WritingOff;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Risk;

/// <summary>The risk portal's start (/rui-ro): the fund's provisions held, principal tracked off-balance and recoveries, the
/// proposals waiting for the competent person's decision and the way to the quarterly review (GET /api/risk-handling/review).</summary>
[Authorize(Roles = RiskHandlingText.PortalRoles)]
public sealed class IndexModel : StaffPage
{
    public RiskReview Review { get; private set; } = null!;

    public async Task OnGetAsync() => Review = await GetRiskReviewEndpoint.Get(Query, Time, Ct);
}
