using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Appraising;

public sealed record SchedulePreview(IReadOnlyList<ScheduleRow> Rows, long TotalPrincipal, long TotalInterest, int PolicyVersion);

public static class PreviewScheduleEndpoint
{
    /// <summary>The repayment schedule of terms under the fund's current policy: the same engine function the appraisal,
    /// the decision and the contract use. Changes nothing.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/schedule-preview", OperationId = "previewSchedule")]
    [Tags("Thẩm định")]
    [ProducesResponseType<SchedulePreview>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Post(ProposalInput terms, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var invalid = Validation.Check(terms, new ProposalInput.Validator(time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var proposal = terms.ToProposal(time.Today);
        if (ScheduleRows.Invalid(proposal) is { } why)
            return Results.Problem(Problems.Validation("terms", "proposal.invalid_terms", $"Điều kiện vay không lập được lịch trả nợ: {why}"));
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var (rows, interest) = ScheduleRows.Generate(proposal, policy.ToLendingPolicy());
        return Results.Ok(new SchedulePreview(rows, rows.Sum(r => r.Principal), interest, policy.Version));
    }
}
