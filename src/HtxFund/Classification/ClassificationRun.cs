using System.Security.Cryptography;
using System.Text;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Classification;

// ---- Events of a classification run: one stream per fund (tenant) and month, id = ClassificationRuns.StreamId(month). ----

/// <summary>The monthly classification of <paramref name="Month"/> (yyyy-MM) started as of <paramref name="AsOf"/> (the
/// month's last day) over the <paramref name="LoanCount"/> loans active at that date, classified in the database's id
/// order. <paramref name="LoanIds"/> is empty since runs stream the loan book (runs recorded before listed their loans
/// there; the count is then theirs).</summary>
public sealed record ClassificationRunStarted(Guid RunId, string Month, LocalDate AsOf, IReadOnlyList<Guid> LoanIds, Actor By, Instant At,
    int? LoanCount = null);

/// <summary>One loan classified as of <paramref name="AsOf"/> with the Lending engine (Circular 14/2024 debt group, Decree
/// 86/2024 provisions, Circular 52/2022 Art 5.2 interest recognition). Whole đồng. <paramref name="Collateral"/> is the
/// collateral the deductible value came from, item by item (null in results recorded before the register existed).</summary>
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
    int PolicyVersion,
    IReadOnlyList<Collateral.Reading.CollateralUsed>? Collateral = null);

/// <summary>Every loan of the run is classified and the provision change is booked on the fund's capital stream (same
/// transaction as <see cref="Capital.ProvisionBooked"/>).</summary>
public sealed record ClassificationRunCompleted(Guid RunId, string Month, long ProvisionRequired, long ProvisionChange, Guid CapitalEntryId, Instant At);

/// <summary>The run folded from its stream (inline snapshot, one document per fund and month): progress, the last loan
/// classified (where a resumed run continues, in the database's id order) and running totals. The loans' results stay
/// in the stream as <see cref="LoanClassified"/> events, so the document stays small however many loans the fund has.</summary>
public sealed record ClassificationRun
{
    public Guid Id { get; init; }
    public string Month { get; init; } = "";
    public LocalDate AsOf { get; init; }
    public int Total { get; init; }
    public int Done { get; init; }
    public Guid? LastLoanId { get; init; }
    public long ProvisionRequired { get; init; }
    public long PrincipalOutstanding { get; init; }
    public Instant StartedAt { get; init; }
    public Instant? CompletedAt { get; init; }
    public long? ProvisionChange { get; init; }
    public long Version { get; init; }

    public bool Completed => CompletedAt is not null;

    public ClassificationRun Apply(ClassificationRunStarted e) =>
        this with { Id = e.RunId, Month = e.Month, AsOf = e.AsOf, Total = e.LoanCount ?? e.LoanIds.Count, StartedAt = e.At };

    public ClassificationRun Apply(LoanClassified e) => this with
    {
        Done = Done + 1, LastLoanId = e.LoanId, ProvisionRequired = ProvisionRequired + e.ProvisionRequired,
        PrincipalOutstanding = PrincipalOutstanding + e.PrincipalOutstanding,
    };

    public ClassificationRun Apply(ClassificationRunCompleted e) => this with { CompletedAt = e.At, ProvisionChange = e.ProvisionChange };

    /// <summary>Whether <paramref name="loanId"/> still needs classifying: it comes after the last loan classified in
    /// the database's uuid order (the order the loan book is streamed in).</summary>
    public bool IsAfterCursor(Guid loanId) => LastLoanId is not { } last || ClassificationRuns.CompareAsDatabase(loanId, last) > 0;
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

    /// <summary>Compares two ids as PostgreSQL orders uuid values: byte by byte in RFC 4122 (big-endian) order, the
    /// order of their text form (tested against the database).</summary>
    public static int CompareAsDatabase(Guid a, Guid b) =>
        a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true));

    public static string Format(YearMonth month) => $"{month.Year:D4}-{month.Month:D2}";

    /// <summary>What a month that is not yyyy-MM is refused with (field <c>month</c>, code <c>month.format</c>).</summary>
    public const string MonthFormatMessage = "Tháng phải có dạng yyyy-MM, ví dụ 2026-10.";

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
        int restructuringCount, long principalOutstanding, long deductibleCollateral, LendingPolicy policy,
        IReadOnlyList<Collateral.Reading.CollateralUsed>? collateral = null,
        bool interestWaivedForInabilityToPay = false)
    {
        var classification = DebtClassifier.Classify(daysPastDue, restructuringCount, policy,
            interestWaivedForInabilityToPay: interestWaivedForInabilityToPay);
        var provision = ProvisionCalculator.Calculate(classification.Group, Money.Of(principalOutstanding), Money.Of(deductibleCollateral), policy);
        return new LoanClassified(runId, loanId, contractNumber, asOf, (int)classification.Group, daysPastDue, restructuringCount,
            classification.Reason, principalOutstanding, deductibleCollateral, provision.SpecificRatePercent, provision.Specific.Dong,
            provision.General.Dong, provision.Total.Dong, provision.RecogniseInterestAsIncome, policy.Version, collateral ?? []);
    }

    /// <summary>The loan's position as of the run's date, classified; a loan with nothing to value yet is group 1 with no principal.</summary>
    public static LoanClassified Decide(Guid runId, Guid loanId, string? contractNumber, LocalDate asOf, LoanPosition? position,
        long deductibleCollateral, LendingPolicy policy) =>
        Decide(runId, loanId, contractNumber, asOf, position?.DaysPastDue ?? 0, position?.RestructuringCount ?? 0,
            position?.PrincipalOutstanding ?? 0, deductibleCollateral, policy,
            interestWaivedForInabilityToPay: position?.InterestWaiversForInabilityToPay > 0);
}
