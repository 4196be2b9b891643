using System.Security.Claims;
using FluentValidation;
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

namespace HtxFund.Capital.Withdrawing;

/// <summary>Records charter capital withdrawn from the fund (returned to the budget or reduced by decision).</summary>
public sealed record WithdrawCharterCapital(
    decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate, string? Reason)
    : ICharterCapitalMovement
{
    public WithdrawCharterCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
        Reason = VietnameseText.Normalize(Reason),
    };

    public sealed class Validator : CharterCapitalMovementValidator<WithdrawCharterCapital>
    {
        public Validator(LocalDate today) : base(today) =>
            RuleFor(x => x.Reason).RequiredText("reason", "lý do rút vốn", TextLimits.Note);
    }
}

public static class WithdrawCharterCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    public static Task<CapitalBooking> LoadAsync(IDocumentSession session, HttpContext http, CancellationToken ct) =>
        CapitalRecording.LoadAsync(session, http, ct);

    /// <summary>422 when the withdrawal exceeds the charter capital or the fund's cash on its value date or any later one.</summary>
    public static ProblemDetails Validate(WithdrawCharterCapital command, CapitalBooking booking) =>
        CapitalRecording.Check(booking, ledger => Refusal(command.Normalised(), ledger));

    /// <summary>Records a charter capital withdrawal. Refused when charter capital would be negative on its value
    /// date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [HoldsFundCapitalLock]
    [WolverinePost("/api/capital/withdrawals", OperationId = "withdrawCharterCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(WithdrawCharterCapital command, CapitalBooking booking,
        [Aggregate(Required = false, FromMethod = nameof(StreamId))] FundCapitalStream? capital, ClaimsPrincipal user, Instant now,
        LocalDate today) =>
        CapitalRecording.Record(booking, today, entryId => Withdrawn(command.Normalised(), entryId, user.ToActor(), now));

    /// <summary>A withdrawal may take neither the charter capital nor the fund's cash below zero on its value date or any
    /// later one (a backdated withdrawal re-values every later date).</summary>
    public static ProblemDetails? Refusal(WithdrawCharterCapital c, FundCapitalLedger ledger)
    {
        var amount = c.Amount.ToMoney();
        var valueDate = c.ValueDate!.Value;
        var available = ledger.LowestCharterCapitalFrom(valueDate);
        if (amount > available)
            return Problems.Unprocessable("capital.withdrawal_exceeds_charter_capital",
                $"Không thể rút {amount.ToDisplayString()}: vốn điều lệ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {available.ToDisplayString()}, "
                + "rút số tiền này sẽ làm vốn điều lệ bị âm.",
                new Dictionary<string, object?> { ["available"] = available.Dong });
        var cash = ledger.LowestCashFrom(valueDate);
        if (amount > cash)
            return Problems.Unprocessable("capital.withdrawal_exceeds_cash",
                $"Không thể rút {amount.ToDisplayString()}: tiền mặt của quỹ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {cash.ToDisplayString()} "
                + "(phần còn lại đã giải ngân cho vay).",
                new Dictionary<string, object?> { ["availableCash"] = cash.Dong });
        return null;
    }

    /// <summary>The withdrawal a validated, normalised command records.</summary>
    public static CharterCapitalWithdrawn Withdrawn(WithdrawCharterCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value, c.Reason!, actor, now);

    public sealed record Decision(ProblemDetails? Refusal, CharterCapitalWithdrawn? Withdrawn);

    /// <summary>The pure decision over a validated, normalised command and the fund's ledger.</summary>
    public static Decision Decide(WithdrawCharterCapital c, FundCapitalLedger ledger, Guid entryId, Actor actor, Instant now) =>
        Refusal(c, ledger) is { } refused ? new(refused, null) : new(null, Withdrawn(c, entryId, actor, now));
}
