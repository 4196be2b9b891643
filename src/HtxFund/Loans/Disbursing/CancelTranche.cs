using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Disbursing;

/// <summary>Cancels a prepared tranche before it is confirmed (a confirmed one is never undone here).</summary>
public sealed record CancelTranche(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<CancelTranche>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do hủy", TextLimits.Note);
    }
}

public static class CancelTrancheEndpoint
{
    public static ProblemDetails Validate(Guid id, Guid trancheId, CancelTranche command, IEventStream<Loan> stream, Loan? loan, ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user).Then(() => DisbursementRules.CheckCancellation(loan!, trancheId));

    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/tranches/{trancheId}/cancellation", OperationId = "cancelTranche")]
    [Tags("Giải ngân")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, Guid trancheId, CancelTranche command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user,
        Instant now) =>
        [new TrancheCancelled(id, trancheId, VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
