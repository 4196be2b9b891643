using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.Repaying;

/// <summary>Why a recorded repayment was wrong. <see cref="Version"/> is optional, as for recording.</summary>
public sealed record ReverseRepayment(long? Version, string? Reason)
{
    public ReverseRepayment Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    public sealed class Validator : AbstractValidator<ReverseRepayment>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do hủy", TextLimits.Note);
    }
}

public sealed record RepaymentReversalReceipt(Guid RepaymentId, Guid CapitalEntryId);

public static class ReverseRepaymentEndpoint
{
    private const int MaxAttempts = 5;

    /// <summary>Reverses a wrongly recorded repayment with a reason: a new event (the original stays in the history),
    /// by a user other than its recorder; the fund's cash line projected from it takes the cash back out on the original
    /// value date. The reversed repayment drops out of every valuation. A reversal can take the fund's cash below zero,
    /// so, like a withdrawal, it holds the fund's capital lock and is refused when the cash on that date or later would
    /// not cover it.</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments/{repaymentId}/reversal", OperationId = "reverseRepayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType<RepaymentReversalReceipt>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, Guid repaymentId, ReverseRepayment command, ClaimsPrincipal user, IDocumentStore store,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new ReverseRepayment.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var fund = user.FundId();
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(fund);
            await FundCapital.LockAsync(session, ct);
            var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct, versionRequired: false);
            if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
            var ledger = await FundCapital.LedgerAsync(session, ct);
            var decision = RepaymentRules.Reverse(loaded.Loan, repaymentId, c.Reason!, ledger,
                user.ToActor(), time.Now, Guid.CreateVersion7());
            if (decision.Refusal is not null) return Results.Problem(decision.Refusal);
            loaded.Stream!.AppendOne(decision.Reversed!);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (StreamConflicts.IsConflict(e) && attempt < MaxAttempts)
            {
                continue;
            }
            return Results.Ok(new RepaymentReversalReceipt(repaymentId, decision.Reversed!.CapitalEntryId));
        }
    }
}
