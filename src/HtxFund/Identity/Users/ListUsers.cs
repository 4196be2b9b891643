using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>A user of the admin's fund; null for a user of another fund or no user.</summary>
    public static async Task<UserAccount?> OfTheFundAsync(IQuerySession session, Guid id, ClaimsPrincipal admin, CancellationToken ct) =>
        await session.LoadAsync<UserAccount>(id, ct) is { } user && user.FundId == admin.FundId() ? user : null;

    public static ProblemDetails NotFound() => Infrastructure.Http.Problems.NotFound("user.not_found", "Không tìm thấy người dùng này trong quỹ.");
}
