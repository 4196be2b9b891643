using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace HtxFund.Loans.Repaying;

/// <summary>The second person's confirmation of an overpayment to refund. <see cref="Version"/> is optional, as for recording.</summary>
public sealed record ConfirmOverpayment(long? Version);

public static class ConfirmOverpaymentEndpoint
{
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
    public static async Task<IResult> Post(Guid id, Guid repaymentId, ConfirmOverpayment command, ClaimsPrincipal user, IDocumentStore store,
        NpgsqlDataSource database, BusinessTime time, RepaymentSettings settings, CancellationToken ct)
    {
        var result = await RepaymentBooking.ConfirmOverpaymentAsync(store, database, user, id, command.Version, repaymentId, time, settings, ct);
        return result.Refusal is not null
            ? Results.Problem(result.Refusal)
            : Results.Created($"/api/loans/{id}", result.Receipt);
    }
}
