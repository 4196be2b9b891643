using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using System.Security.Claims;
using Wolverine.Http;

namespace HtxFund.Identity.SigningIn;

public static class LogoutEndpoint
{
    /// <summary>Ends the current sign-in: the session is revoked, so its cookie or bearer token stops working at once.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/auth/logout", OperationId = "logout")]
    [Tags("Đăng nhập")]
    [ProducesResponseType(204)]
    public static async Task<IResult> Post(ClaimsPrincipal user, IDocumentSession session, IClock clock,
        HttpContext context, CancellationToken ct)
    {
        if (Guid.TryParse(user.FindFirstValue(HtxClaims.Session), out var sessionId) &&
            await session.LoadAsync<UserSession>(sessionId, ct) is { RevokedAt: null } current)
        {
            session.Store(current with { RevokedAt = clock.GetCurrentInstant() });
        }
        if (context.Request.Cookies.ContainsKey("htxfund.auth"))
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        return Results.NoContent();
    }
}
