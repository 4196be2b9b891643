using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Waiving;

/// <summary>Why an interest waiver request is turned down. <see cref="Version"/> is optional.</summary>
public sealed record RejectInterestWaiver(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<RejectInterestWaiver>
    {
        public Validator() =>
            RuleFor(x => x.Reason).RejectionReason();
    }
}

public static class RejectInterestWaiverEndpoint
{
    public static Task<RiskDecisionPolicy> LoadAsync(IDocumentSession session, CancellationToken ct) => RiskDecisionPolicy.LoadAsync(session, ct);

    public static ProblemDetails Validate(Guid id, Guid waiverId, RejectInterestWaiver command, IEventStream<Loan> stream, Loan? loan, RiskDecisionPolicy policy,
        ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => WaiverRules.Rejection(loan!, waiverId, user, policy));

    /// <summary>A decider other than the requester, whose authority covers the amount, turns the request down with a
    /// reason: the interest stays owed and a new request may be made.</summary>
    [Authorize(Roles = RiskApprovalSettings.DeciderRoles)]
    [WolverinePost("/api/loans/{id}/interest-waivers/{waiverId}/rejection", OperationId = "rejectInterestWaiver")]
    [Tags("Miễn, giảm lãi")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, Guid waiverId, RejectInterestWaiver command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, Instant now) =>
        [new LoanInterestWaiverRejected(id, waiverId, VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
