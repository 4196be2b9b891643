using System.Collections.Immutable;
using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Cooperatives;

/// <summary>The three kinds of collective economic organisation of Law 17/2023/QH15 (Art 4.7, 4.8, 4.21).</summary>
public enum CooperativeType
{
    /// <summary>Tổ hợp tác: no legal personality, at least 2 members; it cannot borrow itself, its members can.</summary>
    ToHopTac,
    /// <summary>Hợp tác xã: a legal entity of at least 5 official members.</summary>
    HopTacXa,
    /// <summary>Liên hiệp hợp tác xã: a legal entity of at least 3 member cooperatives.</summary>
    LienHiepHopTacXa,
}

public enum MembershipKind
{
    /// <summary>Thành viên chính thức.</summary>
    Official,
    /// <summary>Thành viên liên kết.</summary>
    Associate,
}

/// <summary>Flags used for priority lending (Decree 45/2021 Art 20.1.b: priorities set by the province or VCA).</summary>
public sealed record PriorityFlags(
    bool WomenManaged = false,
    bool EthnicMinorityArea = false,
    bool OcopProduct = false,
    bool AgriculturalValueChain = false,
    bool HighTech = false)
{
    public static readonly PriorityFlags None = new();
}

public static class CooperativeTypes
{
    /// <summary>The legal minimum number of members (Law 17/2023 Art 4.7, 4.8, 4.21).</summary>
    public static int MinimumMembers(this CooperativeType type) => type switch
    {
        CooperativeType.ToHopTac => 2,
        CooperativeType.HopTacXa => 5,
        CooperativeType.LienHiepHopTacXa => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string DisplayName(this CooperativeType type) => type switch
    {
        CooperativeType.ToHopTac => "Tổ hợp tác",
        CooperativeType.HopTacXa => "Hợp tác xã",
        CooperativeType.LienHiepHopTacXa => "Liên hiệp hợp tác xã",
        _ => type.ToString(),
    };

    public static string MinimumMembersWording(this CooperativeType type) => type switch
    {
        CooperativeType.ToHopTac => "tổ hợp tác phải có ít nhất 2 thành viên",
        CooperativeType.HopTacXa => "hợp tác xã phải có ít nhất 5 thành viên chính thức",
        CooperativeType.LienHiepHopTacXa => "liên hiệp hợp tác xã phải có ít nhất 3 hợp tác xã thành viên",
        _ => type.ToString(),
    };
}

// ---- Events: past tense, with the actor, the instant and the business date. ----

public sealed record CooperativeRegistered(
    Guid CooperativeId,
    string Name,
    CooperativeType Type,
    string TaxCode,
    string Province,
    string District,
    string Address,
    LocalDate RegistrationDate,
    string LegalRepresentative,
    int MemberCount,
    string MainSector,
    PriorityFlags Priority,
    string? ContactEmail,
    string? Phone,
    Actor RegisteredBy,
    Instant RegisteredAt,
    LocalDate BusinessDate);

public sealed record CooperativeMemberAdded(
    Guid CooperativeId,
    Guid MemberId,
    string FullName,
    string? NationalId,
    MembershipKind Membership,
    bool IsEnterprise,
    string? OrganisationTaxCode,
    LocalDate? JoinedOn,
    Actor AddedBy,
    Instant AddedAt,
    LocalDate BusinessDate);

/// <summary>What decisions about a cooperative need; display data lives in <see cref="GettingDetails.CooperativeDetails"/>.</summary>
public sealed record Cooperative(
    Guid Id,
    string TaxCode,
    CooperativeType Type,
    ImmutableHashSet<string> MemberNationalIds,
    ImmutableHashSet<string> MemberTaxCodes)
{
    public static Cooperative Create(CooperativeRegistered e) =>
        new(e.CooperativeId, e.TaxCode, e.Type, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty);

    public Cooperative Apply(CooperativeMemberAdded e) => this with
    {
        MemberNationalIds = e.NationalId is { } id ? MemberNationalIds.Add(id) : MemberNationalIds,
        MemberTaxCodes = e.OrganisationTaxCode is { } tax ? MemberTaxCodes.Add(tax) : MemberTaxCodes,
    };
}
