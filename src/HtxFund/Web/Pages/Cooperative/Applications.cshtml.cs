using HtxFund.Applications.Listing;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The cooperative's own applications (the API's list: a cooperative sees only its own).</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class ApplicationsModel : PortalPage
{
    public IReadOnlyList<ApplicationSummary> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = (await Read<PagedResult<ApplicationSummary>>(q => ListApplicationsEndpoint.Get(
            null, null, null, null, null, null, null, null, "-created", 1, 100, null, User, q, Time, ct)))?.Items ?? [];
}
