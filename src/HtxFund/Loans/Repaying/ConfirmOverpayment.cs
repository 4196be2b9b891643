using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
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

/// <summary>The second person's confirmation of an overpayment to refund. <see cref="Version"/> is optional, as for recording.</summary>
public sealed record ConfirmOverpayment(long? Version);

/// <summary>Confirming an overpayment: the loan held as for recording a repayment (<see cref="RecordRepaymentEndpoint"/>),
/// the fund's policy read, the same decision (<see cref="RepaymentRules.ConfirmOverpayment"/>), its events appended.</summary>
public static class ConfirmOverpaymentEndpoint
{
    /// <summary>The fund's policy (the pending overpayment's bank reference is already held for it).</summary>
    public static Task<RepaymentReads> LoadAsync(IDocumentSession session, CancellationToken ct) => RepaymentReads.LoadAsync(session, null, ct);

    public static (ProblemDetails, RepaymentBooking?) Before(Guid id, Guid repaymentId, ConfirmOverpayment command, IEventStream<Loan> stream, Loan? loan,
        RepaymentReads reads, ClaimsPrincipal user, LocalDate today, Instant now) =>
        RepaymentBooking.After(LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false),
            () => RepaymentRules.ConfirmOverpayment(loan!, repaymentId, reads.Policy, today, reads.BackdateDays, user.ToActor(), now,
                Guid.CreateVersion7()));

    /// <summary>Confirms a pending overpayment (an amount above the payoff its recorder marked as an overpayment to
    /// refund): by an Accountant or the ChiefAccountant other than the one who recorded it, it is booked as a repayment
    /// on its value date with the excess refundable to the borrower (the loan closes when nothing is owed any more).</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments/{repaymentId}/confirmation", OperationId = "confirmOverpayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType<RepaymentReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, Wolverine.OutgoingMessages) Post(Guid id, ConfirmOverpayment command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, RepaymentBooking booking) =>
        (Results.Created($"/api/loans/{id}", booking.Receipt), booking.ToEvents(), booking.AfterCommit());
}
