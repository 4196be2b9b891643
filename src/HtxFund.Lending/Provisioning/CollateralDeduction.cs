using NodaTime;

namespace HtxFund.Lending;

/// <summary>One valuation of a collateral item: its value on <paramref name="ValuedOn"/>.</summary>
public sealed record CollateralValuationPoint(Guid ValuationId, Money Value, LocalDate ValuedOn);

/// <summary>
/// A collateral item pledged to one loan: the share of the item pledged to it (0–100 %), the deduction rate of the
/// item's type (fund policy, Decree 86/2024), when the pledge began and ended, and the item's valuations in the order
/// they were recorded. The caller passes only what was known at the moment it reads for (the events considered).
/// </summary>
public sealed record PledgedCollateral(
    Guid ItemId,
    decimal SharePercent,
    decimal DeductionRatePercent,
    LocalDate PledgedOn,
    LocalDate? ReleasedOn,
    IReadOnlyList<CollateralValuationPoint> Valuations);

/// <summary>What one pledged item contributed to a loan's deductible value: the valuation used, the rate and share
/// applied, and the deductible amount (value × rate × share, rounded down to whole đồng).</summary>
public sealed record CollateralDeductionLine(
    Guid ItemId,
    Guid ValuationId,
    Money Value,
    LocalDate ValuedOn,
    decimal DeductionRatePercent,
    decimal SharePercent,
    Money Deductible);

/// <summary>A loan's deductible collateral value at a cut-off date and the items it is made of.</summary>
public sealed record CollateralDeductionResult(Money Total, IReadOnlyList<CollateralDeductionLine> Lines)
{
    public static CollateralDeductionResult None { get; } = new(Money.Zero, []);
}

/// <summary>
/// The deductible value of the collateral securing a loan at a cut-off date, which the specific provision is charged
/// net of (Decree 86/2024/ND-CP: specific provision = rate × max(0, outstanding − deductible value)):
/// Σ over the items pledged to the loan at the date (pledged on or before it, not released by then) of the latest
/// valuation dated on or before it × the deduction rate of the item's type × the share of the item pledged to the loan.
/// An item with no valuation by then contributes nothing. Each line is rounded down to whole đồng, so the deductible
/// value never exceeds the exact product (the provision is never understated by rounding).
/// </summary>
public static class CollateralDeduction
{
    public static CollateralDeductionResult At(IEnumerable<PledgedCollateral> pledges, LocalDate cutOff)
    {
        ArgumentNullException.ThrowIfNull(pledges);
        var lines = new List<CollateralDeductionLine>();
        foreach (var pledge in pledges)
        {
            Check(pledge);
            if (pledge.PledgedOn > cutOff || pledge.ReleasedOn is { } released && released <= cutOff) continue;
            if (LatestOnOrBefore(pledge.Valuations, cutOff) is not { } valuation) continue;
            lines.Add(new CollateralDeductionLine(pledge.ItemId, valuation.ValuationId, valuation.Value, valuation.ValuedOn,
                pledge.DeductionRatePercent, pledge.SharePercent, Line(valuation.Value, pledge.DeductionRatePercent, pledge.SharePercent)));
        }
        return new CollateralDeductionResult(Money.Sum(lines.Select(l => l.Deductible)), lines);
    }

    /// <summary>value × rate % × share %, rounded down to whole đồng.</summary>
    public static Money Line(Money value, decimal deductionRatePercent, decimal sharePercent) =>
        Money.Round(value.Dong * deductionRatePercent / 100m * sharePercent / 100m, Rounding.Down);

    /// <summary>The last recorded valuation dated on or before <paramref name="cutOff"/> (of several on the same latest date,
    /// the one recorded last); null when there is none.</summary>
    public static CollateralValuationPoint? LatestOnOrBefore(IReadOnlyList<CollateralValuationPoint> valuations, LocalDate cutOff)
    {
        CollateralValuationPoint? latest = null;
        foreach (var v in valuations)
            if (v.ValuedOn <= cutOff && (latest is null || v.ValuedOn >= latest.ValuedOn)) latest = v;
        return latest;
    }

    private static void Check(PledgedCollateral pledge)
    {
        if (pledge.SharePercent is < 0 or > 100)
            throw new ArgumentException($"A pledged share must be between 0 and 100 % ({pledge.SharePercent}).", nameof(pledge));
        if (pledge.DeductionRatePercent is < 0 or > 100)
            throw new ArgumentException($"A deduction rate must be between 0 and 100 % ({pledge.DeductionRatePercent}).", nameof(pledge));
        if (pledge.Valuations.Any(v => v.Value.IsNegative))
            throw new ArgumentException("A collateral value cannot be negative.", nameof(pledge));
    }
}
