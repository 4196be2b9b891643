using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using JasperFx.Events;
using NodaTime;

namespace HtxFund.Collateral;

/// <summary>The kinds of security a fund takes (Decree 45/2021 Art 26; Civil Code 2015 Art 292 and 335 for guarantees).</summary>
public enum CollateralType
{
    /// <summary>Quyền sử dụng đất: certificate, parcel and map sheet numbers.</summary>
    LandUseRight,
    /// <summary>Nhà ở, công trình xây dựng.</summary>
    House,
    /// <summary>Phương tiện vận tải: registration plate.</summary>
    Vehicle,
    /// <summary>Máy móc, thiết bị.</summary>
    Machinery,
    /// <summary>Hàng hóa tồn kho.</summary>
    GoodsInStock,
    /// <summary>Tiền gửi, sổ tiết kiệm.</summary>
    Deposit,
    /// <summary>Bảo lãnh của bên thứ ba.</summary>
    ThirdPartyGuarantee,
    /// <summary>Bảo lãnh của hợp tác xã cho thành viên vay.</summary>
    CooperativeGuarantee,
}

/// <summary>Why a pledge ended.</summary>
public enum PledgeReleaseReason
{
    /// <summary>Released by a credit officer (the loan was closed, or the application never became a loan).</summary>
    Manual,
    /// <summary>Released automatically when the loan was repaid in full (<see cref="Loans.LoanClosed"/>).</summary>
    LoanClosed,
}

/// <summary>The registration of the secured transaction (đăng ký biện pháp bảo đảm, Decree 99/2022/ND-CP).</summary>
public sealed record SecuredTransactionRegistration(string Office, string Number, LocalDate RegisteredOn);

// ---- Events: one stream per item (tenant-scoped like every stream), id = the item's id. ----

/// <summary>An item registered in the fund's register for the borrower whose debts it secures: the cooperative
/// (<paramref name="MemberId"/> null) or one of its members. A guarantee or a third party's asset names its guarantor or
/// owner in <paramref name="Owner"/>.</summary>
public sealed record CollateralItemRegistered(
    Guid ItemId,
    Guid CooperativeId,
    Guid? MemberId,
    CollateralType Type,
    string Owner,
    string Description,
    string? CertificateNumber,
    string? ParcelNumber,
    string? MapSheet,
    string? RegistrationPlate,
    SecuredTransactionRegistration? Registration,
    Actor By,
    Instant At,
    LocalDate BusinessDate);

/// <summary>A valuation of the item: a new one never replaces the old ones, which stay in the history.</summary>
public sealed record CollateralValued(Guid ItemId, Guid ValuationId, long Value, LocalDate ValuedOn, string Method, string Valuer, Actor By, Instant At);

/// <summary><paramref name="SharePercent"/> % of the item pledged to the loan <paramref name="LoanId"/> from <paramref name="PledgedOn"/>.</summary>
public sealed record CollateralPledged(Guid ItemId, Guid PledgeId, Guid LoanId, decimal SharePercent, LocalDate PledgedOn, Actor By, Instant At);

/// <summary>The pledge ended on <paramref name="ReleasedOn"/> (manually or because the loan closed).</summary>
public sealed record CollateralPledgeReleased(Guid ItemId, Guid PledgeId, Guid LoanId, LocalDate ReleasedOn, PledgeReleaseReason Reason, Actor By, Instant At);

// ---- The item as decisions and people read it (inline snapshot, one document per item). ----

/// <summary>A valuation with the stream version of its event: what a report cut at a global sequence knew (the versions of
/// the item's events up to the cut are read from the event log, <see cref="Reading.DeductibleCollateral"/>).</summary>
public sealed record CollateralValuationRecord(Guid ValuationId, long Value, LocalDate ValuedOn, string Method, string Valuer, string By,
    Instant At, long StreamVersion);

public sealed record CollateralPledgeRecord(Guid PledgeId, Guid LoanId, decimal SharePercent, LocalDate PledgedOn, string By, Instant At, long StreamVersion,
    LocalDate? ReleasedOn = null, PledgeReleaseReason? ReleaseReason = null, long? ReleaseStreamVersion = null)
{
    [JsonIgnore]
    public bool IsActive => ReleasedOn is null;
}

/// <summary>
/// A collateral item folded from its stream (inline snapshot): what it is, whose debts it secures, its valuations and
/// pledges. Each valuation, pledge and release keeps the stream version of its event, so the item as it was known when
/// the log ended at any global sequence (a report's <see cref="Reports.CapitalAdequacy.EventCut"/>) is this one document
/// cut at the last version of its stream by then (<see cref="AsKnownAt"/>). <see cref="PledgedLoanIds"/> (every loan it was ever pledged to) is what the register is
/// searched by, a batch of loans at a time.
/// </summary>
public sealed record CollateralItem
{
    public Guid Id { get; init; }
    public Guid CooperativeId { get; init; }
    public Guid? MemberId { get; init; }
    public CollateralType Type { get; init; }
    public string Owner { get; init; } = "";
    public string Description { get; init; } = "";
    public string? CertificateNumber { get; init; }
    public string? ParcelNumber { get; init; }
    public string? MapSheet { get; init; }
    public string? RegistrationPlate { get; init; }
    public SecuredTransactionRegistration? Registration { get; init; }
    public string RegisteredBy { get; init; } = "";
    public Instant RegisteredAt { get; init; }
    public ImmutableList<CollateralValuationRecord> Valuations { get; init; } = [];
    public ImmutableList<CollateralPledgeRecord> Pledges { get; init; } = [];
    public ImmutableList<Guid> PledgedLoanIds { get; init; } = [];
    public long Version { get; init; }

    /// <summary>The valuation with the latest date (of several on that date, the one recorded last); null before any.</summary>
    [JsonIgnore]
    public CollateralValuationRecord? LatestValuation => Valuations.IsEmpty ? null : Valuations.Aggregate((a, v) => v.ValuedOn >= a.ValuedOn ? v : a);

    [JsonIgnore]
    public decimal ActiveSharePercent => Pledges.Where(p => p.IsActive).Sum(p => p.SharePercent);

    public static CollateralItem Create(IEvent<CollateralItemRegistered> @event)
    {
        var e = @event.Data;
        return new CollateralItem
        {
            Id = e.ItemId, CooperativeId = e.CooperativeId, MemberId = e.MemberId, Type = e.Type, Owner = e.Owner,
            Description = e.Description, CertificateNumber = e.CertificateNumber, ParcelNumber = e.ParcelNumber, MapSheet = e.MapSheet,
            RegistrationPlate = e.RegistrationPlate, Registration = e.Registration, RegisteredBy = e.By.UserName, RegisteredAt = e.At,
        };
    }

    public CollateralItem Apply(IEvent<CollateralValued> @event) => this with
    {
        Valuations = Valuations.Add(new CollateralValuationRecord(@event.Data.ValuationId, @event.Data.Value, @event.Data.ValuedOn,
            @event.Data.Method, @event.Data.Valuer, @event.Data.By.UserName, @event.Data.At, @event.Version)),
    };

    public CollateralItem Apply(IEvent<CollateralPledged> @event) => this with
    {
        Pledges = Pledges.Add(new CollateralPledgeRecord(@event.Data.PledgeId, @event.Data.LoanId, @event.Data.SharePercent,
            @event.Data.PledgedOn, @event.Data.By.UserName, @event.Data.At, @event.Version)),
        PledgedLoanIds = PledgedLoanIds.Contains(@event.Data.LoanId) ? PledgedLoanIds : PledgedLoanIds.Add(@event.Data.LoanId),
    };

    public CollateralItem Apply(IEvent<CollateralPledgeReleased> @event) => this with
    {
        Pledges = Pledges.Select(p => p.PledgeId == @event.Data.PledgeId
            ? p with { ReleasedOn = @event.Data.ReleasedOn, ReleaseReason = @event.Data.Reason, ReleaseStreamVersion = @event.Version }
            : p).ToImmutableList(),
    };

    /// <summary>The item as it was when its stream ended at <paramref name="streamVersion"/>: the valuations and pledges
    /// recorded by then, a release recorded later undone; null when the stream had not started (version 0).</summary>
    public CollateralItem? AsKnownAt(long streamVersion) => streamVersion < 1 ? null : this with
    {
        Valuations = Valuations.Where(v => v.StreamVersion <= streamVersion).ToImmutableList(),
        Pledges = Pledges.Where(p => p.StreamVersion <= streamVersion)
            .Select(p => p.ReleaseStreamVersion is { } r && r > streamVersion ? p with { ReleasedOn = null, ReleaseReason = null, ReleaseStreamVersion = null } : p)
            .ToImmutableList(),
    };

    /// <summary>The pledges of this item to <paramref name="loanId"/> as the Lending engine reads them, at the deduction
    /// rate of the item's type under <paramref name="settings"/>.</summary>
    public IEnumerable<PledgedCollateral> PledgesTo(Guid loanId, CollateralSettings settings)
    {
        var valuations = Valuations.Select(v => new CollateralValuationPoint(v.ValuationId, Money.Of(v.Value), v.ValuedOn)).ToArray();
        return Pledges.Where(p => p.LoanId == loanId)
            .Select(p => new PledgedCollateral(Id, p.SharePercent, settings.RateFor(Type), p.PledgedOn, p.ReleasedOn, valuations));
    }
}
