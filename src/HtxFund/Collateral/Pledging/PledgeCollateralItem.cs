using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace HtxFund.Collateral.Pledging;

/// <summary>Pledges <see cref="SharePercent"/> % of the item to the loan (or the application) <see cref="LoanId"/> of the
/// item's own borrower, from <see cref="PledgedOn"/> (default today). The item's active pledges may not exceed 100 %.</summary>
public sealed record PledgeCollateralItem(long? Version, Guid? LoanId, decimal? SharePercent, LocalDate? PledgedOn)
{
    public sealed class Validator : AbstractValidator<PledgeCollateralItem>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.LoanId).NotNull().Refuse("loan_id.required", "Vui lòng chọn khoản vay được bảo đảm.");
            RuleFor(x => x.SharePercent).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("share_percent.required", "Vui lòng nhập tỷ lệ tài sản thế chấp cho khoản vay (%).")
                .Must(s => s > 0 && s <= 100).Refuse("share_percent.out_of_range", "Tỷ lệ thế chấp phải lớn hơn 0 và không quá 100 %.")
                .Must(s => s == decimal.Round(s!.Value, 2)).Refuse("share_percent.precision", "Tỷ lệ thế chấp có tối đa hai chữ số thập phân.");
            RuleFor(x => x.PledgedOn).PastDate("pledged_on", "ngày thế chấp", today, required: false);
        }
    }
}

/// <summary>The loan a command names, looked up in the user's fund (null: none).</summary>
public sealed record PledgeTargetLookup(PledgeTarget? Target);

public sealed record PledgeReceipt(Guid PledgeId);

public static class PledgeCollateralItemEndpoint
{
    public static async Task<PledgeTargetLookup> LoadAsync(PledgeCollateralItem command, IQuerySession session, CancellationToken ct) =>
        new(await CollateralRules.TargetAsync(session, command.LoanId!.Value, ct));

    public static ProblemDetails Validate(Guid id, PledgeCollateralItem command, IEventStream<CollateralItem> stream, PledgeTargetLookup lookup,
        ClaimsPrincipal user) =>
        CollateralRules.Writable(stream, id, command.Version, user) is var access && access != WolverineContinue.NoProblems ? access
        : CollateralRules.Pledge(stream.Aggregate!, command.LoanId!.Value, lookup.Target, command.SharePercent!.Value) ?? WolverineContinue.NoProblems;

    /// <summary>Pledges a share of the item to a loan of its borrower (CreditOfficer). Answers 201 with the pledge's id.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/collateral-items/{id}/pledges", OperationId = "pledgeCollateralItem")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType<PledgeReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, PledgeCollateralItem command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] CollateralItem? item, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var pledged = new CollateralPledged(id, Guid.CreateVersion7(), command.LoanId!.Value, command.SharePercent!.Value, command.PledgedOn ?? today,
            user.ToActor(), now);
        return (Results.Created($"/api/collateral-items/{id}", new PledgeReceipt(pledged.PledgeId)), [pledged]);
    }
}
