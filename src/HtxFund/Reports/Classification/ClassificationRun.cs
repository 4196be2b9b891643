using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Reports.Classification;

// ---- Events of a classification run: one stream per fund (tenant) and month, id = ClassificationRuns.StreamId(month). ----

/// <summary>The monthly classification of <paramref name="Month"/> (yyyy-MM) started as of <paramref name="AsOf"/> (the
/// month's last day) over the loans active at that date (<paramref name="LoanIds"/>, in the order they are classified).</summary>
public sealed record ClassificationRunStarted(Guid RunId, string Month, LocalDate AsOf, IReadOnlyList<Guid> LoanIds, Actor By, Instant At);

/// <summary>One loan classified as of <paramref name="AsOf"/> with the Lending engine (Circular 14/2024 debt group, Decree
/// 86/2024 provisions, Circular 52/2022 Art 5.2 interest recognition). Whole đồng.</summary>
public sealed record LoanClassified(
    Guid RunId,
    Guid LoanId,
    string? ContractNumber,
    LocalDate AsOf,
    int Group,
    int DaysPastDue,
    int RestructuringCount,
    string Reason,
    long PrincipalOutstanding,
    long DeductibleCollateral,
    decimal ProvisionRatePercent,
    long SpecificProvision,
    long GeneralProvision,
    long ProvisionRequired,
    bool RecogniseInterest,
    int PolicyVersion);

/// <summary>Every loan of the run is classified and the provision change is booked on the fund's capital stream (same
/// transaction as <see cref="Capital.ProvisionBooked"/>).</summary>
public sealed record ClassificationRunCompleted(Guid RunId, string Month, long ProvisionRequired, long ProvisionChange, Guid CapitalEntryId, Instant At);

/// <summary>The run folded from its stream (inline snapshot, one document per fund and month): progress and results.</summary>
public sealed record ClassificationRun
{
    public Guid Id { get; init; }
    public string Month { get; init; } = "";
    public LocalDate AsOf { get; init; }
    public ImmutableList<Guid> LoanIds { get; init; } = [];
    public ImmutableList<LoanClassified> Results { get; init; } = [];
    public Instant StartedAt { get; init; }
    public Instant? CompletedAt { get; init; }
    public long? ProvisionChange { get; init; }
    public long Version { get; init; }

    public int Total => LoanIds.Count;
    public int Done => Results.Count;
    public bool Completed => CompletedAt is not null;

    public ClassificationRun Apply(ClassificationRunStarted e) =>
        this with { Id = e.RunId, Month = e.Month, AsOf = e.AsOf, LoanIds = [.. e.LoanIds], StartedAt = e.At };

    public ClassificationRun Apply(LoanClassified e) => this with { Results = Results.Add(e) };

    public ClassificationRun Apply(ClassificationRunCompleted e) => this with { CompletedAt = e.At, ProvisionChange = e.ProvisionChange };

    /// <summary>The loans still to classify, in the run's order (a resumed run continues here).</summary>
    public IEnumerable<Guid> Remaining()
    {
        var done = Results.Select(r => r.LoanId).ToHashSet();
        return LoanIds.Where(id => !done.Contains(id));
    }

    public long ProvisionRequired => Results.Sum(r => r.ProvisionRequired);
}

public static class ClassificationRuns
{
    /// <summary>The run stream of <paramref name="month"/> (yyyy-MM): deterministic, so a rerun or a resumed run finds it.
    /// Streams are tenant-scoped, so the same id serves each fund separately.</summary>
    public static Guid StreamId(YearMonth month)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"htxfund:classification-run:{Format(month)}"));
        return new Guid(hash);
    }

    public static string Format(YearMonth month) => $"{month.Year:D4}-{month.Month:D2}";

    public static LocalDate LastDay(YearMonth month) => month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1);

    /// <summary>The first working day of the month of <paramref name="date"/> in the fund's calendar.</summary>
    public static LocalDate FirstWorkingDay(LocalDate date, WorkingDayCalendar calendar)
    {
        var day = new LocalDate(date.Year, date.Month, 1);
        while (!calendar.IsWorkingDay(day)) day = day.PlusDays(1);
        return day;
    }
}

/// <summary>The pure decision: a loan valued as of the run's date becomes its classification result.</summary>
public static class LoanClassification
{
    /// <summary>Classifies a valued loan (<see cref="LoanPosition"/> carries days past due, restructurings and the
    /// Lending engine's group) and provisions it: specific = max(0, principal − deductible collateral) × the group's
    /// rate, general = principal of groups 1–4 × the general rate; interest recognised as income only in group 1.</summary>
    public static LoanClassified Decide(Guid runId, Guid loanId, string? contractNumber, LocalDate asOf, int daysPastDue,
        int restructuringCount, long principalOutstanding, long deductibleCollateral, LendingPolicy policy)
    {
        var classification = DebtClassifier.Classify(daysPastDue, restructuringCount, policy);
        var provision = ProvisionCalculator.Calculate(classification.Group, Money.Of(principalOutstanding), Money.Of(deductibleCollateral), policy);
        return new LoanClassified(runId, loanId, contractNumber, asOf, (int)classification.Group, daysPastDue, restructuringCount,
            classification.Reason, principalOutstanding, deductibleCollateral, provision.SpecificRatePercent, provision.Specific.Dong,
            provision.General.Dong, provision.Total.Dong, provision.RecogniseInterestAsIncome, policy.Version);
    }

    /// <summary>The loan's position as of the run's date, classified; a loan with nothing to value yet is group 1 with no principal.</summary>
    public static LoanClassified Decide(Guid runId, Guid loanId, string? contractNumber, LocalDate asOf, LoanPosition? position,
        long deductibleCollateral, LendingPolicy policy) =>
        Decide(runId, loanId, contractNumber, asOf, position?.DaysPastDue ?? 0, position?.RestructuringCount ?? 0,
            position?.PrincipalOutstanding ?? 0, deductibleCollateral, policy);
}
