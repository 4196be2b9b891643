using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Users;

public static class EnableUserEndpoint
{
    public static Task<UserAccount?> LoadAsync(Guid id, ClaimsPrincipal admin, IQuerySession session, CancellationToken ct) =>
        ListUsersEndpoint.OfTheFundAsync(session, id, admin, ct);

    public static ProblemDetails Validate(UserAccount? user) => user is null ? ListUsersEndpoint.NotFound() : WolverineContinue.NoProblems;

    /// <summary>Re-enables a disabled user of the admin's fund (they sign in again; old sessions stay revoked; failed sign-ins and
    /// locks of the name are forgotten).</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users/{id}/enable", OperationId = "enableUser")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, StoreDoc<UserAccount>, IMartenOp) Post(Guid id, [NotBody] UserAccount? user)
    {
        var enabled = user! with { Disabled = false, DisabledAt = null, DisabledBy = null };
        // failures and locks of the name start from nothing
        return (Results.Ok(UserView.From(enabled)), MartenOps.Store(enabled), SigningIn.SignInAttempts.Forget(user.UserName));
    }
}
