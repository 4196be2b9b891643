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

namespace HtxFund.Loans.Repaying;

/// <summary>Why a pending overpayment is turned down (e.g. the amount was mistyped). <see cref="Version"/> is optional.</summary>
public sealed record RejectOverpayment(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<RejectOverpayment>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do từ chối", TextLimits.Note);
    }
}

public static class RejectOverpaymentEndpoint
{
    public static ProblemDetails Validate(Guid id, Guid repaymentId, RejectOverpayment command, IEventStream<Loan> stream, Loan? loan, ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => RepaymentRules.CheckConfirmation(loan!, repaymentId, user.ToActor()));

    /// <summary>Turns a pending overpayment down, by someone other than its recorder: nothing was booked, and its bank
    /// reference is free again so the payment can be recorded with the right amount.</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments/{repaymentId}/rejection", OperationId = "rejectOverpayment")]
    [Tags("Thu nợ")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (Events, IMartenOp) Post(Guid id, Guid repaymentId, RejectOverpayment command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user, Instant now) =>
        ([new LoanOverpaymentRejected(id, repaymentId, VietnameseText.Normalize(command.Reason), user.ToActor(), now)],
            MartenOps.Delete<BookedBankReference>(BookedBankReference.Key(loan!.PendingOverpaymentOf(repaymentId)!.BankReference)));
}
