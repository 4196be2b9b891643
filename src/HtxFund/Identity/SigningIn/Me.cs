using System.Security.Claims;
using HtxFund.Funds;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Identity.SigningIn;

public sealed record MeResponse(
    Guid UserId, string UserName, string DisplayName, string? Email, string FundId, string FundName,
    IReadOnlyList<string> Roles, IReadOnlyList<string> RoleNames, Guid? CooperativeId);

public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

public static class MeEndpoint
{
    /// <summary>The signed-in user, their fund and roles.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/me", OperationId = "getMe")]
    [Tags("Đăng nhập")]
    public static async Task<Results<Ok<MeResponse>, NotFound>> Get(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct)
    {
        var user = await session.LoadAsync<UserAccount>(principal.UserId(), ct);
        if (user is null) return TypedResults.NotFound();
        var fund = await session.LoadAsync<Fund>(user.FundId, ct);
        return TypedResults.Ok(new MeResponse(user.Id, user.UserName, user.DisplayName, user.Email, user.FundId,
            fund?.Name ?? user.FundId, user.Roles, user.Roles.Select(HtxFund.Identity.Roles.DisplayName).ToArray(),
            user.CooperativeId));
    }

    /// <summary>The antiforgery token that cookie-authenticated writes must send in the <c>X-CSRF-TOKEN</c> header.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/auth/antiforgery", OperationId = "getAntiforgeryToken")]
    [Tags("Đăng nhập")]
    public static AntiforgeryTokenResponse GetToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new AntiforgeryTokenResponse(IdentitySetup.AntiforgeryHeader, tokens.RequestToken!);
    }
}
