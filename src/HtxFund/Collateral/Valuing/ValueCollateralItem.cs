using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace HtxFund.Collateral.Valuing;

/// <summary>A new valuation of an item: <see cref="Value"/> đồng on <see cref="ValuedOn"/> (not in the future), by
/// <see cref="Method"/> (market comparison, an independent valuer's report, the province's land price table...) and
/// <see cref="Valuer"/>. The earlier valuations stay in the item's history.</summary>
public sealed record ValueCollateralItem(long? Version, long? Value, LocalDate? ValuedOn, string? Method, string? Valuer)
{
    public sealed class Validator : AbstractValidator<ValueCollateralItem>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Value).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("value.required", "Vui lòng nhập giá trị định giá.")
                .GreaterThan(0).Refuse("value.not_positive", "Giá trị định giá phải lớn hơn 0.")
                .LessThanOrEqualTo(Capital.FundCapital.MaxAmount).Refuse("value.too_large", "Giá trị định giá không được vượt quá 10^15 đồng.");
            RuleFor(x => x.ValuedOn).PastDate("valued_on", "ngày định giá", today);
            RuleFor(x => x.Method).RequiredText("method", "phương pháp định giá", TextLimits.Name);
            RuleFor(x => x.Valuer).RequiredText("valuer", "người (tổ chức) định giá", TextLimits.Name);
        }
    }
}

public sealed record ValuationReceipt(Guid ValuationId);

public static class ValueCollateralItemEndpoint
{
    public static ProblemDetails Validate(Guid id, ValueCollateralItem command, IEventStream<CollateralItem> stream, ClaimsPrincipal user) =>
        CollateralRules.Writable(stream, id, command.Version, user);

    /// <summary>Records a valuation of the item (CreditOfficer). Answers 201 with the valuation's id.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/collateral-items/{id}/valuations", OperationId = "valueCollateralItem")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<ValuationReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events) Post(Guid id, ValueCollateralItem command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] CollateralItem? item, ClaimsPrincipal user, Instant now)
    {
        var valued = Decide(command, id, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/collateral-items/{id}", new ValuationReceipt(valued.ValuationId)), [valued]);
    }

    public static CollateralValued Decide(ValueCollateralItem c, Guid itemId, Guid valuationId, Actor actor, Instant now) =>
        new(itemId, valuationId, c.Value!.Value, c.ValuedOn!.Value, VietnameseText.Normalize(c.Method), VietnameseText.Normalize(c.Valuer), actor, now);
}
