using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Capital.Contributing;

/// <summary>Records charter capital paid into the fund (e.g. from the provincial budget, Decree 45/2021 Art 37).</summary>
public sealed record ContributeCharterCapital(
    decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate) : ICapitalMovement
{
    public ContributeCharterCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
    };

    public sealed class Validator(LocalDate today) : CapitalMovementValidator<ContributeCharterCapital>(today);
}

public static class ContributeCharterCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    /// <summary>Records a charter capital contribution on the fund's capital stream. Answers 201 with the figures today.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [BooksCapital(CapitalFlow.Inflow)]
    [WolverinePost("/api/capital/contributions", OperationId = "contributeCharterCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(ContributeCharterCapital command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Decide(command.Normalised(), entryId, user.ToActor(), now));

    /// <summary>The pure decision: a contribution of a validated command is always accepted.</summary>
    public static CharterCapitalContributed Decide(ContributeCharterCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value, actor, now);
}
