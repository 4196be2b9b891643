using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>How a figure is measured.</summary>
public enum FigureUnit { Dong, Count, Percent }

/// <summary>One number of the report, as the CSV and XLSX exports list it and as corrections compare it:
/// <see cref="Code"/> is stable (e.g. <c>outstanding.group.3</c>), <see cref="Label"/> Vietnamese.</summary>
public sealed record ReportFigure(string Code, string Section, string Label, decimal Value, FigureUnit Unit);

/// <summary>Loans and principal of one slice of the portfolio (a debt group, a term class, a category...).</summary>
public sealed record PortfolioSlice(string Key, string Name, int Loans, long Principal, long ProvisionRequired = 0);

/// <summary>Capital of other sources held at the date, by kind (Decree 45/2021 Art 32, 36).</summary>
public sealed record OtherCapitalLine(string Kind, string Name, long Amount);

/// <summary>The capital side. <see cref="CapitalSources"/> = charter capital paid in + other capital held;
/// <see cref="Equity"/> = actual charter capital + grants + development-investment fund (the equity of Art 32).</summary>
public sealed record CapitalSide(
    long CharterCapital,
    long RetainedResult,
    LocalDate? RetainedResultAsOf,
    long ActualCharterCapital,
    IReadOnlyList<OtherCapitalLine> OtherCapital,
    long OtherCapitalTotal,
    long CapitalSources,
    long Equity);

/// <summary>One month-end of the 12-month trend.</summary>
public sealed record TrendPoint(LocalDate MonthEnd, long Outstanding, long NonPerforming, decimal? NplRatioPercent);

/// <summary>A borrower's (or a related group's) exposure against its limit (Decree 45/2021 Art 23.2).</summary>
/// <param name="Exposure">Outstanding principal + commitments not yet disbursed at the date.</param>
public sealed record ExposureLine(string Key, string Name, int Borrowers, long Outstanding, long Committed, long Exposure, long Limit,
    long Headroom, bool WithinLimit);

/// <summary>Lending between <see cref="From"/> and <see cref="To"/>: loans with a tranche paid out, the amount and the
/// distinct cooperatives reached (a member's loan reaches its cooperative).</summary>
public sealed record LendingInPeriod(LocalDate From, LocalDate To, int Loans, long Amount, int Cooperatives);

/// <summary>
/// The cash reconciliation, which must hold to the đồng: assets (cash + outstanding principal) = capital sources
/// (charter capital paid in + other capital) + results (interest and penalty interest received) + amounts held for
/// borrowers (repaid in excess, refundable). Provisions move no cash and stay outside it; the retained result is a
/// balance of the closed books, counted in the actual charter capital, not in cash.
/// </summary>
public sealed record Reconciliation(
    long SumOfGroups,
    long Outstanding,
    bool GroupsMatchOutstanding,
    long Cash,
    long Assets,
    long CapitalSources,
    long InterestReceived,
    long PenaltyInterestReceived,
    long HeldForBorrowers,
    long SourcesAndResults,
    long Difference,
    bool Balanced,
    long Recovered = 0,
    long PrincipalOffBalance = 0);

/// <summary>
/// Interest charged and unpaid at the date (contractual and penalty), on the accrual basis of Circular 52/2022/TT-BTC
/// Art 5.2: <see cref="OnBalance"/> is accrued income of loans in debt group 1 (lãi dự thu nội bảng);
/// <see cref="OffBalance"/> is tracked off the balance sheet for the other loans (<see cref="LoansOffBalance"/> of them),
/// income only when paid. Neither is cash: the <see cref="Reconciliation"/> (cash basis) does not contain them.
/// </summary>
public sealed record InterestReceivable(long OnBalance, long OffBalance, int LoansOffBalance);

/// <summary>
/// Báo cáo an toàn vốn: the fund's capital safety at the end of <see cref="AsOf"/>, computed with the Lending engine
/// from the fund's events with sequence ≤ <see cref="HighestSequence"/> and the policy version in force then.
/// Money in whole đồng; ratios in percent with two decimals.
/// </summary>
public sealed record CapitalAdequacyReport
{
    public required string FundId { get; init; }
    public required string FundName { get; init; }
    public required LocalDate AsOf { get; init; }
    public required int PolicyVersion { get; init; }
    public required long HighestSequence { get; init; }

    public required CapitalSide Capital { get; init; }
    public required long Cash { get; init; }
    public required long Committed { get; init; }
    public required long AvailableToLend { get; init; }

    public required int Loans { get; init; }
    public required long Outstanding { get; init; }
    public required IReadOnlyList<PortfolioSlice> ByDebtGroup { get; init; }
    public required IReadOnlyList<PortfolioSlice> ByTermClass { get; init; }
    public required long NonPerforming { get; init; }
    public required decimal? NplRatioPercent { get; init; }
    public required IReadOnlyList<TrendPoint> Trend { get; init; }

    public required long ProvisionsRequired { get; init; }
    /// <summary>The deductible value of the collateral pledged to the loans at the as-of date, as known at the report's
    /// event sequence (Σ value × deduction rate × share), which the specific provisions are net of. 0 in reports stored
    /// before the collateral register existed.</summary>
    public long DeductibleCollateral { get; init; }
    public required long ProvisionsBooked { get; init; }
    /// <summary>Required − booked: positive when the books hold less than the classification requires.</summary>
    public required long ProvisionShortfall { get; init; }
    /// <summary>Provisions used against the principal of loans taken off the balance sheet, up to the as-of date.</summary>
    public long ProvisionsUsed { get; init; }
    /// <summary>Provisions held: booked − used (what the shortfall compares the required provisions with).</summary>
    public long ProvisionsHeld { get; init; }
    /// <summary>Principal of loans taken off the balance sheet (provisions used), tracked off-balance and left out of
    /// <see cref="Outstanding"/>: the borrowers still owe it.</summary>
    public long OffBalancePrincipal { get; init; }
    /// <summary>Loans tracked off the balance sheet at the as-of date.</summary>
    public int OffBalanceLoans { get; init; }
    /// <summary>Money recovered on loans off the balance sheet (recovery income), up to the as-of date.</summary>
    public long Recovered { get; init; }

    public required decimal SingleBorrowerLimitPercent { get; init; }
    public required decimal RelatedGroupLimitPercent { get; init; }
    public required long SingleBorrowerLimit { get; init; }
    public required long RelatedGroupLimit { get; init; }
    public required IReadOnlyList<ExposureLine> LargestBorrowers { get; init; }
    public required IReadOnlyList<ExposureLine> LargestGroups { get; init; }

    /// <summary>Outstanding principal / equity (Decree 45/2021 Art 46.2: below 20 % for five consecutive years, with a
    /// C rating, is a dissolution trigger; the report flags the date it shows).</summary>
    public required decimal? OutstandingToEquityPercent { get; init; }
    public required decimal DissolutionThresholdPercent { get; init; }
    public required bool BelowDissolutionThreshold { get; init; }

    public required IReadOnlyList<PortfolioSlice> ByPriority { get; init; }
    public required IReadOnlyList<PortfolioSlice> ByBorrowerType { get; init; }
    public required IReadOnlyList<PortfolioSlice> ByDistrict { get; init; }
    public required IReadOnlyList<PortfolioSlice> BySector { get; init; }

    public required LendingInPeriod LendingInMonth { get; init; }
    public required LendingInPeriod LendingInYear { get; init; }

    public required Reconciliation Reconciliation { get; init; }

    /// <summary>Interest receivable on and off the balance sheet at the date (accrual basis); null in reports archived
    /// before it was reported.</summary>
    public InterestReceivable? Interest { get; init; }

    /// <summary>Every number above as one list (the CSV and XLSX rows; what a correction compares).</summary>
    public required IReadOnlyList<ReportFigure> Figures { get; init; }
}
