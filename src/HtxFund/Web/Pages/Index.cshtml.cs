using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages;

/// <summary>The site's root: each user goes to the main page of their portal.</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class IndexModel : PortalPage
{
    public IActionResult OnGet() => Redirect(Navigation.Home(User));
}
