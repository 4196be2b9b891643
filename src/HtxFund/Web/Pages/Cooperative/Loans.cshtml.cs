using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Listing;
using Microsoft.AspNetCore.Authorization;
using NodaTime;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The cooperative's own loans valued as of today (the API's portfolio list, own loans only).</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class LoansModel : PortalPage
{
    public IReadOnlyList<LoanSummary> Items { get; private set; } = [];
    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = Time.Today;
        Items = (await Read<PagedResult<LoanSummary>>(q => ListLoansEndpoint.Get(
            null, null, null, null, null, 1, 100, null, null, null, null, null, User, q, Time, ct)))?.Items ?? [];
    }
}
