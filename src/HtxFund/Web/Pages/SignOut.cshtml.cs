using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages;

/// <summary>Sign-out (POST with the antiforgery token): the form is sent to the API's logout
/// (<c>POST /api/auth/logout</c>, <see cref="LogoutEndpoint"/>) through the application's pipeline; it revokes the
/// session, and the cookie removal it answers is the page's answer's.</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class SignOutModel : PortalPage
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await Post("/api/auth/logout", null);
        return Redirect("/dang-nhap");
    }
}
