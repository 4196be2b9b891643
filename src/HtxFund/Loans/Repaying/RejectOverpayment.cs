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
using Wolverine.Http;

namespace HtxFund.Loans.Repaying;

/// <summary>Why a pending overpayment is turned down (e.g. the amount was mistyped). <see cref="Version"/> is optional.</summary>
public sealed record RejectOverpayment(long? Version, string? Reason)
{
    public RejectOverpayment Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    public sealed class Validator : AbstractValidator<RejectOverpayment>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do từ chối", TextLimits.Note);
    }
}

public static class RejectOverpaymentEndpoint
{
    /// <summary>Turns a pending overpayment down, by someone other than its recorder: nothing was booked, and its bank
    /// reference is free again so the payment can be recorded with the right amount.</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments/{repaymentId}/rejection", OperationId = "rejectOverpayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, Guid repaymentId, RejectOverpayment command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new RejectOverpayment.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct, versionRequired: false);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var actor = user.ToActor();
        if (RepaymentRules.CheckConfirmation(loaded.Loan, repaymentId, actor, out var pending) is { } refusal) return Results.Problem(refusal);
        loaded.Stream!.AppendOne(new LoanOverpaymentRejected(id, repaymentId, c.Reason!, actor, time.Now));
        session.Delete<BookedBankReference>(BookedBankReference.Key(pending!.BankReference));
        return Results.NoContent();
    }
}
