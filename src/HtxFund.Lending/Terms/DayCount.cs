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
    public static Money Interest(long dongDays, decimal annualRatePercent) =>
        Money.Round(dongDays * annualRatePercent / (100m * DaysPerYear));

    /// <summary>Interest on a constant <paramref name="balance"/> held for <paramref name="days"/> days.</summary>
    public static Money Interest(Money balance, int days, decimal annualRatePercent) =>
        Interest(checked(balance.Dong * days), annualRatePercent);
}
