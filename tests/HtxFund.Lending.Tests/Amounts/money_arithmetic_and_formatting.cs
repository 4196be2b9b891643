namespace HtxFund.Lending.Tests.Amounts;

public class money_arithmetic_and_formatting
{
    [Theory]
    [InlineData(1_500_000_000, "1.500.000.000 ₫")]
    [InlineData(0, "0 ₫")]
    [InlineData(999, "999 ₫")]
    [InlineData(1_000, "1.000 ₫")]
    [InlineData(-2_500_000, "-2.500.000 ₫")]
    public void amounts_display_with_dot_thousands_and_the_dong_sign(long dong, string expected)
    {
        Money.Of(dong).ToDisplayString().ShouldBe(expected);
        Money.Of(dong).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("2.5", Rounding.HalfAwayFromZero, 3)]
    [InlineData("-2.5", Rounding.HalfAwayFromZero, -3)]
    [InlineData("2.5", Rounding.HalfToEven, 2)]
    [InlineData("2.9", Rounding.Down, 2)]
    [InlineData("2.1", Rounding.Up, 3)]
    [InlineData("-2.1", Rounding.Up, -3)]
    [InlineData("2.4999999999", Rounding.HalfAwayFromZero, 2)]
    public void decimal_amounts_round_to_whole_dong_explicitly(string amount, Rounding rounding, long expected)
    {
        Money.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), rounding).ShouldBe(Money.Of(expected));
    }

    [Fact]
    public void percentages_round_half_away_from_zero_by_default()
    {
        // 0.75 % of 1,000,000,066 = 7,500,000.495 → 7,500,000; 2 % of 25 = 0.5 → 1.
        Money.Of(1_000_000_066).Percent(0.75m).ShouldBe(Money.Of(7_500_000));
        Money.Of(25).Percent(2m).ShouldBe(Money.Of(1));
        Money.Of(25).Percent(2m, Rounding.Down).ShouldBe(Money.Zero);
    }

    [Fact]
    public void arithmetic_is_exact_and_overflow_throws()
    {
        (Money.Of(300) + Money.Of(200) - Money.Of(50)).ShouldBe(Money.Of(450));
        (Money.Of(7) * 3).ShouldBe(Money.Of(21));
        Money.Sum([Money.Of(1), Money.Of(2), Money.Of(3)]).ShouldBe(Money.Of(6));
        Should.Throw<OverflowException>(() => Money.Of(long.MaxValue) + Money.Of(1));
    }
}
