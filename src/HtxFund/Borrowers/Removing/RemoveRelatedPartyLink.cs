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
    /// <summary>Removes a link of the fund. Removing a removed link is a harmless no-op; a link of another fund is 404.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director},{Roles.Admin}")]
    [WolverinePost("/api/borrowers/related-links/{linkId}/remove", OperationId = "removeRelatedPartyLink")]
    [Tags("Người có liên quan")]
    [ProducesResponseType<RelatedPartyLink>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Post(Guid linkId, RemoveRelatedPartyLink command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new RemoveRelatedPartyLink.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);

        var stream = await session.Events.FetchForWriting<RelatedPartyRegister>(RelatedParties.StreamId, ct);
        var register = stream.Aggregate ?? new RelatedPartyRegister();
        var link = register.Find(linkId);
        if (link is null)
            return Results.Problem(Problems.NotFound("related_link.not_found", $"Không tìm thấy quan hệ có mã {linkId} trong quỹ."));
        var removed = Decide(c, link, user.ToActor(), time.Now);
        if (removed is null) return Results.Ok(link);
        stream.AppendOne(removed);
        return Results.Ok(register.Apply(removed).Find(linkId));
    }

    /// <summary>The pure decision: an active link is removed; a removed one stays as it is (no event).</summary>
    public static RelatedPartyLinkRemoved? Decide(RemoveRelatedPartyLink c, RelatedPartyLink link, Actor actor, Instant now) =>
        link.IsActive ? new RelatedPartyLinkRemoved(link.LinkId, c.Reason!, actor, now) : null;
}
