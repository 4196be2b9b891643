using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Applications.Appraising;

/// <summary>A schedule preview: the rows, totals, the policy version and the version of the working-day calendar that
/// placed the due dates.</summary>
public sealed record SchedulePreview(IReadOnlyList<ScheduleRow> Rows, long TotalPrincipal, long TotalInterest, int PolicyVersion, int CalendarVersion)
{
    /// <summary>The preview of <paramref name="terms"/> under <paramref name="policy"/>, or why they make no schedule.</summary>
    public static PreviewOutcome Of(LoanProposal terms, FundPolicy policy)
    {
        var attempt = ScheduleRows.Try(terms, policy.ToLendingPolicy());
        return attempt.Schedule is { } schedule
            ? new(new SchedulePreview(schedule.Rows, schedule.Rows.Sum(r => r.Principal), schedule.TotalInterest, policy.Version, schedule.CalendarVersion), null)
            : new(null, attempt.Refusal("terms"));
    }

    /// <summary>The preview of terms as a person typed them (a page's live preview, which a GET asks for): the terms'
    /// rules (<see cref="ProposalInput.Validator"/>), then <see cref="Of(LoanProposal, FundPolicy)"/>.</summary>
    public static PreviewOutcome Of(ProposalInput terms, FundPolicy policy, LocalDate today) =>
        Validation.Check(terms, new ProposalInput.Validator(today)) is var invalid && invalid != WolverineContinue.NoProblems
            ? new(null, invalid)
            : Of(terms.ToProposal(today), policy);
}

/// <summary>A schedule preview, or why the terms make none.</summary>
public sealed record PreviewOutcome(SchedulePreview? Preview, ProblemDetails? Refusal);

public static class PreviewScheduleEndpoint
{
    public static async Task<PreviewOutcome> LoadAsync(ProposalInput terms, IQuerySession session,
        LocalDate today, CancellationToken ct) =>
        SchedulePreview.Of(terms.ToProposal(today), await FundPolicies.CurrentAsync(session, ct));

    public static ProblemDetails Validate(PreviewOutcome outcome) =>
        outcome.Refusal ?? WolverineContinue.NoProblems;

    /// <summary>The repayment schedule of terms under the fund's current policy and working-day calendar (due dates on a
    /// weekend or public holiday move by the policy's business-day rule): the same engine function the appraisal, the
    /// decision and the contract use. Changes nothing.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/schedule-preview", OperationId = "previewSchedule")]
    [Tags("Thẩm định")]
    [ProducesResponseType<SchedulePreview>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static SchedulePreview Post(ProposalInput terms, PreviewOutcome outcome) => outcome.Preview!;
}
