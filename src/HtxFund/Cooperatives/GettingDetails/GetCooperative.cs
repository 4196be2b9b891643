using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Cooperatives.GettingDetails;

public static class GetCooperativeEndpoint
{
    /// <summary>A cooperative of the user's fund, with its members. A Cooperative user sees only their own;
    /// anything else answers 404, never 403, so ids of other cooperatives or funds reveal nothing.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/cooperatives/{id}", OperationId = "getCooperative")]
    [Tags("Hợp tác xã")]
    [ProducesResponseType<CooperativeDetails>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var details = user.MaySee(id) ? await session.LoadAsync<CooperativeDetails>(id, ct) : null;
        return details is null ? Results.Problem(NotFound(id)) : Results.Ok(details);
    }

    public static ProblemDetails NotFound(Guid id) =>
        Problems.NotFound("cooperative.not_found", $"Không tìm thấy tổ chức có mã {id}.");
}
