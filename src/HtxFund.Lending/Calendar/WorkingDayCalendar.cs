using System.Collections.Concurrent;
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

/// <summary>The days of one solar year that differ from the weekly pattern: days off on days otherwise worked
/// (holidays), and weekly rest days worked (make-up working days, a Saturday worked in exchange for a bridge day off).</summary>
public sealed record YearDays(IReadOnlyCollection<LocalDate> DaysOff, IReadOnlyCollection<LocalDate> DaysWorked)
{
    public static YearDays None { get; } = new([], []);
}

/// <summary>
/// A working-day calendar: weekly rest days plus, year by year, days off and make-up working days. A calendar has no
/// end year: each year's days come from a function (e.g. <see cref="VietnamPublicHolidays"/>' rules) called the first
/// time a date of that year is asked about, and kept (thread-safe; the calendar never changes once built), so asking
/// about a date is a bit test. <see cref="Version"/> names the data it was built from; a schedule records it.
/// </summary>
public sealed class WorkingDayCalendar
{
    // Years cached in an array (the common range); any other year in a dictionary.
    private const int ArrayFirstYear = 1900;
    private const int ArrayYears = 300;

    private readonly int weekendMask;
    private readonly Func<int, YearDays> yearDays;
    private readonly YearTable?[] years = new YearTable?[ArrayYears];
    private readonly ConcurrentDictionary<int, YearTable> otherYears = new();

    private WorkingDayCalendar(int weekendMask, int version, Func<int, YearDays> yearDays)
    {
        this.weekendMask = weekendMask;
        this.yearDays = yearDays;
        Version = version;
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static WorkingDayCalendar WeekendsOnly { get; } =
        Create([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], []);

    /// <summary>The version of the data the calendar was built from (at least 1).</summary>
    public int Version { get; }

    /// <summary>Builds a calendar from fixed lists. Weekend days must be distinct and at most six; a date cannot be both a
    /// holiday and a make-up working day.</summary>
    public static WorkingDayCalendar Create(
        IEnumerable<IsoDayOfWeek> weekend,
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate>? makeUpWorkingDays = null,
        int version = 1)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var mask = WeekendMask(weekend);
        var holidaySet = holidays.ToHashSet();
        var makeUp = (makeUpWorkingDays ?? []).ToHashSet();
        var clash = makeUp.Where(holidaySet.Contains).Order().ToList();
        if (clash.Count > 0)
            throw new ArgumentException($"{clash[0]:yyyy-MM-dd} cannot be both a holiday and a make-up working day.", nameof(makeUpWorkingDays));
        var off = holidaySet.GroupBy(d => d.Year).ToDictionary(g => g.Key, g => (IReadOnlyCollection<LocalDate>)g.ToArray());
        var worked = makeUp.GroupBy(d => d.Year).ToDictionary(g => g.Key, g => (IReadOnlyCollection<LocalDate>)g.ToArray());
        return FromRules([.. Days(mask)], version, year => new YearDays(off.GetValueOrDefault(year, []), worked.GetValueOrDefault(year, [])));
    }

    /// <summary>Builds a calendar whose holidays and make-up days for a year come from <paramref name="yearDays"/>, called
    /// at most once per year and only for years asked about (it may throw for a year it does not cover).</summary>
    public static WorkingDayCalendar FromRules(IEnumerable<IsoDayOfWeek> weekend, int version, Func<int, YearDays> yearDays)
    {
        ArgumentNullException.ThrowIfNull(yearDays);
        if (version < 1)
            throw new ArgumentException($"A calendar version must be at least 1, not {version}.", nameof(version));
        return new WorkingDayCalendar(WeekendMask(weekend), version, yearDays);
    }

    /// <summary>The weekly rest days.</summary>
    public IReadOnlyList<IsoDayOfWeek> Weekend => [.. Days(weekendMask)];

    public bool IsWeekend(LocalDate date) => (weekendMask & (1 << (int)date.DayOfWeek)) != 0;

    public bool IsWorkingDay(LocalDate date) => Table(date.Year).IsWorking(date.DayOfYear);

    /// <summary>The days off of a year other than weekly rest days, and the rest days worked.</summary>
    public YearDays DaysOf(int year) => Table(year).Days;

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

    private YearTable Table(int year)
    {
        var index = year - ArrayFirstYear;
        if ((uint)index < ArrayYears)
        {
            var cached = Volatile.Read(ref years[index]);
            if (cached is not null)
                return cached;
            var built = Build(year);
            return Interlocked.CompareExchange(ref years[index], built, null) ?? built;
        }
        return otherYears.GetOrAdd(year, Build);
    }

    private YearTable Build(int year)
    {
        var days = yearDays(year) ?? throw new InvalidOperationException($"No days for {year}.");
        var bits = new ulong[6]; // bit d-1 set: day d of the year is worked
        var first = new LocalDate(year, 1, 1);
        var length = CalendarSystem.Iso.GetDaysInYear(year);
        for (var d = 0; d < length; d++)
        {
            if (!IsWeekend(first.PlusDays(d)))
                bits[d >> 6] |= 1UL << (d & 63);
        }
        foreach (var off in days.DaysOff)
        {
            if (off.Year == year)
                bits[(off.DayOfYear - 1) >> 6] &= ~(1UL << ((off.DayOfYear - 1) & 63));
        }
        foreach (var worked in days.DaysWorked)
        {
            if (worked.Year != year)
                continue;
            if (days.DaysOff.Contains(worked))
                throw new ArgumentException($"{worked:yyyy-MM-dd} cannot be both a day off and a make-up working day.");
            bits[(worked.DayOfYear - 1) >> 6] |= 1UL << ((worked.DayOfYear - 1) & 63);
        }
        return new YearTable(bits, days);
    }

    private static int WeekendMask(IEnumerable<IsoDayOfWeek> weekend)
    {
        ArgumentNullException.ThrowIfNull(weekend);
        var mask = 0;
        foreach (var day in weekend)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(weekend));
            mask |= 1 << (int)day;
        }
        if (mask == 0b1111_1110)
            throw new ArgumentException("A calendar needs at least one working day in the week.", nameof(weekend));
        return mask;
    }

    private static IEnumerable<IsoDayOfWeek> Days(int mask) =>
        Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None && (mask & (1 << (int)d)) != 0);

    private sealed class YearTable(ulong[] bits, YearDays days)
    {
        public YearDays Days { get; } = days;

        public bool IsWorking(int dayOfYear) => (bits[(dayOfYear - 1) >> 6] & (1UL << ((dayOfYear - 1) & 63))) != 0;
    }
}
