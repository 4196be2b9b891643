using System.Collections.Immutable;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>One row of an instalment table.</summary>
/// <param name="Number">1-based instalment number.</param>
/// <param name="DueDate">The due date after working-day adjustment.</param>
/// <param name="Days">Days of interest in the period ending on this due date (actual days).</param>
/// <param name="Principal">Principal due.</param>
/// <param name="Interest">Interest due on the declining balance for the period: balance × days × rate / 365.</param>
/// <param name="BalanceAfter">Principal outstanding after this instalment is paid.</param>
public readonly record struct Instalment(int Number, LocalDate DueDate, int Days, Money Principal, Money Interest, Money BalanceAfter)
{
    public Money Total => Principal + Interest;
}

/// <summary>
/// The instalment table of a loan, as produced by <see cref="ScheduleGenerator.Generate"/>. The same value is shown as
/// a preview and booked with the loan; the valuation of a booked loan runs on it.
/// </summary>
public sealed record RepaymentSchedule
{
    internal RepaymentSchedule(LoanTerms terms, int policyVersion, int calendarVersion, ImmutableArray<Instalment> instalments)
    {
        Terms = terms;
        PolicyVersion = policyVersion;
        CalendarVersion = calendarVersion;
        Instalments = instalments;
        TotalPrincipal = Money.Sum(instalments.Select(i => i.Principal));
        TotalInterest = Money.Sum(instalments.Select(i => i.Interest));
        DueDates = [.. instalments.Select(i => i.DueDate)];
        DueDays = [.. DueDates.Select(DayCount.DayNumber)];
        PlannedPrincipal = [.. instalments.Select(i => i.Principal.Dong)];
    }

    /// <summary>Due dates, their day numbers and principal amounts as arrays, computed once and shared (read-only) by every valuation.</summary>
    internal LocalDate[] DueDates { get; }

    internal int[] DueDays { get; }

    internal long[] PlannedPrincipal { get; }

    public LoanTerms Terms { get; }

    /// <summary>The <see cref="LendingPolicy.Version"/> the schedule was generated under.</summary>
    public int PolicyVersion { get; }

    /// <summary>The <see cref="WorkingDayCalendar.Version"/> of the calendar that placed the due dates.</summary>
    public int CalendarVersion { get; }

    public ImmutableArray<Instalment> Instalments { get; }

    /// <summary>Always equal to the loan principal.</summary>
    public Money TotalPrincipal { get; }

    /// <summary>Projected interest if the whole principal is disbursed at the start and every instalment is paid on its due date.</summary>
    public Money TotalInterest { get; }

    public LocalDate FinalDueDate => Instalments[^1].DueDate;

    public bool Equals(RepaymentSchedule? other) =>
        other is not null && Terms.Equals(other.Terms) && PolicyVersion == other.PolicyVersion && CalendarVersion == other.CalendarVersion
        && Instalments.SequenceEqual(other.Instalments);

    public override int GetHashCode() => HashCode.Combine(Terms, PolicyVersion, CalendarVersion, Instalments.Length, TotalInterest);
}
