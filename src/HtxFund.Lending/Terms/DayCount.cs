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

    /// <summary>Interest on <paramref name="dongDays"/> (Σ balance × days) at <paramref name="annualRatePercent"/> %/year, rounded half away from zero.</summary>
    public static Money Interest(long dongDays, decimal annualRatePercent)
    {
        if (dongDays == 0 || annualRatePercent == 0m)
            return Money.Zero;
        // Fast exact path for rates with at most 6 decimals (all real rates): integer arithmetic in 128 bits.
        var scaled = annualRatePercent * RateScale;
        if (dongDays > 0 && scaled > 0m && scaled == decimal.Truncate(scaled) && scaled <= long.MaxValue)
            return Money.Of(RoundHalfUp((Int128)dongDays * (long)scaled, Denominator));
        return Money.Round(dongDays * annualRatePercent / (100m * DaysPerYear));
    }

    private const long RateScale = 1_000_000;
    private static readonly Int128 Denominator = (Int128)100 * DaysPerYear * RateScale;

    private static long RoundHalfUp(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        return (long)(quotient.Remainder * 2 >= denominator ? quotient.Quotient + 1 : quotient.Quotient);
    }

    /// <summary>Interest on a constant <paramref name="balance"/> held for <paramref name="days"/> days.</summary>
    public static Money Interest(Money balance, int days, decimal annualRatePercent) =>
        Interest(checked(balance.Dong * days), annualRatePercent);
}
