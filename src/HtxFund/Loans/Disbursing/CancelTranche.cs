using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/tranches/{trancheId}/cancellation", OperationId = "cancelTranche")]
    [Tags("Giải ngân")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, Guid trancheId, CancelTranche command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command with { Reason = VietnameseText.Normalize(command.Reason) };
        var invalid = Validation.Check(c, new CancelTranche.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var (refusal, cancelled) = Decide(loaded.Loan, trancheId, c.Reason!, user.ToActor(), time.Now);
        if (refusal is not null) return Results.Problem(refusal);
        loaded.Stream!.AppendOne(cancelled!);
        return Results.NoContent();
    }

    public static (ProblemDetails? Refusal, TrancheCancelled? Cancelled) Decide(Loan loan, Guid trancheId, string reason, Actor actor, Instant now)
    {
        if (loan.TrancheOf(trancheId) is not { } tranche)
            return (Problems.NotFound("tranche.not_found", "Không tìm thấy đề nghị giải ngân này."), null);
        if (tranche.State != TrancheState.Prepared)
            return (Problems.Conflict("tranche.not_prepared",
                $"Đề nghị giải ngân đang ở trạng thái \"{tranche.State.DisplayName()}\": không thể hủy.",
                new Dictionary<string, object?> { ["state"] = tranche.State.ToString() }), null);
        return (null, new TrancheCancelled(loan.Id, trancheId, reason, actor, now));
    }
}
