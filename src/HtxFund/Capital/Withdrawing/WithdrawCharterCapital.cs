using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    /// <summary>Records a charter capital withdrawal. Refused when charter capital would be negative on its value
    /// date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [HtxFund.Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/capital/withdrawals", OperationId = "withdrawCharterCapital")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalEntryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Task<IResult> Post(WithdrawCharterCapital command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, HttpContext http, CancellationToken ct)
    {
        var c = command.Normalised();
        var entryId = CapitalRecording.EntryIdFor(http);
        return CapitalRecording.RecordAsync(c, new WithdrawCharterCapital.Validator(time.Today), session, time.Today, entryId, ledger =>
        {
            var decision = Decide(c, ledger, entryId, user.ToActor(), time.Now);
            return (decision.Refusal, decision.Withdrawn);
        }, ct);
    }

    public sealed record Decision(ProblemDetails? Refusal, CharterCapitalWithdrawn? Withdrawn);

    /// <summary>The pure decision over a validated, normalised command and the fund's ledger.</summary>
    public static Decision Decide(WithdrawCharterCapital c, FundCapitalLedger ledger, Guid entryId, Actor actor, Instant now)
    {
        var amount = c.Amount.ToMoney();
        var valueDate = c.ValueDate!.Value;
        var available = ledger.LowestCharterCapitalFrom(valueDate);
        if (amount > available)
            return new(Problems.Unprocessable("capital.withdrawal_exceeds_charter_capital",
                $"Không thể rút {amount.ToDisplayString()}: vốn điều lệ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {available.ToDisplayString()}, "
                + "rút số tiền này sẽ làm vốn điều lệ bị âm.",
                new Dictionary<string, object?> { ["available"] = available.Dong }), null);
        var cash = ledger.LowestCashFrom(valueDate);
        if (amount > cash)
            return new(Problems.Unprocessable("capital.withdrawal_exceeds_cash",
                $"Không thể rút {amount.ToDisplayString()}: tiền mặt của quỹ từ ngày {valueDate:dd/MM/yyyy} trở đi thấp nhất là {cash.ToDisplayString()} "
                + "(phần còn lại đã giải ngân cho vay).",
                new Dictionary<string, object?> { ["availableCash"] = cash.Dong }), null);
        return new(null, new CharterCapitalWithdrawn(entryId, amount, c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, valueDate,
            c.Reason!, actor, now));
    }
}
