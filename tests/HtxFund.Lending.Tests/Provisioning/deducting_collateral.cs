using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Provisioning;

public class deducting_collateral
{
    private static readonly LocalDate CutOff = new(2027, 3, 31);
    private static readonly Guid Land = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Truck = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static CollateralValuationPoint V(long value, LocalDate on) => new(Guid.NewGuid(), M(value), on);

    [Fact]
    public void a_land_use_right_pledged_in_full_deducts_half_its_latest_value_before_the_cut_off()
    {
        // 300,000,000 ₫ valued on 20/11/2026, then 360,000,000 ₫ on 15/03/2027 and 600,000,000 ₫ on 02/04/2027 (after the cut-off):
        // 50 % × 360,000,000 × 100 % = 180,000,000 ₫
        var pledge = new PledgedCollateral(Land, 100m, 50m, new LocalDate(2026, 11, 22), null,
            [V(300_000_000, new LocalDate(2026, 11, 20)), V(360_000_000, new LocalDate(2027, 3, 15)), V(600_000_000, new LocalDate(2027, 4, 2))]);

        var result = CollateralDeduction.At([pledge], CutOff);

        result.Total.ShouldBe(M(180_000_000));
        var line = result.Lines.ShouldHaveSingleItem();
        (line.ItemId, line.Value, line.ValuedOn, line.DeductionRatePercent, line.SharePercent)
            .ShouldBe((Land, M(360_000_000), new LocalDate(2027, 3, 15), 50m, 100m));
    }

    [Fact]
    public void shares_and_rates_multiply_and_each_line_is_rounded_down()
    {
        // land 333,333,333 ₫ × 50 % × 40 % = 66,666,666.6 → 66,666,666 ₫; truck 100,000,001 ₫ × 30 % × 100 % = 30,000,000.3 → 30,000,000 ₫
        var result = CollateralDeduction.At(
        [
            new PledgedCollateral(Land, 40m, 50m, new LocalDate(2027, 1, 1), null, [V(333_333_333, new LocalDate(2027, 1, 1))]),
            new PledgedCollateral(Truck, 100m, 30m, new LocalDate(2027, 1, 1), null, [V(100_000_001, new LocalDate(2026, 12, 1))]),
        ], CutOff);

        result.Lines.Select(l => l.Deductible).ShouldBe([M(66_666_666), M(30_000_000)]);
        result.Total.ShouldBe(M(96_666_666));
    }

    [Fact]
    public void a_pledge_released_by_the_cut_off_a_pledge_made_after_it_and_an_item_not_yet_valued_deduct_nothing()
    {
        var valued = V(100_000_000, new LocalDate(2026, 1, 1));
        var result = CollateralDeduction.At(
        [
            new PledgedCollateral(Land, 100m, 50m, new LocalDate(2026, 6, 1), new LocalDate(2027, 3, 31), [valued]),
            new PledgedCollateral(Land, 100m, 50m, new LocalDate(2027, 4, 1), null, [valued]),
            new PledgedCollateral(Truck, 100m, 30m, new LocalDate(2026, 6, 1), null, [V(100_000_000, new LocalDate(2027, 4, 1))]),
        ], CutOff);

        result.ShouldBe(CollateralDeductionResult.None with { Lines = result.Lines });
        result.Total.ShouldBe(Money.Zero);
        result.Lines.ShouldBeEmpty();
    }

    [Fact]
    public void a_pledge_released_after_the_cut_off_still_counts_at_the_cut_off()
    {
        var result = CollateralDeduction.At(
            [new PledgedCollateral(Land, 100m, 100m, new LocalDate(2026, 6, 1), new LocalDate(2027, 4, 1), [V(50_000_000, new LocalDate(2026, 1, 1))])],
            CutOff);

        result.Total.ShouldBe(M(50_000_000));
    }

    [Fact]
    public void shares_or_rates_outside_0_to_100_percent_are_refused() =>
        Should.Throw<ArgumentException>(() => CollateralDeduction.At(
            [new PledgedCollateral(Land, 101m, 50m, new LocalDate(2026, 6, 1), null, [])], CutOff));
}

/// <summary>Random pledges of random items: value, rate, share, dates.</summary>
public static class CollateralPledges
{
    private static readonly LocalDate Epoch = new(2026, 1, 1);

    public static Gen<PledgedCollateral> Pledge { get; } =
        from rate in Gen.Choose(0, 10_000)
        from share in Gen.Choose(0, 10_000)
        from pledgedOffset in Gen.Choose(0, 700)
        from released in Gen.Elements<int?>(null, null, 100, 400, 800)
        from values in Gen.ListOf(
            from value in Gen.Choose(0, 2_000_000)
            from thousands in Gen.Choose(0, 999_999)
            from offset in Gen.Choose(0, 700)
            select new CollateralValuationPoint(Guid.NewGuid(), Money.Of(value * 1_000_000L + thousands), Epoch.PlusDays(offset)))
        select new PledgedCollateral(Guid.NewGuid(), share / 100m, rate / 100m, Epoch.PlusDays(pledgedOffset),
            released is { } r ? Epoch.PlusDays(pledgedOffset + r) : null, values.ToArray());

    public static Arbitrary<PledgedCollateral> OnePledge() => Pledge.ToArbitrary();
    public static Arbitrary<PledgedCollateral[]> Pledges() => Gen.ArrayOf(Pledge).ToArbitrary();
    public static Arbitrary<LocalDate> CutOffs() => Gen.Choose(0, 800).Select(d => Epoch.PlusDays(d)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(CollateralPledges)], MaxTest = 300)]
public class collateral_deduction_properties
{
    private static Money Ceiling(IEnumerable<PledgedCollateral> pledges, LocalDate cutOff) =>
        Money.Sum(pledges.Where(p => p.PledgedOn <= cutOff && (p.ReleasedOn is null || p.ReleasedOn > cutOff))
            .Select(p => CollateralDeduction.LatestOnOrBefore(p.Valuations, cutOff) is { } v ? Money.Round(v.Value.Dong * p.SharePercent / 100m, Rounding.Down) : Money.Zero));

    [Property]
    public bool the_deductible_value_is_never_negative_nor_above_the_pledged_shares_of_the_values(PledgedCollateral[] pledges, LocalDate cutOff)
    {
        var result = CollateralDeduction.At(pledges, cutOff);
        return !result.Total.IsNegative && result.Total <= Ceiling(pledges, cutOff)
            && result.Total == Money.Sum(result.Lines.Select(l => l.Deductible)) && result.Lines.All(l => !l.Deductible.IsNegative);
    }

    [Property]
    public bool the_deductible_value_never_falls_when_a_deduction_rate_rises(PledgedCollateral[] pledges, LocalDate cutOff, byte raise)
    {
        var raised = pledges.Select(p => p with { DeductionRatePercent = Math.Min(100m, p.DeductionRatePercent + raise / 10m) }).ToArray();
        return CollateralDeduction.At(raised, cutOff).Total >= CollateralDeduction.At(pledges, cutOff).Total;
    }

    [Property]
    public bool shares_of_one_item_adding_up_to_at_most_100_percent_deduct_at_most_the_item_at_its_rate(PledgedCollateral pledge, PositiveInt parts, LocalDate cutOff)
    {
        // the item split between n loans in equal shares (≤ 100 % together): the loans' deductible values together stay
        // within the value at the rate, never more than a single pledge of the same item in full
        var n = Math.Min(parts.Get, 7);
        var whole = pledge with { SharePercent = 100m };
        var split = Enumerable.Range(0, n).Select(_ => pledge with { SharePercent = decimal.Round(100m / n, 2, MidpointRounding.ToZero) });
        var together = Money.Sum(split.Select(p => CollateralDeduction.At([p], cutOff).Total));
        return together <= CollateralDeduction.At([whole], cutOff).Total;
    }

    [Property]
    public bool only_what_is_pledged_at_the_cut_off_and_valued_by_then_counts(PledgedCollateral[] pledges, LocalDate cutOff) =>
        CollateralDeduction.At(pledges, cutOff).Lines.All(l =>
            pledges.Single(p => p.ItemId == l.ItemId) is var p && p.PledgedOn <= cutOff && (p.ReleasedOn is null || p.ReleasedOn > cutOff)
            && l.ValuedOn <= cutOff && p.Valuations.All(v => v.ValuedOn > cutOff || v.ValuedOn <= l.ValuedOn));
}
