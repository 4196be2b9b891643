using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.DecisionLetters;
using HtxFund.Policy;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Waiving;

/// <summary>The approval of a pending interest waiver. <see cref="Version"/> is optional.</summary>
public sealed record ApproveInterestWaiver(long? Version);

public static class ApproveInterestWaiverEndpoint
{
    public static Task<RiskDecisionPolicy> LoadAsync(IDocumentSession session, CancellationToken ct) => RiskDecisionPolicy.LoadAsync(session, ct);

    public static ProblemDetails Validate(Guid id, Guid waiverId, ApproveInterestWaiver command, IEventStream<Loan> stream, Loan? loan, RiskDecisionPolicy policy,
        ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => WaiverRules.Approval(loan!, waiverId, user, policy));

    /// <summary>A decider other than the requester, whose authority covers the amount (fund policy
    /// <c>riskApprovals.waivers</c>: the Risk Council, the Director or the Chairman by amount; 403 <c>approval.tier_exceeded</c>
    /// otherwise), approves: from its date the interest is forgiven. The amount is checked again on the loan as it is now.
    /// The decision letter to the borrower is issued after the commit.</summary>
    [Authorize(Roles = RiskApprovalSettings.DeciderRoles)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/interest-waivers/{waiverId}/approval", OperationId = "approveInterestWaiver")]
    [Tags("Miễn, giảm lãi")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (Events, OutgoingMessages) Post(Guid id, Guid waiverId, ApproveInterestWaiver command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        return ([new LoanInterestWaiverApproved(id, waiverId, actor, now)], [new IssueLoanDecisionLetter(id, waiverId, actor, today)]);
    }
}
