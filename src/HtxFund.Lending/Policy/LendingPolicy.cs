using System.Collections.Immutable;

namespace HtxFund.Lending;

/// <summary>
/// Every parameter the lending engine applies, as one immutable, versioned value. Every function takes the policy it
/// applies, so a result can always be traced to the policy version that produced it.
/// Each property validates its value when set (also through <c>with</c>), against the legal caps where the law sets one.
/// Start from <see cref="Default"/> and change what the fund's internal lending regulation sets differently.
/// </summary>
public sealed record LendingPolicy
{
    /// <summary>Decree 45/2021 Art 25.1.b and Circular 39/2016 Art 13.4: overdue principal rate at most 150 % of the in-term rate.</summary>
    public const decimal MaxOverdueRatePercentOfInTermRate = 150m;

    /// <summary>Circular 39/2016/TT-NHNN Art 13.4: interest on late interest at most 10 %/year (adopted by analogy).</summary>
    public const decimal MaxLateInterestRatePercentPerYear = 10m;

    /// <summary>Decree 45/2021 Art 23.2.a: one customer's outstanding at most 15 % of actual charter capital.</summary>
    public const decimal MaxSingleBorrowerLimitPercent = 15m;

    /// <summary>Decree 45/2021 Art 23.2.b: a customer and related persons at most 25 % of actual charter capital.</summary>
    public const decimal MaxRelatedGroupLimitPercent = 25m;

    /// <summary>Decree 45/2021 Art 22.5: own equity at least 20 % of the total project or plan investment.</summary>
    public const decimal MinOwnEquityPercentOfProjectFloor = 20m;

    /// <summary>The default repayment waterfall (declared before <see cref="Default"/>, which uses it).</summary>
    public static ImmutableArray<AllocationBucket> DefaultWaterfall { get; } =
    [
        AllocationBucket.InterestOnLateInterest,
        AllocationBucket.InterestOnOverduePrincipal,
        AllocationBucket.OverdueInterest,
        AllocationBucket.OverduePrincipal,
        AllocationBucket.InterestDue,
        AllocationBucket.PrincipalDue,
        AllocationBucket.Prepayment,
    ];

    /// <summary>The defaults of DOMAIN.md, version 1.</summary>
    public static LendingPolicy Default { get; } = new();

    /// <summary>The policy version, recorded with every decision and valuation that used it. At least 1.</summary>
    public int Version
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentException($"A policy version must be at least 1, not {value}.", nameof(Version));
    } = 1;

    /// <summary>Working days for moving due dates. Default: <see cref="VietnamPublicHolidays.Calendar"/> (version 1: Vietnam's public
    /// holidays computed for every year from the Labour Code's rules, with the announcements of 2025 and 2026; Saturday–Sunday
    /// weekends). A fund's own version adds the announcements its administrator recorded.</summary>
    public WorkingDayCalendar Calendar
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Calendar));
    } = VietnamPublicHolidays.Calendar;

    /// <summary>Where a generated due date on a non-working day moves. Default: the next working day.</summary>
    public BusinessDayRule DueDateRule { get; init; } = BusinessDayRule.Next;

    /// <summary>
    /// Rate on overdue principal as a percentage of the in-term rate; it replaces the in-term rate on that principal for the
    /// days late. Default and legal cap 150 % (Decree 45/2021 Art 25.1.b; Circular 39/2016 Art 13.4).
    /// </summary>
    public decimal OverdueRatePercentOfInTermRate
    {
        get;
        init => field = Percent(value, 0m, MaxOverdueRatePercentOfInTermRate, lowerInclusive: true, "The overdue rate, as a share of the in-term rate,", "Decree 45/2021 Art 25.1.b", nameof(OverdueRatePercentOfInTermRate));
    } = MaxOverdueRatePercentOfInTermRate;

    /// <summary>
    /// Yearly rate on contractual interest left unpaid after its due date, for the days late. Default and cap 10 %/year
    /// (Circular 39/2016 Art 13.4, adopted by analogy: whether it binds the funds is unconfirmed).
    /// </summary>
    public decimal LateInterestRatePercentPerYear
    {
        get;
        init => field = Percent(value, 0m, MaxLateInterestRatePercentPerYear, lowerInclusive: true, "The yearly rate on late interest", "Circular 39/2016 Art 13.4", nameof(LateInterestRatePercentPerYear));
    } = MaxLateInterestRatePercentPerYear;

    /// <summary>
    /// The order a repayment pays the buckets in. It must name every bucket once and end with
    /// <see cref="AllocationBucket.Prepayment"/>. Default: interest on late interest → interest on overdue principal →
    /// overdue interest → overdue principal → interest due → principal due → prepayment.
    /// </summary>
    public ImmutableArray<AllocationBucket> Waterfall
    {
        get;
        init => field = ValidWaterfall(value);
    } = DefaultWaterfall;

    /// <summary>What a prepayment does to the remaining instalments when the repayment does not say. Default: shorten the term.</summary>
    public PrepaymentMode DefaultPrepaymentMode { get; init; } = PrepaymentMode.ShortenTerm;

    /// <summary>Days-past-due thresholds, default 10/30/90/180 (Circular 14/2024/TT-NHNN).</summary>
    public DebtGroupThresholds DebtGroupThresholds
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(DebtGroupThresholds));
    } = DebtGroupThresholds.Circular14Of2024;

    /// <summary>Specific-provision rates, default 0/2/25/50/100 % (Decree 86/2024/ND-CP, microfinance).</summary>
    public ProvisionRates SpecificProvisionRates
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(SpecificProvisionRates));
    } = ProvisionRates.Decree86Of2024Microfinance;

    /// <summary>
    /// General provision on groups 1–4 principal, in percent. Default 0.75 % is an <b>assumption</b>: it is the rate of
    /// Decree 86/2024/ND-CP for credit institutions; the rate for microfinance institutions is unconfirmed.
    /// </summary>
    public decimal GeneralProvisionRatePercent
    {
        get;
        init => field = Percent(value, 0m, 100m, lowerInclusive: true, "The general provision rate", null, nameof(GeneralProvisionRatePercent));
    } = 0.75m;

    /// <summary>Single-borrower limit in % of actual charter capital; default and cap 15 % (Decree 45/2021 Art 23.2.a).</summary>
    public decimal SingleBorrowerLimitPercent
    {
        get;
        init => field = Percent(value, 0m, MaxSingleBorrowerLimitPercent, lowerInclusive: false, "The single-borrower limit", "Decree 45/2021 Art 23.2.a", nameof(SingleBorrowerLimitPercent));
    } = MaxSingleBorrowerLimitPercent;

    /// <summary>Borrower-plus-related-persons limit in % of actual charter capital; default and cap 25 % (Decree 45/2021 Art 23.2.b).</summary>
    public decimal RelatedGroupLimitPercent
    {
        get;
        init => field = Percent(value, 0m, MaxRelatedGroupLimitPercent, lowerInclusive: false, "The related-group limit", "Decree 45/2021 Art 23.2.b", nameof(RelatedGroupLimitPercent));
    } = MaxRelatedGroupLimitPercent;

    /// <summary>Minimum own equity in % of the project investment; default and floor 20 % (Decree 45/2021 Art 22.5).</summary>
    public decimal MinOwnEquityPercentOfProject
    {
        get;
        init => field = Percent(value, MinOwnEquityPercentOfProjectFloor, 100m, lowerInclusive: true, "The own-equity minimum", "Decree 45/2021 Art 22.5 sets the floor", nameof(MinOwnEquityPercentOfProject));
    } = MinOwnEquityPercentOfProjectFloor;

    /// <summary>Term classes and processing-time targets (short ≤ 12 m / medium ≤ 60 m / long; 5/10/15 working days).</summary>
    public TermClasses TermClasses
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(TermClasses));
    } = TermClasses.Default;

    /// <summary>
    /// Longest term the fund allows, or null for none. Decree 45/2021 Art 24 sets no statutory maximum; the old 60-month cap
    /// (Decision 23/2017 Art 10) was repealed by Decree 45/2021 Art 57.2.b.
    /// </summary>
    public int? MaxTermMonths
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentException($"A maximum term must be at least one month, not {value}.", nameof(MaxTermMonths));
    }

    /// <summary>The overdue rate in %/year for a loan at <paramref name="annualRatePercent"/>.</summary>
    public decimal OverdueRatePercentPerYear(decimal annualRatePercent) =>
        annualRatePercent * OverdueRatePercentOfInTermRate / 100m;

    /// <summary>Checks a percentage against its range and, where the law sets it, names the source in the message.</summary>
    private static decimal Percent(decimal value, decimal min, decimal max, bool lowerInclusive, string what, string? source, string name)
    {
        var inRange = (lowerInclusive ? value >= min : value > min) && value <= max;
        if (inRange)
            return value;
        var lower = lowerInclusive ? $"between {min} %" : $"above {min} % and at most";
        var range = lowerInclusive ? $"{lower} and {max} %" : $"{lower} {max} %";
        throw new ArgumentException($"{what} must be {range}{(source is null ? "" : $" ({source})")}, not {value} %.", name);
    }

    private static ImmutableArray<AllocationBucket> ValidWaterfall(ImmutableArray<AllocationBucket> waterfall)
    {
        if (waterfall.IsDefault)
            throw new ArgumentNullException(nameof(Waterfall));
        var all = Enum.GetValues<AllocationBucket>();
        if (waterfall.Length != all.Length || waterfall.Distinct().Count() != all.Length || !all.All(waterfall.Contains))
            throw new ArgumentException($"The waterfall must list each of the {all.Length} buckets exactly once: {string.Join(", ", all)}.", nameof(Waterfall));
        if (waterfall[^1] != AllocationBucket.Prepayment)
            throw new ArgumentException("The waterfall must end with Prepayment: nothing may be prepaid while an amount is due.", nameof(Waterfall));
        return waterfall;
    }
}
