using NodaTime;

namespace HtxFund.Lending;

/// <summary>How often instalments fall due.</summary>
public enum RepaymentFrequency
{
    Monthly,
    Quarterly,
    SemiAnnual,

    /// <summary>One instalment of principal and interest at maturity.</summary>
    AtMaturity,
}

/// <summary>How principal is spread over the instalments.</summary>
public enum RepaymentMethod
{
    /// <summary>Equal principal each instalment, interest on the declining balance (the common Vietnamese method).</summary>
    EqualPrincipal,

    /// <summary>Equal instalments of principal plus interest (annuity).</summary>
    Annuity,

    /// <summary>All principal at maturity; interest each period.</summary>
    Bullet,

    /// <summary>Due dates and principal amounts agreed one by one with the borrower.</summary>
    Custom,
}

/// <summary>
/// Day-counting option of Circular 14/2017/TT-NHNN (effective 01/01/2018). Interest = Σ(balance × days × annual rate) / 365
/// under both options; they differ in which day of a period is counted and which balance a day uses.
/// </summary>
public enum DayCountBasis
{
    /// <summary>
    /// Option (a): exclude the first day, include the last; each day uses the balance at the start of the day. A payment on
    /// day d reduces interest from day d + 1; a valuation as of d includes day d at the start-of-day balance.
    /// </summary>
    ExcludeFirstIncludeLast,

    /// <summary>
    /// Option (b): include the first day, exclude the last; each day uses the balance at the end of the day. A disbursement
    /// on day d bears interest for day d; a valuation as of d includes day d at the end-of-day balance.
    /// </summary>
    IncludeFirstExcludeLast,
}

/// <summary>What a prepayment of principal does to the instalments still to come.</summary>
public enum PrepaymentMode
{
    /// <summary>Reduce the last instalments first, so the loan ends earlier; the next instalments stay as they were.</summary>
    ShortenTerm,

    /// <summary>Keep the term and lower every remaining instalment in proportion.</summary>
    ReduceInstalments,
}

/// <summary>A principal amount agreed to fall due on a date (custom schedules and restructurings).</summary>
public readonly record struct PlannedPrincipal(LocalDate DueDate, Money Principal);

/// <summary>Helpers for repayment frequencies.</summary>
public static class RepaymentFrequencyExtensions
{
    /// <summary>Months between instalments; for <see cref="RepaymentFrequency.AtMaturity"/>, the whole term.</summary>
    public static int MonthsPerPeriod(this RepaymentFrequency frequency, int termMonths) => frequency switch
    {
        RepaymentFrequency.Monthly => 1,
        RepaymentFrequency.Quarterly => 3,
        RepaymentFrequency.SemiAnnual => 6,
        RepaymentFrequency.AtMaturity => termMonths,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown repayment frequency."),
    };
}
