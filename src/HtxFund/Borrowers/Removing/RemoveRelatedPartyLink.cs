using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Borrowers.Removing;

/// <summary>Removes a declared link (it was wrong, or the relation ended), with the reason.</summary>
public sealed record RemoveRelatedPartyLink(string? Reason)
{
    public RemoveRelatedPartyLink Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    public sealed class Validator : AbstractValidator<RemoveRelatedPartyLink>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText("reason", "lý do gỡ bỏ quan hệ", TextLimits.Note);
    }
}

public static class RemoveRelatedPartyLinkEndpoint
{
    /// <summary>The fund's related-party stream (one per fund; tenant-scoped).</summary>
    public static Guid RegisterId() => RelatedParties.StreamId;

    /// <summary>A link of another fund (or none) is not found.</summary>
    public static ProblemDetails Validate(Guid linkId, [Aggregate(Required = false, FromMethod = nameof(RegisterId))] RelatedPartyRegister? register) =>
        register?.Find(linkId) is null
            ? Problems.NotFound("related_link.not_found", $"Không tìm thấy quan hệ có mã {linkId} trong quỹ.")
            : WolverineContinue.NoProblems;

    /// <summary>Removes a link of the fund. Removing a removed link is a harmless no-op; a link of another fund is 404.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.Admin}")]
    [WolverinePost("/api/borrowers/related-links/{linkId}/remove", OperationId = "removeRelatedPartyLink")]
    [Tags("Người có liên quan")]
    [ProducesResponseType<RelatedPartyLink>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, Events) Post(Guid linkId, RemoveRelatedPartyLink command,
        [Aggregate(Required = false, FromMethod = nameof(RegisterId))] RelatedPartyRegister? register, ClaimsPrincipal user, Instant now)
    {
        var link = register!.Find(linkId)!;
        if (Decide(command.Normalised(), link, user.ToActor(), now) is not { } removed) return (Results.Ok(link), []);
        return (Results.Ok(register.Apply(removed).Find(linkId)), [removed]);
    }

    /// <summary>The pure decision: an active link is removed; a removed one stays as it is (no event).</summary>
    public static RelatedPartyLinkRemoved? Decide(RemoveRelatedPartyLink c, RelatedPartyLink link, Actor actor, Instant now) =>
        link.IsActive ? new RelatedPartyLinkRemoved(link.LinkId, c.Reason!, actor, now) : null;
}
