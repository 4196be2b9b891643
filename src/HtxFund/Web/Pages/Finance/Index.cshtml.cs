using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Finance;

/// <summary>Main page of the portal (placeholder of the foundation; the portal's helper replaces it).</summary>
[Authorize(Roles = Navigation.FinanceRoles)]
public sealed class IndexModel : PortalPage
{
    public void OnGet() { }
}
