using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
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

namespace HtxFund.Loans.Repaying;

/// <summary>Why a recorded repayment was wrong. <see cref="Version"/> is optional, as for recording.</summary>
public sealed record ReverseRepayment(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<ReverseRepayment>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do hủy", TextLimits.Note);
    }
}

public sealed record RepaymentReversalReceipt(Guid RepaymentId, Guid CapitalEntryId);

/// <summary>Reversing a repayment takes cash back out of the fund, so, like a disbursement, it is decided on the fund's
/// cash under the fund's lock (<see cref="FundCapital.LockAsync"/>, taken in <see cref="LoadAsync"/> with the loan held):
/// two reversals, or a reversal and a disbursement, never both spend the same cash.</summary>
public static class ReverseRepaymentEndpoint
{
    /// <summary>The fund's ledger under the fund's lock, taken after the loan's row (the <paramref name="loan"/> parameter
    /// orders this step after Wolverine's load): every command takes the two locks in that order.</summary>
    public static async Task<FundCapitalLedger> LoadAsync(Loan? loan, IDocumentSession session, CancellationToken ct)
    {
        await FundCapital.LockAsync(session, ct);
        return await FundCapital.LedgerAsync(session, ct);
    }

    public static ProblemDetails Validate(Guid id, Guid repaymentId, ReverseRepayment command, IEventStream<Loan> stream, Loan? loan, FundCapitalLedger ledger,
        ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => RepaymentRules.CheckReversal(loan!, repaymentId, user.ToActor(), ledger.LowestCashFrom));

    /// <summary>Reverses a wrongly recorded repayment with a reason: a new event (the original stays in the history),
    /// by a user other than its recorder, taking the cash back out of the fund on the original value date (refused when
    /// the fund's cash from then on would not cover it). The reversed repayment drops out of every valuation.</summary>
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
    public static (IResult, Events) Post(Guid id, Guid repaymentId, ReverseRepayment command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user, Instant now)
    {
        var reversed = new LoanRepaymentReversed(id, repaymentId, VietnameseText.Normalize(command.Reason), Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Ok(new RepaymentReversalReceipt(repaymentId, reversed.CapitalEntryId)), [reversed]);
    }
}
