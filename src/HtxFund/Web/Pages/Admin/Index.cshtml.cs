using HtxFund.Identity;
using HtxFund.Identity.Users;
using HtxFund.Policy;
using HtxFund.Policy.GettingCurrent;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The administrator's main page: the fund's users and the current lending policy.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel : PortalPage
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];
    public FundPolicy? Policy { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await ListUsersEndpoint.Get(User, Query, ct);
        Policy = await GetFundPolicyEndpoint.Get(Query, ct);
    }
}
