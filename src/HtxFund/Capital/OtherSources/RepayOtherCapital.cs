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

/// <summary>Capital of another source paid back (a borrowing repaid, entrusted capital returned), with its reason.</summary>
public sealed record RepayOtherCapital(
    string? Kind, decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate, string? Reason)
    : IOtherCapitalMovement
{
    public RepayOtherCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
        Reason = VietnameseText.Normalize(Reason),
    };

    public sealed class Validator(LocalDate today) : OtherCapitalMovementValidator<RepayOtherCapital>(today, "lý do hoàn trả");
}

public static class RepayOtherCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    /// <summary>422 when the repayment exceeds what other sources hold, or the fund's cash, on its value date or any later one.</summary>
    public static ProblemDetails Validate(RepayOtherCapital command, CapitalBooking booking) =>
        Outflow.Check(command, booking);

    /// <summary>Records capital of another source paid back (a borrowing repaid, entrusted capital returned). Refused when
    /// it exceeds what other sources hold, or the fund's cash, on its value date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [BooksCapital(CapitalFlow.Outflow)]
    [WolverinePost("/api/capital/other-sources/repayments", OperationId = "repayOtherCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(RepayOtherCapital command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Repaid(command.Normalised(), entryId, user.ToActor(), now));

    /// <summary>A repayment draws on the other-source capital held: the capital outflow rule (<see cref="CapitalOutflow"/>).</summary>
    public static readonly CapitalOutflow Outflow = new("hoàn trả", "vốn từ các nguồn khác đang giữ",
        (ledger, from) => ledger.LowestOtherCapitalFrom(from), "capital.other_repayment_exceeds_received", "",
        "capital.other_repayment_exceeds_cash", "");

    /// <summary>The repayment a validated, normalised command records.</summary>
    public static OtherCapitalRepaid Repaid(RepayOtherCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.ParsedKind()!.Value, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value,
            c.Reason!, actor, now);
}
