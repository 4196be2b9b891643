using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reference;
using HtxFund.Reminders.Notifications;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Collections;

/// <summary>The officer hands the loan up to the Director, saying why.</summary>
public sealed record EscalateCollection(string? Reason)
{
    public sealed class Validator : AbstractValidator<EscalateCollection>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do báo cáo Giám đốc", TextLimits.Note);
    }
}

public sealed record CollectionEscalationReceipt(Guid EscalationId);

public static class EscalateCollectionEndpoint
{
    public static Guid CaseId(Guid id) => CollectionCase.StreamId(id);

    public static Task<LoanDetails?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) => CollectionRules.LoanAsync(id, session, ct);

    public static ProblemDetails Validate(Guid id, LoanDetails? loan, [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case) =>
        CollectionRules.Collectable(id, loan) ?? CollectionRules.Escalation(@case) ?? WolverineContinue.NoProblems;

    /// <summary>Escalates the loan to the Director (one open escalation at a time); the Director(s) are notified
    /// (<see cref="NoticeKind.CollectionEscalated"/>).</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/collections/escalations", OperationId = "escalateCollection")]
    [Tags("Thu nợ")]
    [ProducesResponseType<CollectionEscalationReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events, OutgoingMessages) Post(Guid id, EscalateCollection command, LoanDetails loan,
        [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var escalated = Decide(command, id, Guid.CreateVersion7(), today, user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}/collections", new CollectionEscalationReceipt(escalated.EscalationId)), [escalated],
            [CollectionNotices.Escalated(user.FundId(), loan, escalated)]);
    }

    public static CollectionEscalated Decide(EscalateCollection c, Guid loanId, Guid escalationId, LocalDate today, Actor by, Instant now) =>
        new(CollectionCase.StreamId(loanId), loanId, escalationId, VietnameseText.Normalize(c.Reason), today, by, now);
}
