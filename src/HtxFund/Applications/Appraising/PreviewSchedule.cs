using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Appraising;

/// <summary>A schedule preview: the rows, totals, the policy version and the version of the working-day calendar that
/// placed the due dates.</summary>
public sealed record SchedulePreview(IReadOnlyList<ScheduleRow> Rows, long TotalPrincipal, long TotalInterest, int PolicyVersion, int CalendarVersion);

public static class PreviewScheduleEndpoint
{
    /// <summary>The repayment schedule of terms under the fund's current policy and working-day calendar (due dates on a
    /// weekend or public holiday move by the policy's business-day rule): the same engine function the appraisal, the
    /// decision and the contract use. Changes nothing.</summary>
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
        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var policy = fundPolicy.ToLendingPolicy();
        if (ScheduleRows.TryGenerate(proposal, policy, out var why) is not (var rows, var interest, var calendarVersion))
            return Results.Problem(Problems.Validation("terms", "proposal.invalid_terms", $"Điều kiện vay không lập được lịch trả nợ: {why}"));
        return Results.Ok(new SchedulePreview(rows, rows.Sum(r => r.Principal), interest, fundPolicy.Version, calendarVersion));
    }
}
