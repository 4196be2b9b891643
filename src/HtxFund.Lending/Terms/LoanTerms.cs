using System.Collections.Immutable;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// The agreed terms of one loan. Immutable and always valid: build it with <see cref="Create"/> or <see cref="Custom"/>,
/// which throw <see cref="ArgumentException"/> with the reason when a term is impossible.
/// </summary>
public sealed record LoanTerms
{
    /// <summary>Largest principal accepted: 10,000 billion đồng, ten times the central fund's charter capital (Decree 45/2021 Art 37).</summary>
    public static readonly Money MaxPrincipal = Money.Of(10_000_000_000_000);

    /// <summary>Longest term accepted by the engine (50 years); the fund's own cap is <see cref="LendingPolicy.MaxTermMonths"/>.</summary>
    public const int MaxTermMonthsAccepted = 600;

    private LoanTerms(
        Money principal, decimal annualRatePercent, LocalDate startDate, int termMonths, RepaymentFrequency frequency,
        RepaymentMethod method, int principalGraceMonths, MonthSet moratoriumMonths,
        ImmutableArray<PlannedPrincipal> customSchedule, DayCountBasis dayCount)
    {
        Principal = principal;
        AnnualRatePercent = annualRatePercent;
        StartDate = startDate;
        TermMonths = termMonths;
        Frequency = frequency;
        Method = method;
        PrincipalGraceMonths = principalGraceMonths;
        MoratoriumMonths = moratoriumMonths;
        CustomSchedule = customSchedule;
        DayCount = dayCount;
    }

    /// <summary>The loan amount (the sum of all tranches that may be disbursed).</summary>
    public Money Principal { get; }

    /// <summary>In-term rate in % per year, on a 365-day year (Circular 14/2017/TT-NHNN).</summary>
    public decimal AnnualRatePercent { get; }

    /// <summary>Contract start; periods and the first interest day count from here.</summary>
    public LocalDate StartDate { get; }

    public int TermMonths { get; }
    public RepaymentFrequency Frequency { get; }
    public RepaymentMethod Method { get; }

    /// <summary>Months from the start during which no principal falls due (interest still does).</summary>
    public int PrincipalGraceMonths { get; }

    /// <summary>Calendar months in which no principal falls due in any year (a crop-cycle moratorium), e.g. 5–9.</summary>
    public MonthSet MoratoriumMonths { get; }

    /// <summary>For <see cref="RepaymentMethod.Custom"/>: the agreed due dates and principal amounts; empty otherwise.</summary>
    public ImmutableArray<PlannedPrincipal> CustomSchedule { get; }

    public DayCountBasis DayCount { get; }

    /// <summary>The contractual maturity before any working-day adjustment: start + term, or the last custom due date.</summary>
    public LocalDate ContractMaturity =>
        Method == RepaymentMethod.Custom ? CustomSchedule[^1].DueDate : StartDate.PlusMonths(TermMonths);

    /// <summary>Terms for an equal-principal, annuity or bullet loan.</summary>
    public static LoanTerms Create(
        Money principal,
        decimal annualRatePercent,
        LocalDate startDate,
        int termMonths,
        RepaymentFrequency frequency = RepaymentFrequency.Monthly,
        RepaymentMethod method = RepaymentMethod.EqualPrincipal,
        int principalGraceMonths = 0,
        MonthSet moratoriumMonths = default,
        DayCountBasis dayCount = DayCountBasis.ExcludeFirstIncludeLast)
    {
        ValidateCommon(principal, annualRatePercent, termMonths);
        if (method == RepaymentMethod.Custom)
            throw new ArgumentException("A custom schedule is created with LoanTerms.Custom, which takes the agreed instalments.", nameof(method));
        if (!Enum.IsDefined(method))
            throw new ArgumentException($"Unknown repayment method {method}.", nameof(method));
        if (!Enum.IsDefined(frequency))
            throw new ArgumentException($"Unknown repayment frequency {frequency}.", nameof(frequency));
        if (!Enum.IsDefined(dayCount))
            throw new ArgumentException($"Unknown day-count basis {dayCount}.", nameof(dayCount));
        var step = frequency.MonthsPerPeriod(termMonths);
        if (termMonths % step != 0)
            throw new ArgumentException($"A term of {termMonths} months is not a whole number of {frequency} periods of {step} months.", nameof(termMonths));
        if (principalGraceMonths < 0 || principalGraceMonths >= termMonths)
            throw new ArgumentException($"A principal grace of {principalGraceMonths} months must be at least 0 and shorter than the {termMonths}-month term.", nameof(principalGraceMonths));
        if (moratoriumMonths.Count == 12)
            throw new ArgumentException("A moratorium cannot cover all twelve months: principal would never fall due.", nameof(moratoriumMonths));
        return new LoanTerms(principal, annualRatePercent, startDate, termMonths, frequency, method,
            principalGraceMonths, moratoriumMonths, [], dayCount);
    }

    /// <summary>
    /// Terms for a schedule agreed instalment by instalment. Due dates must be after the start and strictly increasing,
    /// amounts zero or positive, summing exactly to the principal; the last date is the maturity and must fall within
    /// <paramref name="termMonths"/> of the start. Interest falls due on every agreed date.
    /// </summary>
    public static LoanTerms Custom(
        Money principal,
        decimal annualRatePercent,
        LocalDate startDate,
        int termMonths,
        IEnumerable<PlannedPrincipal> schedule,
        DayCountBasis dayCount = DayCountBasis.ExcludeFirstIncludeLast)
    {
        ValidateCommon(principal, annualRatePercent, termMonths);
        ArgumentNullException.ThrowIfNull(schedule);
        var instalments = schedule.ToImmutableArray();
        ValidatePlan(instalments, startDate, nameof(schedule));
        var total = Money.Sum(instalments.Select(i => i.Principal));
        if (total != principal)
            throw new ArgumentException($"The custom schedule's principal sums to {total} but the loan is {principal}.", nameof(schedule));
        if (instalments[^1].DueDate > startDate.PlusMonths(termMonths))
            throw new ArgumentException($"The last custom due date {instalments[^1].DueDate:yyyy-MM-dd} is after the end of the {termMonths}-month term.", nameof(schedule));
        return new LoanTerms(principal, annualRatePercent, startDate, termMonths, RepaymentFrequency.Monthly,
            RepaymentMethod.Custom, 0, MonthSet.None, instalments, dayCount);
    }

    /// <summary>Checks a list of planned instalments: non-empty, dates after <paramref name="after"/> and strictly increasing, amounts ≥ 0.</summary>
    internal static void ValidatePlan(IReadOnlyList<PlannedPrincipal> plan, LocalDate after, string parameter)
    {
        if (plan.Count == 0)
            throw new ArgumentException("A schedule needs at least one instalment.", parameter);
        var previous = after;
        foreach (var instalment in plan)
        {
            if (instalment.DueDate <= previous)
                throw new ArgumentException($"Due date {instalment.DueDate:yyyy-MM-dd} must be after {previous:yyyy-MM-dd}: dates must follow the start and each other.", parameter);
            if (instalment.Principal.IsNegative)
                throw new ArgumentException($"The principal due on {instalment.DueDate:yyyy-MM-dd} is negative ({instalment.Principal}).", parameter);
            previous = instalment.DueDate;
        }
    }

    private static void ValidateCommon(Money principal, decimal annualRatePercent, int termMonths)
    {
        if (!principal.IsPositive || principal > MaxPrincipal)
            throw new ArgumentException($"The principal must be above 0 ₫ and at most {MaxPrincipal}, not {principal}.", nameof(principal));
        if (annualRatePercent is < 0m or > 100m)
            throw new ArgumentException($"The annual rate must be between 0 % and 100 % per year, not {annualRatePercent} %.", nameof(annualRatePercent));
        if (termMonths is < 1 or > MaxTermMonthsAccepted)
            throw new ArgumentException($"The term must be between 1 and {MaxTermMonthsAccepted} months, not {termMonths}.", nameof(termMonths));
    }

    public bool Equals(LoanTerms? other) =>
        other is not null
        && Principal == other.Principal
        && AnnualRatePercent == other.AnnualRatePercent
        && StartDate == other.StartDate
        && TermMonths == other.TermMonths
        && Frequency == other.Frequency
        && Method == other.Method
        && PrincipalGraceMonths == other.PrincipalGraceMonths
        && MoratoriumMonths == other.MoratoriumMonths
        && DayCount == other.DayCount
        && CustomSchedule.SequenceEqual(other.CustomSchedule);

    public override int GetHashCode() =>
        HashCode.Combine(Principal, AnnualRatePercent, StartDate, TermMonths, Frequency, Method, MoratoriumMonths, CustomSchedule.Length);
}
