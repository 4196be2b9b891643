using System.Security.Claims;
using FluentValidation;
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

namespace HtxFund.Capital.Withdrawing;

/// <summary>Records charter capital withdrawn from the fund (returned to the budget or reduced by decision).</summary>
public sealed record WithdrawCharterCapital(
    decimal? Amount, string? Source, string? DecisionNumber, LocalDate? DecisionDate, LocalDate? ValueDate, string? Reason)
    : ICapitalMovement
{
    public WithdrawCharterCapital Normalised() => this with
    {
        Source = VietnameseText.Normalize(Source), DecisionNumber = VietnameseText.Normalize(DecisionNumber),
        Reason = VietnameseText.Normalize(Reason),
    };

    public sealed class Validator(LocalDate today) : CapitalMovementValidator<WithdrawCharterCapital>(today, "lý do rút vốn");
}

public static class WithdrawCharterCapitalEndpoint
{
    public static Guid StreamId() => CapitalRecording.StreamId();

    /// <summary>422 when the withdrawal exceeds the charter capital or the fund's cash on its value date or any later one.</summary>
    public static ProblemDetails Validate(WithdrawCharterCapital command, CapitalBooking booking) =>
        Outflow.Check(command, booking);

    /// <summary>Records a charter capital withdrawal. Refused when charter capital would be negative on its value
    /// date or any later date.</summary>
    [Authorize(Roles = $"{Roles.Admin},{Roles.ChiefAccountant}")]
    [RequireIdempotencyKey]
    [BooksCapital(CapitalFlow.Outflow)]
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

    /// <summary>A withdrawal draws on the charter capital: the capital outflow rule (<see cref="CapitalOutflow"/>).</summary>
    public static readonly CapitalOutflow Outflow = new("rút", "vốn điều lệ", (ledger, from) => ledger.LowestCharterCapitalFrom(from),
        "capital.withdrawal_exceeds_charter_capital", ", rút số tiền này sẽ làm vốn điều lệ bị âm",
        "capital.withdrawal_exceeds_cash", " (phần còn lại đã giải ngân cho vay)");

    /// <summary>The withdrawal a validated, normalised command records.</summary>
    public static CharterCapitalWithdrawn Withdrawn(WithdrawCharterCapital c, Guid entryId, Actor actor, Instant now) =>
        new(entryId, c.Amount.ToMoney(), c.Source!, c.DecisionNumber!, c.DecisionDate!.Value, c.ValueDate!.Value, c.Reason!, actor, now);

    public sealed record Decision(ProblemDetails? Refusal, CharterCapitalWithdrawn? Withdrawn);

    /// <summary>The pure decision over a validated, normalised command and the fund's ledger.</summary>
    public static Decision Decide(WithdrawCharterCapital c, FundCapitalLedger ledger, Guid entryId, Actor actor, Instant now) =>
        Outflow.Refusal(c, ledger) is { } refused ? new(refused, null) : new(null, Withdrawn(c, entryId, actor, now));
}
