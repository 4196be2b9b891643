using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Borrowers.GettingRelated;

/// <summary>Why a borrower is in the group: a declared link (with its id) or membership (implicit, no link).</summary>
public sealed record Relation(RelationKind Kind, bool Implicit, Guid? LinkId, string? Note);

public sealed record RelatedBorrower(BorrowerRef Borrower, string Key, string Name, IReadOnlyList<Relation> Relations);

public sealed record RelatedBorrowers(BorrowerRef Borrower, string Key, string Name, IReadOnlyList<RelatedBorrower> Related);

public static class GetRelatedBorrowersEndpoint
{
    /// <summary>The borrowers related to a cooperative, or to one of its members: the group of the related-group limit
    /// (<see cref="RelatedParties.GroupOfAsync"/>) with the reason for each.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/borrowers/related", OperationId = "getRelatedBorrowers")]
    [Tags("Người có liên quan")]
    [ProducesResponseType<RelatedBorrowers>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid? cooperativeId, Guid? memberId, IQuerySession session, CancellationToken ct)
    {
        if (cooperativeId is not { } id || id == Guid.Empty)
            return Results.Problem(Problems.Validation("cooperativeId", "cooperative_id.required", "Vui lòng nhập mã tổ chức (cooperativeId)."));
        var borrower = new BorrowerRef(id, memberId);
        var found = await BorrowerLookup.FindAsync(session, borrower, ct);
        if (found is null) return Results.Problem(BorrowerLookup.NotFound(borrower));

        var register = await RelatedParties.RegisterAsync(session, ct);
        var group = RelatedParties.GroupOf(register, found.Cooperative, borrower);
        var links = register.ActiveLinksOf(borrower).ToArray();
        var cooperatives = (await session.LoadManyAsync<CooperativeDetails>(ct, group.Select(b => b.CooperativeId).Distinct()))
            .ToDictionary(c => c.Id);
        var related = new List<RelatedBorrower>();
        foreach (var other in group.Where(b => b != borrower).OrderBy(b => b.Key(), StringComparer.Ordinal))
        {
            var relations = links.Where(l => l.OtherThan(borrower) == other)
                .Select(l => new Relation(l.Kind, false, l.LinkId, l.Note)).ToList();
            if (other.CooperativeId == borrower.CooperativeId && other.IsMember != borrower.IsMember)
                relations.Insert(0, new Relation(RelationKind.MemberOfCooperative, true, null, null));
            var name = cooperatives.GetValueOrDefault(other.CooperativeId) is { } cooperative ? BorrowerLookup.NameOf(cooperative, other) : "";
            related.Add(new(other, other.Key(), name, relations));
        }
        return Results.Ok(new RelatedBorrowers(borrower, borrower.Key(), found.Name, related));
    }
}
