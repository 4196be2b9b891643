using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Policy.GettingCurrent;

public static class GetFundPolicyEndpoint
{
    /// <summary>The policy in force for the user's fund: version, settings, who adopted it and when
    /// (the defaults, version 1, when the fund never adopted one).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/policy", OperationId = "getFundPolicy")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<FundPolicy>(200)]
    public static Task<FundPolicy> Get(IQuerySession session, CancellationToken ct) => FundPolicies.CurrentAsync(session, ct);
}
