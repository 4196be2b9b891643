using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using JasperFx.Events;
using Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.WritingOff;

/// <summary>Why the competent person turns a risk-handling proposal down. <see cref="Version"/> is optional.</summary>
public sealed record RejectRiskHandling(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<RejectRiskHandling>
    {
        public Validator() =>
            RuleFor(x => x.Reason).RejectionReason();
    }
}

public static class RejectRiskHandlingEndpoint
{
    public static Task<RiskReads> LoadAsync(IDocumentSession session, CancellationToken ct) => RiskReads.LoadAsync(session, null, ct);

    public static ProblemDetails Validate(Guid id, Guid proposalId, RejectRiskHandling command, IEventStream<Loan> stream, Loan? loan, RiskReads reads,
        ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => RiskHandlingRules.Rejection(loan!, proposalId, user.ToActor(), reads.Settings));

    /// <summary>The competent person (fund policy: the Chairman), not the proposer, turns the proposal down with a reason:
    /// the loan stays as it is and the Risk Handling Council may propose again.</summary>
    [Authorize(Roles = DecideRiskHandlingEndpoint.DeciderRoles)]
    [WolverinePost("/api/loans/{id}/risk-handling/{proposalId}/rejection", OperationId = "rejectRiskHandling")]
    [Tags("Xử lý rủi ro")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, Guid proposalId, RejectRiskHandling command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, Instant now) =>
        [new LoanRiskHandlingRejected(id, proposalId, VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
