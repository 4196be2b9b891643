using System.Collections.Frozen;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>Where a due date that falls on a non-working day moves to.</summary>
public enum BusinessDayRule
{
    /// <summary>To the next working day (the default).</summary>
    Next,

    /// <summary>To the previous working day.</summary>
    Previous,

    /// <summary>Stays where it is.</summary>
    Unadjusted,
}

/// <summary>
/// A working-day calendar as data: weekend days, public holidays and announced make-up working days
/// (a Saturday worked in exchange for a bridge day off). Immutable; build it with <see cref="Create"/>.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly int weekendMask;
    private readonly FrozenSet<LocalDate> holidays;
    private readonly FrozenSet<LocalDate> makeUpWorkingDays;

    private WorkingDayCalendar(int weekendMask, FrozenSet<LocalDate> holidays, FrozenSet<LocalDate> makeUpWorkingDays)
    {
        this.weekendMask = weekendMask;
        this.holidays = holidays;
        this.makeUpWorkingDays = makeUpWorkingDays;
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static WorkingDayCalendar WeekendsOnly { get; } =
        Create([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], []);

    /// <summary>Builds a calendar. Weekend days must be distinct and at most six.</summary>
    public static WorkingDayCalendar Create(
        IEnumerable<IsoDayOfWeek> weekend,
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate>? makeUpWorkingDays = null)
    {
        ArgumentNullException.ThrowIfNull(weekend);
        ArgumentNullException.ThrowIfNull(holidays);
        var mask = 0;
        foreach (var day in weekend)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(weekend));
            mask |= 1 << (int)day;
        }
        if (mask == 0b1111_1110)
            throw new ArgumentException("A calendar needs at least one working day in the week.", nameof(weekend));
        var holidaySet = holidays.ToFrozenSet();
        var makeUp = (makeUpWorkingDays ?? []).ToFrozenSet();
        var clash = makeUp.Where(holidaySet.Contains).ToList();
        if (clash.Count > 0)
            throw new ArgumentException($"{clash[0]:yyyy-MM-dd} cannot be both a holiday and a make-up working day.", nameof(makeUpWorkingDays));
        return new WorkingDayCalendar(mask, holidaySet, makeUp);
    }

    public IReadOnlyCollection<LocalDate> Holidays => holidays;

    public bool IsWeekend(LocalDate date) => (weekendMask & (1 << (int)date.DayOfWeek)) != 0;

    public bool IsWorkingDay(LocalDate date) =>
        makeUpWorkingDays.Contains(date) || (!IsWeekend(date) && !holidays.Contains(date));

    /// <summary>Moves a date that is not a working day by <paramref name="rule"/>; a working day is returned unchanged.</summary>
    public LocalDate Adjust(LocalDate date, BusinessDayRule rule)
    {
        if (rule == BusinessDayRule.Unadjusted)
            return date;
        var step = rule == BusinessDayRule.Next ? 1 : -1;
        while (!IsWorkingDay(date))
            date = date.PlusDays(step);
        return date;
    }

    /// <summary>
    /// The working day <paramref name="workingDays"/> working days after <paramref name="date"/>
    /// (the start day itself does not count), for processing-time targets.
    /// </summary>
    public LocalDate AddWorkingDays(LocalDate date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        while (workingDays > 0)
        {
            date = date.PlusDays(1);
            if (IsWorkingDay(date))
                workingDays--;
        }
        return date;
    }

    /// <summary>Working days in (<paramref name="from"/>, <paramref name="to"/>]: 0 when <paramref name="to"/> ≤ <paramref name="from"/>.</summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to)
    {
        var count = 0;
        for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
        {
            if (IsWorkingDay(day))
                count++;
        }
        return count;
    }
}
