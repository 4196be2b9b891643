using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Capital.Contributing;

/// <summary>Records charter capital paid into the fund (e.g. from the provincial budget, Decree 45/2021 Art 37).</summary>
public sealed record ContributeCharterCapital(
    decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate) : ICharterCapitalMovement
{
    public ContributeCharterCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
    };

    public sealed class Validator(LocalDate today) : CharterCapitalMovementValidator<ContributeCharterCapital>(today);
}

public static class ContributeCharterCapitalEndpoint
{
    /// <summary>Records a charter capital contribution on the fund's capital stream. Answers 201 with the figures today.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [HtxFund.Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/capital/contributions", OperationId = "contributeCharterCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Task<IResult> Post(ContributeCharterCapital command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, HttpContext http, CancellationToken ct)
    {
        var c = command.Normalised();
        var entryId = CapitalRecording.EntryIdFor(http);
        return CapitalRecording.RecordAsync(c, new ContributeCharterCapital.Validator(time.Today), session, time.Today, entryId,
            _ => (null, Decide(c, entryId, user.ToActor(), time.Now)), ct);
    }

    /// <summary>The pure decision: a contribution of a validated command is always accepted.</summary>
    public static CharterCapitalContributed Decide(ContributeCharterCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value, actor, now);
}
