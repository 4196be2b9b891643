using HtxFund.Reference;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace HtxFund.Cooperatives.GettingDetails;

public sealed record CooperativeMemberView(
    Guid MemberId, string FullName, string? NationalId, MembershipKind Membership, bool IsEnterprise,
    string? OrganisationTaxCode, LocalDate? JoinedOn, Instant AddedAt);

/// <summary>The cooperative as people read it (inline projection, rebuildable from its stream).</summary>
public sealed record CooperativeDetails
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public CooperativeType Type { get; init; }
    public required string TaxCode { get; init; }
    public required string Province { get; init; }
    public required string District { get; init; }
    public required string Address { get; init; }
    public LocalDate RegistrationDate { get; init; }
    public required string LegalRepresentative { get; init; }
    public int MemberCount { get; init; }
    public required string MainSector { get; init; }
    public required PriorityFlags Priority { get; init; }
    public string? ContactEmail { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<CooperativeMemberView> Members { get; init; } = [];
    public Instant RegisteredAt { get; init; }
    /// <summary>Folded (no diacritics, lower case) name, tax code, representative and locality, for search.</summary>
    public string SearchText { get; init; } = "";
    public long Version { get; init; }
}

public sealed class CooperativeDetailsProjection : SingleStreamProjection<CooperativeDetails, Guid>
{
    public static CooperativeDetails Create(IEvent<CooperativeRegistered> @event)
    {
        var e = @event.Data;
        return new CooperativeDetails
        {
            Id = e.CooperativeId, Name = e.Name, Type = e.Type, TaxCode = e.TaxCode, Province = e.Province,
            District = e.District, Address = e.Address, RegistrationDate = e.RegistrationDate,
            LegalRepresentative = e.LegalRepresentative, MemberCount = e.MemberCount, MainSector = e.MainSector,
            Priority = e.Priority, ContactEmail = e.ContactEmail, Phone = e.Phone, RegisteredAt = e.RegisteredAt,
            SearchText = VietnameseText.Fold(string.Join(' ', e.Name, e.TaxCode, e.LegalRepresentative, e.District, e.Province)),
            Version = @event.Version,
        };
    }

    public static CooperativeDetails Apply(IEvent<CooperativeMemberAdded> @event, CooperativeDetails current)
    {
        var e = @event.Data;
        return current with
        {
            Members = [.. current.Members, new CooperativeMemberView(e.MemberId, e.FullName, e.NationalId, e.Membership,
                e.IsEnterprise, e.OrganisationTaxCode, e.JoinedOn, e.AddedAt)],
            Version = @event.Version,
        };
    }
}
