using System.Security.Claims;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Identity.Users;

public static class ListUsersEndpoint
{
    /// <summary>The users of the admin's own fund.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/users", OperationId = "listUsers")]
    [Tags("Người dùng")]
    public static async Task<IReadOnlyList<UserView>> Get(ClaimsPrincipal admin, IQuerySession session, CancellationToken ct)
    {
        var fundId = admin.FundId();
        var users = await session.Query<UserAccount>().Where(x => x.FundId == fundId).OrderBy(x => x.UserName).ToListAsync(ct);
        return users.Select(UserView.From).ToArray();
    }
}

public static class DisableUserEndpoint
{
    /// <summary>Disables a user of the admin's fund and ends all their sign-ins at once.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users/{id}/disable", OperationId = "disableUser")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, ClaimsPrincipal admin, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var user = await session.LoadAsync<UserAccount>(id, ct);
        if (user is null || user.FundId != admin.FundId())
            return Results.Problem(Problems.NotFound("user.not_found", "Không tìm thấy người dùng này trong quỹ."));
        if (user.Id == admin.UserId())
            return Results.Problem(Problems.Conflict("user.cannot_disable_self", "Quản trị viên không thể tự khóa tài khoản của mình."));
        if (user.Disabled) return Results.Ok(UserView.From(user)); // already disabled: a harmless no-op

        var now = clock.GetCurrentInstant();
        var disabled = user with { Disabled = true, DisabledAt = now, DisabledBy = admin.UserId() };
        session.Store(disabled);
        var sessions = await session.Query<UserSession>().Where(x => x.UserId == id && x.RevokedAt == null).ToListAsync(ct);
        foreach (var s in sessions) session.Store(s with { RevokedAt = now });
        return Results.Ok(UserView.From(disabled));
    }
}

public static class EnableUserEndpoint
{
    /// <summary>Re-enables a disabled user of the admin's fund (they sign in again; old sessions stay revoked; failed sign-ins and
    /// locks of the name are forgotten).</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users/{id}/enable", OperationId = "enableUser")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Post(Guid id, ClaimsPrincipal admin, IDocumentSession session, CancellationToken ct)
    {
        var user = await session.LoadAsync<UserAccount>(id, ct);
        if (user is null || user.FundId != admin.FundId())
            return Results.Problem(Problems.NotFound("user.not_found", "Không tìm thấy người dùng này trong quỹ."));
        var enabled = user with { Disabled = false, DisabledAt = null, DisabledBy = null };
        session.Store(enabled);
        SigningIn.SignInAttempts.Forget(session, user.UserName); // failures and locks of the name start from nothing
        return Results.Ok(UserView.From(enabled));
    }
}
