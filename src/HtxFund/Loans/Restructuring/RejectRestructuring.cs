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

namespace HtxFund.Loans.Restructuring;

/// <summary>Why the RiskCouncil turns a restructuring request down. <see cref="Version"/> is optional.</summary>
public sealed record RejectRestructuring(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<RejectRestructuring>
    {
        public Validator() =>
            RuleFor(x => x.Reason).RejectionReason();
    }
}

public static class RejectRestructuringEndpoint
{
    public static Task<RiskDecisionPolicy> LoadAsync(IDocumentSession session, CancellationToken ct) => RiskDecisionPolicy.LoadAsync(session, ct);

    public static ProblemDetails Validate(Guid id, Guid restructuringId, RejectRestructuring command, IEventStream<Loan> stream, Loan? loan,
        RiskDecisionPolicy policy, ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => RestructuringRules.Rejection(loan!, restructuringId, user.ToActor())
                        ?? RestructuringRules.Authority(loan!, restructuringId, user, policy));

    /// <summary>A decider other than the requester whose authority covers the principal rescheduled turns the request
    /// down with a reason: the loan keeps its schedule and a new request may be made.</summary>
    [Authorize(Roles = RiskApprovalSettings.DeciderRoles)]
    [WolverinePost("/api/loans/{id}/restructurings/{restructuringId}/rejection", OperationId = "rejectRestructuring")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, Guid restructuringId, RejectRestructuring command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, Instant now) =>
        [new LoanRestructuringRejected(id, restructuringId, VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
