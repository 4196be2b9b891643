using FsCheck;
using FsCheck.Xunit;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Terms;

public class counting_interest_days
{
    [Fact]
    public void interest_is_balance_times_days_times_rate_over_365()
    {
        // 100,000,000 ₫ for 365 days at 7.3 % = 7,300,000 ₫; for 1 day = 20,000 ₫.
        DayCount.Interest(M(100_000_000), 365, 7.3m).ShouldBe(M(7_300_000));
        DayCount.Interest(M(100_000_000), 1, 7.3m).ShouldBe(M(20_000));
        DayCount.DaysBetween(D(2025, 1, 10), D(2025, 2, 10)).ShouldBe(31);
    }

    [Fact]
    public void a_half_dong_rounds_away_from_zero()
    {
        // 1 ₫ × 1 day at 18,250 % would be 0.5 ₫; with a legal rate: 73 ₫ × 25 days × 10 % / 36,500 = 0.5 ₫ → 1 ₫.
        DayCount.Interest(M(73), 25, 10m).ShouldBe(M(1));
        DayCount.Interest(M(73), 24, 10m).ShouldBe(M(0));
    }

    [Property(MaxTest = 200)]
    public bool the_integer_path_agrees_with_decimal_arithmetic(PositiveInt balanceThousands, PositiveInt days, PositiveInt rateMillionths)
    {
        var dongDays = (long)balanceThousands.Get * 1_000 * (days.Get % 20_000);
        var rate = rateMillionths.Get % 100_000_000 / 1_000_000m;
        return DayCount.Interest(dongDays, rate) == Money.Round(dongDays * rate / 36_500m);
    }

    [Fact]
    public void rates_with_more_than_six_decimals_still_compute_exactly()
    {
        var rate = 6.1234567m;
        DayCount.Interest(1_000_000_000_000, rate).ShouldBe(Money.Round(1_000_000_000_000m * rate / 36_500m));
    }
}
