using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages;

/// <summary>Sign-out (POST with the antiforgery token): the API's logout revokes the session and removes the cookie.</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class SignOutModel(IClock clock) : PortalPage
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        await LogoutEndpoint.Post(User, session, clock, HttpContext, ct);
        await session.SaveChangesAsync(ct);
        return Redirect("/dang-nhap");
    }
}
