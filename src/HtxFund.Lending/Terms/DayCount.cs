using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// Interest arithmetic on the actual/365 basis of Circular 14/2017/TT-NHNN: a rate quoted in % per year,
/// a year of 365 days, interest = Σ(balance × days held × annual rate) / 365.
/// Balances × days are summed exactly as whole "đồng-days" and converted to đồng once, so splitting a period at any
/// date never changes the result.
/// </summary>
public static class DayCount
{
    /// <summary>Days in a year for rate conversion (Circular 14/2017/TT-NHNN).</summary>
    public const int DaysPerYear = 365;

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public static int DaysBetween(LocalDate from, LocalDate to) => Period.DaysBetween(from, to);

    /// <summary>Days since 01/01/0001 (<see cref="DateOnly.DayNumber"/>), for fast day arithmetic inside the engine.</summary>
    internal static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    /// <summary>Interest on <paramref name="dongDays"/> (Σ balance × days) at <paramref name="annualRatePercent"/> %/year, rounded half away from zero.</summary>
    public static Money Interest(long dongDays, decimal annualRatePercent) =>
        Money.Of(new AnnualRate(annualRatePercent).Interest(dongDays));

    /// <summary>Interest on a constant <paramref name="balance"/> held for <paramref name="days"/> days.</summary>
    public static Money Interest(Money balance, int days, decimal annualRatePercent) =>
        Interest(checked(balance.Dong * days), annualRatePercent);
}

/// <summary>
/// An annual rate prepared for repeated interest computations: rates with at most six decimals (all real rates) are
/// held as an integer number of millionths of a percent, so interest is computed with exact integer arithmetic
/// (64-bit when the product fits, 128-bit otherwise); other rates fall back to exact decimal arithmetic.
/// Rounding is half away from zero in every path.
/// </summary>
internal readonly struct AnnualRate
{
    private const long Scale = 1_000_000;
    private const long Denominator = 100L * DayCount.DaysPerYear * Scale;

    private readonly decimal percent;
    private readonly long millionths;

    public AnnualRate(decimal percent)
    {
        this.percent = percent;
        var scaled = percent * Scale;
        millionths = scaled > 0m && scaled == decimal.Truncate(scaled) && scaled <= long.MaxValue ? (long)scaled : -1;
    }

    /// <summary>Interest in đồng on <paramref name="dongDays"/> (Σ balance × days), rounded half away from zero.</summary>
    public long Interest(long dongDays)
    {
        if (dongDays == 0 || percent == 0m)
            return 0;
        if (millionths <= 0 || dongDays < 0)
            return Money.Round(dongDays * percent / (100m * DayCount.DaysPerYear)).Dong;
        var high = Math.BigMul((ulong)dongDays, (ulong)millionths, out var low);
        if (high == 0 && low <= long.MaxValue)
        {
            var (quotient, remainder) = Math.DivRem((long)low, Denominator);
            return remainder * 2 >= Denominator ? quotient + 1 : quotient;
        }
        var (q, r) = UInt128.DivRem(new UInt128(high, low), Denominator);
        return (long)(r * 2 >= Denominator ? q + 1 : q);
    }
}
