using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Credit;

/// <summary>Main page of the portal (placeholder of the foundation; the portal's helper replaces it).</summary>
[Authorize(Roles = Navigation.CreditRoles)]
public sealed class IndexModel : PortalPage
{
    public void OnGet() { }
}
