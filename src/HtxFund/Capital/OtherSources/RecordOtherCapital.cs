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
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Capital.OtherSources;

/// <summary>Capital from a source other than the charter capital, received or paid back: it moves the fund's cash
/// (and so what it can lend) but never the charter capital on which the lending limits are computed.</summary>
public sealed record RecordOtherCapital(
    string? Kind, decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate, string? Reason)
    : ICharterCapitalMovement
{
    public RecordOtherCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
        Reason = string.IsNullOrWhiteSpace(Reason) ? null : VietnameseText.Normalize(Reason),
    };

    public OtherCapitalSourceKind? ParsedKind =>
        EnumText.Parse<OtherCapitalSourceKind>(Kind);

    public sealed class Validator : CharterCapitalMovementValidator<RecordOtherCapital>
    {
        public Validator(LocalDate today, bool repayment) : base(today)
        {
            RuleFor(x => x.Kind).Must((x, _) => x.ParsedKind is not null)
                .Refuse("kind.unknown", "Loại nguồn vốn phải là Grant, EntrustedCapital, Borrowing, DevelopmentInvestmentFund hoặc Other.");
            if (repayment) RuleFor(x => x.Reason).RequiredText("reason", "lý do hoàn trả", TextLimits.Note);
            else RuleFor(x => x.Reason).OptionalText("reason", "ghi chú", TextLimits.Note);
        }
    }
}

public static class RecordOtherCapitalEndpoints
{
    /// <summary>Records capital received from another source (Decree 45/2021 Art 32, 36). Admin or ChiefAccountant.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/capital/other-sources", OperationId = "receiveOtherCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static Task<IResult> Receive(RecordOtherCapital command, ClaimsPrincipal user, IDocumentSession session, BusinessTime time,
        HttpContext http, CancellationToken ct)
    {
        var c = command.Normalised();
        var entryId = CapitalRecording.EntryIdFor(http);
        return CapitalRecording.RecordAsync(c, new RecordOtherCapital.Validator(time.Today, repayment: false), session, time.Today, entryId,
            _ => (null, new OtherCapitalReceived(entryId, c.ParsedKind!.Value, c.Amount.ToMoney(), c.Source!,
                c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value, user.ToActor(), time.Now)), ct);
    }

    /// <summary>Records capital of another source paid back (a borrowing repaid, entrusted capital returned). Refused when
    /// it exceeds what other sources hold, or the fund's cash, on its value date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/capital/other-sources/repayments", OperationId = "repayOtherCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Repay(RecordOtherCapital command, ClaimsPrincipal user, IDocumentSession session, BusinessTime time,
        HttpContext http, CancellationToken ct)
    {
        var c = command.Normalised();
        var entryId = CapitalRecording.EntryIdFor(http);
        return CapitalRecording.RecordAsync(c, new RecordOtherCapital.Validator(time.Today, repayment: true), session, time.Today, entryId,
            ledger => DecideRepayment(c, ledger, entryId, user.ToActor(), time.Now), ct);
    }

    public static (ProblemDetails? Refusal, object? Entry) DecideRepayment(RecordOtherCapital c, FundCapitalLedger ledger, Guid entryId,
        Actor actor, Instant now)
    {
        var amount = c.Amount.ToMoney();
        var valueDate = c.ValueDate!.Value;
        var held = ledger.LowestOtherCapitalFrom(valueDate);
        if (amount > held)
            return (Problems.Unprocessable("capital.other_repayment_exceeds_received",
                $"Không thể hoàn trả {amount.ToDisplayString()}: vốn từ các nguồn khác đang giữ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {held.ToDisplayString()}.",
                new Dictionary<string, object?> { ["available"] = held.Dong }), null);
        var cash = ledger.LowestCashFrom(valueDate);
        if (amount > cash)
            return (Problems.Unprocessable("capital.other_repayment_exceeds_cash",
                $"Không thể hoàn trả {amount.ToDisplayString()}: tiền mặt của quỹ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {cash.ToDisplayString()}.",
                new Dictionary<string, object?> { ["availableCash"] = cash.Dong }), null);
        return (null, new OtherCapitalRepaid(entryId, c.ParsedKind!.Value, amount, c.Source!, c.DecisionNumber!, c.DecisionDate!.Value,
            valueDate, c.Reason!, actor, now));
    }
}
