using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Collateral.Pledging;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace HtxFund.Collateral.Releasing;

/// <summary>Releases a pledge (giải chấp) on <see cref="ReleasedOn"/> (default today): only once its loan is closed, or
/// its application rejected or withdrawn. Closing a loan releases its pledges by itself (<see cref="ReleaseLoanPledges"/>).</summary>
public sealed record ReleaseCollateralPledge(long? Version, LocalDate? ReleasedOn)
{
    public sealed class Validator : AbstractValidator<ReleaseCollateralPledge>
    {
        public Validator(LocalDate today) => RuleFor(x => x.ReleasedOn).PastDate("released_on", "ngày giải chấp", today, required: false);
    }
}

public static class ReleaseCollateralPledgeEndpoint
{
    /// <summary>The loan of the pledge, looked up in the user's fund.</summary>
    public static async Task<PledgeTargetLookup> LoadAsync(Guid id, Guid pledgeId, IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<CollateralItem>(id, ct))?.Pledges.FirstOrDefault(p => p.PledgeId == pledgeId) is { } pledge
            ? new(await CollateralRules.TargetAsync(session, pledge.LoanId, ct))
            : new(null);

    public static ProblemDetails Validate(Guid id, Guid pledgeId, ReleaseCollateralPledge command, IEventStream<CollateralItem> stream,
        PledgeTargetLookup lookup, ClaimsPrincipal user, LocalDate today) =>
        CollateralRules.Writable(stream, id, command.Version, user) is var access && access != WolverineContinue.NoProblems ? access
        : CollateralRules.Release(stream.Aggregate!, pledgeId, lookup.Target) ?? ReleasedBeforePledged(stream.Aggregate!, pledgeId, command.ReleasedOn ?? today)
        ?? WolverineContinue.NoProblems;

    private static ProblemDetails? ReleasedBeforePledged(CollateralItem item, Guid pledgeId, LocalDate releasedOn) =>
        item.Pledges.Single(p => p.PledgeId == pledgeId).PledgedOn is var pledgedOn && releasedOn < pledgedOn
            ? Problems.Validation("releasedOn", "released_on.before_pledge", $"Ngày giải chấp không được trước ngày thế chấp {pledgedOn:dd/MM/yyyy}.")
            : null;

    /// <summary>Releases a pledge of a closed loan (CreditOfficer). Answers 204.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/collateral-items/{id}/pledges/{pledgeId}/release", OperationId = "releaseCollateralPledge")]
    [Tags("Tài sản bảo đảm")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [EmptyResponse]
    public static CollateralPledgeReleased Post(Guid id, Guid pledgeId, ReleaseCollateralPledge command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] CollateralItem? item, ClaimsPrincipal user, Instant now, LocalDate today) =>
        new(id, pledgeId, item!.Pledges.Single(p => p.PledgeId == pledgeId).LoanId, command.ReleasedOn ?? today, PledgeReleaseReason.Manual, user.ToActor(), now);
}
