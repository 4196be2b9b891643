using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Plans.GettingThePlan;

public static class GetAnnualPlanEndpoint
{
    /// <summary>The plan of <c>year</c> of the caller's fund: the figures in force and every version with who
    /// entered it, when, and what it changed.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/annual-plans/{year}", OperationId = "getAnnualPlan")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<AnnualPlan>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(int year, IQuerySession session, CancellationToken ct) =>
        await AnnualPlans.LoadAsync(session, year, ct) is { } plan
            ? Results.Ok(plan)
            : Results.Problem(AnnualPlans.NotFound(year));
}
