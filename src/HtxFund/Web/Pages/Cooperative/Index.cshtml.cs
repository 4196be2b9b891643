using HtxFund.Applications.Listing;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Listing;
using Microsoft.AspNetCore.Authorization;
using NodaTime;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The cooperative's main page: its applications, its loans as of today and its profile, read with the
/// API's own list and detail functions.</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class IndexModel : PortalPage
{
    public CooperativeDetails? Cooperative { get; private set; }
    public IReadOnlyList<ApplicationSummary> Applications { get; private set; } = [];
    public IReadOnlyList<LoanSummary> Loans { get; private set; } = [];
    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = Time.Today;
        if (User.CooperativeId() is { } id)
            Cooperative = await Read<CooperativeDetails>(q => GetCooperativeEndpoint.Get(id, User, q, ct));
        Applications = (await Read<PagedResult<ApplicationSummary>>(q => ListApplicationsEndpoint.Get(
            null, null, null, null, null, null, null, null, null, 1, 100, null, User, q, Time, ct)))?.Items ?? [];
        Loans = (await Read<PagedResult<LoanSummary>>(q => ListLoansEndpoint.Get(
            null, null, null, null, null, 1, 100, null, null, null, null, null, User, q, Time, ct)))?.Items ?? [];
    }
}
