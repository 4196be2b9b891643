using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using Marten;
using NodaTime;

namespace HtxFund.Borrowers;

/// <summary>
/// A borrower of the fund: a cooperative (or union of cooperatives) by id, or an individual member of a cooperative or
/// cooperative group (Decree 45/2021 Art 20.1.a) by cooperative id and member id.
/// </summary>
public sealed record BorrowerRef(Guid CooperativeId, Guid? MemberId = null)
{
    [JsonIgnore]
    public bool IsMember => MemberId is not null;

    /// <summary>A stable text key: <c>coop:{cooperativeId}</c> or <c>member:{cooperativeId}:{memberId}</c>.</summary>
    public string Key() => MemberId is { } member ? $"member:{CooperativeId}:{member}" : $"coop:{CooperativeId}";

    /// <summary>The cooperative itself, for a member; the same borrower, for a cooperative.</summary>
    public BorrowerRef AsCooperative() => new(CooperativeId);

    public override string ToString() => Key();
}

/// <summary>Why two borrowers are related persons (Law on Credit Institutions 2010 Art 4.28, via Decree 45/2021 Art 2.5).</summary>
public enum RelationKind
{
    /// <summary>The same person is the legal representative (or manager) of both.</summary>
    SameLegalRepresentative,
    /// <summary>One is a member of the other (a member of a cooperative, a cooperative of a union).</summary>
    MemberOfCooperative,
    /// <summary>Spouse, parent, child, sibling and the other relatives of Art 4.28.</summary>
    FamilyMember,
    /// <summary>The same owner controls both, or one holds a significant share of the other.</summary>
    CommonOwnership,
    /// <summary>Any other relation the fund judges relevant (described in the note).</summary>
    Other,
}

// ---- Events of the fund's related-party stream (one stream per fund). ----

public sealed record RelatedPartyLinkDeclared(
    Guid LinkId, BorrowerRef A, BorrowerRef B, RelationKind Kind, string Note, Actor By, Instant At);

public sealed record RelatedPartyLinkRemoved(Guid LinkId, string Reason, Actor By, Instant At);

/// <summary>A declared link; <see cref="RemovedAt"/> is set once removed (the link stays, for history).</summary>
public sealed record RelatedPartyLink(
    Guid LinkId, BorrowerRef A, BorrowerRef B, RelationKind Kind, string Note, Actor DeclaredBy, Instant DeclaredAt,
    Actor? RemovedBy = null, Instant? RemovedAt = null, string? RemovalReason = null)
{
    public bool IsActive => RemovedAt is null;

    public bool Touches(BorrowerRef borrower) => A == borrower || B == borrower;

    public BorrowerRef OtherThan(BorrowerRef borrower) => A == borrower ? B : A;

    /// <summary>Whether this link joins the same two borrowers (either way round) with the same kind.</summary>
    public bool SameAs(BorrowerRef a, BorrowerRef b, RelationKind kind) =>
        Kind == kind && ((A == a && B == b) || (A == b && B == a));
}

/// <summary>
/// The fund's related-party links folded from its stream (inline snapshot, one document per fund). A fund declares
/// links by the hundreds, not the millions, so one document read by id answers every group query.
/// </summary>
public sealed record RelatedPartyRegister
{
    public Guid Id { get; init; } = RelatedParties.StreamId;
    public ImmutableList<RelatedPartyLink> Links { get; init; } = [];

    public RelatedPartyRegister Apply(RelatedPartyLinkDeclared e) =>
        this with { Links = Links.Add(new(e.LinkId, e.A, e.B, e.Kind, e.Note, e.By, e.At)) };

    public RelatedPartyRegister Apply(RelatedPartyLinkRemoved e) => this with
    {
        Links = Links.Select(l => l.LinkId == e.LinkId ? l with { RemovedBy = e.By, RemovedAt = e.At, RemovalReason = e.Reason } : l)
            .ToImmutableList(),
    };

    public RelatedPartyLink? Find(Guid linkId) => Links.FirstOrDefault(l => l.LinkId == linkId);

    public IEnumerable<RelatedPartyLink> ActiveLinksOf(BorrowerRef borrower) => Links.Where(l => l.IsActive && l.Touches(borrower));
}

/// <summary>Where a fund's related-party links live, and the related group the lending limits use.</summary>
public static class RelatedParties
{
    /// <summary>The related-party stream of every fund (tenant-scoped, so one id serves each fund).</summary>
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0003");

    public static async Task<RelatedPartyRegister> RegisterAsync(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<RelatedPartyRegister>(StreamId, ct) ?? new RelatedPartyRegister();

    /// <summary>The borrower and its related persons for the group limit (Decree 45/2021 Art 23.2.b): itself, the
    /// borrowers its active declared links name, and implicitly its cooperative (for a member) or its members (for a
    /// cooperative); direct relations only (why: docs/design/related-parties.md). The session is already scoped to the fund.</summary>
    public static async Task<IReadOnlySet<BorrowerRef>> GroupOfAsync(IQuerySession session, BorrowerRef borrower, CancellationToken ct)
    {
        var register = await RegisterAsync(session, ct);
        var cooperative = await session.LoadAsync<CooperativeDetails>(borrower.CooperativeId, ct);
        return GroupOf(register, cooperative, borrower);
    }

    /// <summary>The pure rule behind <see cref="GroupOfAsync"/>: <paramref name="cooperative"/> is the borrower's
    /// cooperative (null when unknown in the fund).</summary>
    public static IReadOnlySet<BorrowerRef> GroupOf(RelatedPartyRegister register, CooperativeDetails? cooperative, BorrowerRef borrower)
    {
        var group = new HashSet<BorrowerRef> { borrower };
        foreach (var link in register.ActiveLinksOf(borrower)) group.Add(link.OtherThan(borrower));
        if (borrower.IsMember) group.Add(borrower.AsCooperative());
        else if (cooperative is not null)
            foreach (var member in cooperative.Members) group.Add(new BorrowerRef(cooperative.Id, member.MemberId));
        return group;
    }
}
