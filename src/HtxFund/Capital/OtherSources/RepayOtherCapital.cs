using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Marten;
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

    public sealed class Validator : OtherCapitalMovementValidator<RepayOtherCapital>
    {
        public Validator(LocalDate today) : base(today) =>
            RuleFor(x => x.Reason).RequiredText("reason", "lý do hoàn trả", TextLimits.Note);
    }
}

public static class RepayOtherCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    public static Task<CapitalBooking> LoadAsync(IDocumentSession session, HttpContext http, CancellationToken ct) =>
        CapitalRecording.LoadAsync(session, http, ct);

    /// <summary>422 when the repayment exceeds what other sources hold, or the fund's cash, on its value date or any later one.</summary>
    public static ProblemDetails Validate(RepayOtherCapital command, CapitalBooking booking) =>
        CapitalRecording.Check(booking, ledger => Refusal(command.Normalised(), ledger));

    /// <summary>Records capital of another source paid back (a borrowing repaid, entrusted capital returned). Refused when
    /// it exceeds what other sources hold, or the fund's cash, on its value date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [HoldsFundCapitalLock]
    [WolverinePost("/api/capital/other-sources/repayments", OperationId = "repayOtherCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(RepayOtherCapital command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Repaid(command.Normalised(), entryId, user.ToActor(), now));

    /// <summary>A repayment may take neither the other-source capital held nor the fund's cash below zero on its value
    /// date or any later one.</summary>
    public static ProblemDetails? Refusal(RepayOtherCapital c, FundCapitalLedger ledger)
    {
        var amount = c.Amount.ToMoney();
        var valueDate = c.ValueDate!.Value;
        var held = ledger.LowestOtherCapitalFrom(valueDate);
        if (amount > held)
            return Problems.Unprocessable("capital.other_repayment_exceeds_received",
                $"Không thể hoàn trả {amount.ToDisplayString()}: vốn từ các nguồn khác đang giữ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {held.ToDisplayString()}.",
                new Dictionary<string, object?> { ["available"] = held.Dong });
        var cash = ledger.LowestCashFrom(valueDate);
        if (amount > cash)
            return Problems.Unprocessable("capital.other_repayment_exceeds_cash",
                $"Không thể hoàn trả {amount.ToDisplayString()}: tiền mặt của quỹ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {cash.ToDisplayString()}.",
                new Dictionary<string, object?> { ["availableCash"] = cash.Dong });
        return null;
    }

    /// <summary>The repayment a validated, normalised command records.</summary>
    public static OtherCapitalRepaid Repaid(RepayOtherCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.ParsedKind()!.Value, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value,
            c.Reason!, actor, now);
}
