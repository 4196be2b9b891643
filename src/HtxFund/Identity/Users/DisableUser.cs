using System.Security.Claims;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Users;

/// <summary>A user of the admin's fund to disable, with the sign-ins still active (null: not a user of the fund).</summary>
public sealed record UserToDisable(UserAccount? User, IReadOnlyList<UserSession> ActiveSessions);

public static class DisableUserEndpoint
{
    public static async Task<UserToDisable> LoadAsync(Guid id, ClaimsPrincipal admin, IQuerySession session, CancellationToken ct) =>
        await ListUsersEndpoint.OfTheFundAsync(session, id, admin, ct) is { } user
            ? new(user, await session.Query<UserSession>().Where(x => x.UserId == id && x.RevokedAt == null).ToListAsync(ct))
            : new(null, []);

    public static ProblemDetails Validate(UserToDisable found, ClaimsPrincipal admin) =>
        found.User is null ? ListUsersEndpoint.NotFound()
        : found.User.Id == admin.UserId() ? Problems.Conflict("user.cannot_disable_self", "Quản trị viên không thể tự khóa tài khoản của mình.")
        : WolverineContinue.NoProblems;

    /// <summary>Disables a user of the admin's fund and ends all their sign-ins at once. Disabling a disabled user changes
    /// nothing.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users/{id}/disable", OperationId = "disableUser")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, IMartenOp) Post(Guid id, [NotBody] UserToDisable found, ClaimsPrincipal admin, Instant now)
    {
        var user = found.User!;
        if (user.Disabled) return (Results.Ok(UserView.From(user)), MartenOps.Nothing()); // already disabled: a harmless no-op
        var disabled = user with { Disabled = true, DisabledAt = now, DisabledBy = admin.UserId() };
        object[] changed = [disabled, .. found.ActiveSessions.Select(s => s with { RevokedAt = now })];
        return (Results.Ok(UserView.From(disabled)), MartenOps.StoreObjects(changed));
    }
}
