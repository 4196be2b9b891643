using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Capital.OtherSources;

/// <summary>Capital received from a source other than the charter capital (Decree 45/2021 Art 32, 36).</summary>
public sealed record ReceiveOtherCapital(
    string? Kind, decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate, string? Reason)
    : IOtherCapitalMovement
{
    public ReceiveOtherCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
        Reason = string.IsNullOrWhiteSpace(Reason) ? null : VietnameseText.Normalize(Reason),
    };

    public sealed class Validator(LocalDate today) : OtherCapitalMovementValidator<ReceiveOtherCapital>(today);
}

public static class ReceiveOtherCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    /// <summary>Records capital received from another source (Decree 45/2021 Art 32, 36). Admin or ChiefAccountant.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [BooksCapital(CapitalFlow.Inflow)]
    [WolverinePost("/api/capital/other-sources", OperationId = "receiveOtherCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static (IResult, Events) Post(ReceiveOtherCapital command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Decide(command.Normalised(), entryId, user.ToActor(), now));

    /// <summary>The pure decision: a receipt of a validated command is always accepted.</summary>
    public static OtherCapitalReceived Decide(ReceiveOtherCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.ParsedKind()!.Value, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value,
            actor, now, c.Reason);
}
