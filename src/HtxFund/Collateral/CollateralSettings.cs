namespace HtxFund.Collateral;

/// <summary>
/// The deduction rates (tỷ lệ khấu trừ) of collateral by type, fund policy: the highest share of an item's value that
/// may be deducted from a loan's outstanding principal before the specific provision is charged. Defaults: the maximum
/// rates that go with the provision rates of Decree 86/2024/ND-CP (deposits 100 %, real estate including land use
/// rights 50 %, other assets 30 %); guarantees are not assets of the borrower and deduct nothing (0 %). Where a rate is
/// unconfirmed, docs/domain-defaults.md says so; every rate is editable on the admin policy page.
/// <para><see cref="MinimumCoverage"/>: the coverage (deductible value / proposed amount) an application must reach before
/// it is recommended for approval, by amount band; none by default (Decree 45/2021 Art 26 allows unsecured lending as
/// agreed with the customer). An application the Director exempted (Art 31.2) needs none.</para>
/// </summary>
public sealed record CollateralSettings(
    decimal LandUseRightPercent,
    decimal HousePercent,
    decimal VehiclePercent,
    decimal MachineryPercent,
    decimal GoodsInStockPercent,
    decimal DepositPercent,
    decimal ThirdPartyGuaranteePercent,
    decimal CooperativeGuaranteePercent,
    IReadOnlyList<CoverageBand>? MinimumCoverage = null)
{
    public const int MaxCoverageBands = 10;

    /// <summary>The minimum coverage (%) an amount needs: that of the band with the highest lower bound at or below it;
    /// null when no band applies.</summary>
    public decimal? RequiredCoveragePercent(long amount) =>
        (MinimumCoverage ?? []).Where(b => b.FromAmount <= amount).OrderByDescending(b => b.FromAmount).FirstOrDefault()?.MinimumPercent;

    /// <summary>Bands in increasing order of amount, each from 0 đồng to 10^15, each minimum 0–500 % with two decimals at most.</summary>
    public bool CoverageBandsValid => MinimumCoverage is not { } bands || (bands.Count <= MaxCoverageBands
        && bands.All(b => b is not null && b.FromAmount is >= 0 and <= Capital.FundCapital.MaxAmount && b.MinimumPercent is >= 0 and <= 500
            && b.MinimumPercent == decimal.Round(b.MinimumPercent, 2))
        && bands.Zip(bands.Skip(1)).All(p => p.Second.FromAmount > p.First.FromAmount));

    public static CollateralSettings Default { get; } = new(50m, 50m, 30m, 30m, 30m, 100m, 0m, 0m);

    public decimal RateFor(CollateralType type) => type switch
    {
        CollateralType.LandUseRight => LandUseRightPercent,
        CollateralType.House => HousePercent,
        CollateralType.Vehicle => VehiclePercent,
        CollateralType.Machinery => MachineryPercent,
        CollateralType.GoodsInStock => GoodsInStockPercent,
        CollateralType.Deposit => DepositPercent,
        CollateralType.ThirdPartyGuarantee => ThirdPartyGuaranteePercent,
        CollateralType.CooperativeGuarantee => CooperativeGuaranteePercent,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown collateral type."),
    };

    public IEnumerable<decimal> Rates =>
        [LandUseRightPercent, HousePercent, VehiclePercent, MachineryPercent, GoodsInStockPercent, DepositPercent, ThirdPartyGuaranteePercent,
            CooperativeGuaranteePercent];
}

/// <summary>Applications of <paramref name="FromAmount"/> đồng or more need a coverage of at least <paramref name="MinimumPercent"/> %.</summary>
public sealed record CoverageBand(long FromAmount, decimal MinimumPercent);

public static class CollateralTypes
{
    public static string DisplayName(this CollateralType type) => type switch
    {
        CollateralType.LandUseRight => "Quyền sử dụng đất",
        CollateralType.House => "Nhà ở, công trình xây dựng",
        CollateralType.Vehicle => "Phương tiện vận tải",
        CollateralType.Machinery => "Máy móc, thiết bị",
        CollateralType.GoodsInStock => "Hàng hóa tồn kho",
        CollateralType.Deposit => "Tiền gửi",
        CollateralType.ThirdPartyGuarantee => "Bảo lãnh của bên thứ ba",
        CollateralType.CooperativeGuarantee => "Bảo lãnh của hợp tác xã cho thành viên",
        _ => type.ToString(),
    };
}
