using HtxFund.Loans.WritingOff;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Risk;

/// <summary>The Risk Handling Council's quarterly review (/rui-ro/xu-ly-rui-ro, Decree 45/2021 Art 29.2.a): the group-5 loans of
/// the latest completed classification with principal, provision held, days past due and recovery measures, and the loans
/// tracked off the balance sheet (GET /api/risk-handling/review). Each loan opens its risk-handling page.</summary>
[Authorize(Roles = RiskHandlingText.PortalRoles)]
public sealed class ReviewModel : StaffPage
{
    public RiskReview Review { get; private set; } = null!;

    public async Task OnGetAsync() => Review = await GetRiskReviewEndpoint.Get(Query, Time, Ct);
}
