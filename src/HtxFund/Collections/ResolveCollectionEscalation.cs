using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Collections;

/// <summary>The Director's answer to the open escalation: what was decided.</summary>
public sealed record ResolveCollectionEscalation(string? Note)
{
    public sealed class Validator : AbstractValidator<ResolveCollectionEscalation>
    {
        public Validator() => RuleFor(x => x.Note).RequiredText("note", "nội dung chỉ đạo của Giám đốc", TextLimits.Note);
    }
}

public static class ResolveCollectionEscalationEndpoint
{
    public static Guid CaseId(Guid id) => CollectionCase.StreamId(id);

    public static Task<LoanDetails?> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) => CollectionRules.LoanAsync(id, session, ct);

    /// <summary>A closed loan's escalation may still be resolved (the loan was repaid while it waited).</summary>
    public static ProblemDetails Validate(Guid id, LoanDetails? loan, [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case) =>
        (loan is not { IsLoan: true } ? LoanAccess.NotFound(id) : CollectionRules.Resolution(@case)) ?? WolverineContinue.NoProblems;

    /// <summary>The Director resolves the loan's open escalation with a note of what was decided.</summary>
    [Authorize(Roles = Roles.Director)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/collections/escalations/resolution", OperationId = "resolveCollectionEscalation")]
    [Tags("Thu nợ")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [EmptyResponse]
    public static Events Post(Guid id, ResolveCollectionEscalation command, LoanDetails loan,
        [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case, ClaimsPrincipal user, Instant now, LocalDate today) =>
        [Decide(command, @case!, today, user.ToActor(), now)];

    public static CollectionEscalationResolved Decide(ResolveCollectionEscalation c, CollectionCase @case, LocalDate today, Actor by, Instant now) =>
        new(@case.Id, @case.LoanId, @case.OpenEscalation!.EscalationId, VietnameseText.Normalize(c.Note), today, by, now);
}
