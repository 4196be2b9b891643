namespace HtxFund.Lending.Portfolio;

/// <summary>A loan as portfolio at risk reads it: its outstanding principal (on the balance sheet) and its days past due
/// (of the oldest unpaid amount of principal or interest, <see cref="LoanValuation.DaysPastDue"/>).</summary>
public readonly record struct LoanAtRisk(long Outstanding, int DaysPastDue);

/// <summary>The portfolio at risk of a set of loans: the total outstanding and the outstanding of the loans past due over
/// each threshold.</summary>
public sealed record PortfolioAtRiskFigures(long Total, long Par1, long Par30, long Par90)
{
    public static readonly PortfolioAtRiskFigures Empty = new(0, 0, 0, 0);

    public long AtRisk(int threshold) => threshold switch
    {
        1 => Par1,
        30 => Par30,
        90 => Par90,
        _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The thresholds are 1, 30 and 90 days."),
    };

    public decimal? Par1Percent => PortfolioAtRisk.Percent(Par1, Total);
    public decimal? Par30Percent => PortfolioAtRisk.Percent(Par30, Total);
    public decimal? Par90Percent => PortfolioAtRisk.Percent(Par90, Total);

    public static PortfolioAtRiskFigures operator +(PortfolioAtRiskFigures a, PortfolioAtRiskFigures b) =>
        new(a.Total + b.Total, a.Par1 + b.Par1, a.Par30 + b.Par30, a.Par90 + b.Par90);
}

/// <summary>
/// Portfolio at risk (PAR): the <b>whole</b> outstanding principal of every loan with an amount past due <b>more than</b>
/// the threshold's days, over the total outstanding principal (CGAP, "Microfinance Consensus Guidelines: Definitions of
/// Selected Financial Terms, Ratios, and Adjustments for Microfinance", 2003: "PAR &gt; 30 days = outstanding balance of
/// loans with one or more installments of principal past due more than 30 days / gross loan portfolio"; the MIX Market
/// reports PAR &gt; 1, &gt; 30 and &gt; 90 days the same way). So a loan exactly 30 days late is in PAR1 and not in PAR30;
/// days past due are the Lending engine's (the oldest unpaid principal <b>or interest</b>, the count the debt groups use).
/// Pure: no I/O.
/// </summary>
public static class PortfolioAtRisk
{
    public static readonly IReadOnlyList<int> Thresholds = [1, 30, 90];

    /// <summary>Past due more than <paramref name="threshold"/> days (strictly).</summary>
    public static bool IsAtRisk(int daysPastDue, int threshold) => daysPastDue > threshold;

    /// <summary>What the loan adds to the outstanding at risk over <paramref name="threshold"/>: all its outstanding or nothing.</summary>
    public static long AtRisk(LoanAtRisk loan, int threshold) => IsAtRisk(loan.DaysPastDue, threshold) ? Math.Max(0, loan.Outstanding) : 0;

    public static PortfolioAtRiskFigures Of(LoanAtRisk loan)
    {
        var outstanding = Math.Max(0, loan.Outstanding);
        return new PortfolioAtRiskFigures(outstanding, AtRisk(loan, 1), AtRisk(loan, 30), AtRisk(loan, 90));
    }

    public static PortfolioAtRiskFigures Of(IEnumerable<LoanAtRisk> loans) =>
        loans.Aggregate(PortfolioAtRiskFigures.Empty, (sum, loan) => sum + Of(loan));

    /// <summary>Numerator / denominator in percent, rounded half away from zero to two decimals; null when the denominator is
    /// not positive (the rounding of the capital-adequacy report's NPL ratio).</summary>
    public static decimal? Percent(long numerator, long denominator) =>
        denominator > 0 ? Math.Round(numerator * 100m / denominator, 2, MidpointRounding.AwayFromZero) : null;
}
