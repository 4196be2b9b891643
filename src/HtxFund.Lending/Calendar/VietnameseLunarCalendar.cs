using NodaTime;

namespace HtxFund.Lending;

/// <summary>A day of the Vietnamese lunisolar calendar (âm lịch): lunar year, month 1–12 (a leap month repeats the
/// number of the month before it), day 1–30.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    public override string ToString() => $"{Day:00}/{Month:00}{(IsLeapMonth ? " nhuận" : "")}/{Year} âm lịch";
}

/// <summary>One month of a lunar year: its number, whether it is the leap month, its first solar day and its length.</summary>
public readonly record struct LunarMonth(int Number, bool IsLeap, LocalDate FirstDay, int Days);

/// <summary>
/// The Vietnamese lunisolar calendar, computed astronomically (the algorithm published by Hồ Ngọc Đức, with the
/// new-moon and solar-longitude series of Jean Meeus, <i>Astronomical Algorithms</i>, 1998) at the meridian 105° East
/// (UTC+7), the time zone of the official Vietnamese calendar since 1967. The rules:
/// <list type="number">
/// <item>a month starts on the day (UTC+7) that contains a new moon;</item>
/// <item>the winter solstice (solar longitude 270°) always falls in month 11;</item>
/// <item>a year from one month 11 to the next has 12 or 13 months; with 13, the first month after the first month 11
///   that contains no principal term (solar longitude a multiple of 30°) is the leap month and takes the number of the
///   month before it.</item>
/// </list>
/// Because of the time zone the Vietnamese calendar sometimes differs from the Chinese one (UTC+8): lunar new year
/// 1985 was 21/01 in Vietnam and 20/02 in China, 2007 17/02 and 18/02, 2030 02/02 and 03/02.
/// Supported: the lunar years 1900–2199, i.e. the solar dates from 31/01/1900 (lunar 1/1/1900) to the eve of lunar
/// new year 2200; outside it, an <see cref="ArgumentOutOfRangeException"/>. Pure and thread-safe: each lunar year's months
/// are computed once and shared.
/// </summary>
public static class VietnameseLunarCalendar
{
    /// <summary>The first lunar year computed.</summary>
    public const int MinYear = 1900;

    /// <summary>The last lunar year computed.</summary>
    public const int MaxYear = 2199;

    private const double TimeZoneHours = 7.0;
    private const double SynodicMonth = 29.530588853;

    /// <summary>Julian day of the mean new moon number 0 (06/01/1900).</summary>
    private const double NewMoonEpoch = 2415021.076998695;

    /// <summary>Julian day number of 01/01/0001 (proleptic Gregorian), to convert with <see cref="DateOnly.DayNumber"/>.</summary>
    private const int JulianDayOfDayNumberZero = 1721426;

    // The months from one month 11 to the next, by the solar year the first month 11 starts in (MinYear - 1 .. MaxYear).
    private static readonly Span11?[] Spans = new Span11?[MaxYear - MinYear + 2];

    /// <summary>The first solar day of the lunar year: Tết Nguyên đán, lunar 1/1.</summary>
    public static LocalDate NewYear(int lunarYear) => ToSolar(new LunarDate(lunarYear, 1, 1));

    /// <summary>Giỗ Tổ Hùng Vương, lunar 10/3 (of the ordinary month 3 when the year has a leap month 3).</summary>
    public static LocalDate HungKingsDay(int lunarYear) => ToSolar(new LunarDate(lunarYear, 3, 10));

    /// <summary>The first solar day the calendar converts (lunar 1/1/<see cref="MinYear"/>).</summary>
    public static LocalDate FirstSupportedDate => NewYear(MinYear);

    /// <summary>The last solar day the calendar converts (the eve of lunar new year <see cref="MaxYear"/> + 1).</summary>
    public static LocalDate LastSupportedDate
    {
        get
        {
            var last = Months(MaxYear)[^1];
            return last.FirstDay.PlusDays(last.Days - 1);
        }
    }

    /// <summary>The months of a lunar year in order, from month 1 to month 12 (13 months in a leap year).</summary>
    public static IReadOnlyList<LunarMonth> Months(int lunarYear)
    {
        CheckYear(lunarYear);
        // months 1..10 of the year lie in the span that starts with month 11 of the year before; 11 and 12 in its own
        return [.. Span(lunarYear - 1).Months.Where(m => m.Year == lunarYear).Concat(Span(lunarYear).Months.Where(m => m.Year == lunarYear))
            .Select(m => m.Month)];
    }

    /// <summary>The lunar date of a solar date.</summary>
    public static LunarDate FromSolar(LocalDate date)
    {
        var jd = JulianDay(date);
        // the span holding the date starts with the month 11 of this solar year, or else of the year before
        var year = date.Year;
        if (year < MinYear || year > MaxYear + 1)
            throw OutOfRange(date);
        var span = year <= MaxYear && jd >= Span(year).Start ? Span(year) : Span(year - 1);
        var month = span.Months.Last(m => m.StartJulianDay <= jd);
        if (month.Year is < MinYear or > MaxYear)
            throw OutOfRange(date);
        return new LunarDate(month.Year, month.Month.Number, jd - month.StartJulianDay + 1, month.Month.IsLeap);
    }

    /// <summary>The solar date of a lunar date. Refuses a month the year does not have (a leap month other than the
    /// year's) and a day after the month's last (29 or 30).</summary>
    public static LocalDate ToSolar(LunarDate date)
    {
        CheckYear(date.Year);
        if (date.Month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(date), date.Month, "A lunar month is numbered 1 to 12.");
        var span = Span(date.Month >= 11 ? date.Year : date.Year - 1);
        var month = span.Months.FirstOrDefault(m => m.Year == date.Year && m.Month.Number == date.Month && m.Month.IsLeap == date.IsLeapMonth);
        if (month.Month.Days == 0)
            throw new ArgumentException($"The lunar year {date.Year} has no leap month {date.Month}.", nameof(date));
        if (date.Day < 1 || date.Day > month.Month.Days)
            throw new ArgumentOutOfRangeException(nameof(date), date.Day,
                $"Lunar month {date.Month}{(date.IsLeapMonth ? " (leap)" : "")} of {date.Year} has {month.Month.Days} days.");
        return month.Month.FirstDay.PlusDays(date.Day - 1);
    }

    private static void CheckYear(int lunarYear)
    {
        if (lunarYear is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(lunarYear), lunarYear,
                $"The Vietnamese lunar calendar is computed for the lunar years {MinYear}–{MaxYear}.");
    }

    private static ArgumentOutOfRangeException OutOfRange(LocalDate date) =>
        new(nameof(date), date, $"The Vietnamese lunar calendar is computed for the lunar years {MinYear}–{MaxYear} "
            + $"(solar dates from lunar new year {MinYear} to the eve of lunar new year {MaxYear + 1}).");

    // ---- the months between two months 11 ----------------------------------------------------------------------

    private readonly record struct SpanMonth(int Year, LunarMonth Month, int StartJulianDay);

    /// <summary>The months from the month 11 that starts in solar year <c>Year</c> (its first month) to the next month 11
    /// (exclusive, <see cref="End"/>).</summary>
    private sealed record Span11(int Start, int End, SpanMonth[] Months);

    private static Span11 Span(int year)
    {
        var index = year - (MinYear - 1);
        var cached = Volatile.Read(ref Spans[index]);
        if (cached is not null)
            return cached;
        var computed = ComputeSpan(year);
        return Interlocked.CompareExchange(ref Spans[index], computed, null) ?? computed;
    }

    private static Span11 ComputeSpan(int year)
    {
        var start = Month11Start(year);
        var end = Month11Start(year + 1);
        var k = (int)Math.Floor((start - NewMoonEpoch) / SynodicMonth + 0.5);
        var count = end - start > 365 ? 13 : 12;
        var leap = count == 13 ? LeapMonthOffset(k) : -1;
        var months = new SpanMonth[count];
        for (var offset = 0; offset < count; offset++)
        {
            var first = offset == 0 ? start : NewMoonDay(k + offset);
            var next = offset == count - 1 ? end : NewMoonDay(k + offset + 1);
            // offset 0 is month 11; after a leap month the numbers run one behind the offset
            var ordinal = leap >= 0 && offset >= leap ? offset - 1 : offset;
            var number = (ordinal + 10) % 12 + 1;
            var lunarYear = ordinal < 2 ? year : year + 1;
            months[offset] = new SpanMonth(lunarYear, new LunarMonth(number, offset == leap, FromJulianDay(first), next - first), first);
        }
        return new Span11(start, end, months);
    }

    /// <summary>The Julian day number on which month 11 starts in a solar year: the new moon on or before the winter solstice.</summary>
    private static int Month11Start(int year)
    {
        var k = (int)Math.Floor((JulianDay(new LocalDate(year, 12, 31)) - 2415021) / SynodicMonth);
        var newMoon = NewMoonDay(k);
        // the sun already at 270° or more at the start of that new moon's day: the solstice came before, in the previous month
        return SunSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>The offset from month 11 of the first month without a principal term (the leap month).</summary>
    private static int LeapMonthOffset(int k11)
    {
        var offset = 1;
        var sector = SunSector(NewMoonDay(k11 + 1));
        while (offset < 14)
        {
            var next = SunSector(NewMoonDay(k11 + offset + 1));
            if (next == sector)
                return offset;
            sector = next;
            offset++;
        }
        throw new InvalidOperationException("A thirteen-month year without a month lacking a principal term.");
    }

    /// <summary>The day (Julian day number, UTC+7) of new moon number <paramref name="k"/> counted from the new moon of 06/01/1900.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZoneHours / 24);

    /// <summary>Which 30° sector (0–11; 9 = from the winter solstice) the sun's longitude is in at the start (00:00 UTC+7) of a day.</summary>
    private static int SunSector(int julianDay) => (int)Math.Floor(SunLongitude(julianDay - 0.5 - TimeZoneHours / 24) / Math.PI * 6);

    /// <summary>The Julian date (TT ≈ UT) of new moon number <paramref name="k"/> (Meeus, chapter 49, abridged).</summary>
    private static double NewMoon(int k)
    {
        const double dr = Math.PI / 180;
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
                 + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // the sun's mean anomaly
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // the moon's mean anomaly
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // the moon's argument of latitude
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m)
                 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr)
                 - 0.0004 * Math.Sin(dr * 3 * mpr)
                 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr))
                 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m))
                 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr))
                 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd + c1 - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians, 0 to 2π, at a Julian date (Meeus, chapter 25, low precision).</summary>
    private static double SunLongitude(double julianDate)
    {
        const double dr = Math.PI / 180;
        var t = (julianDate - 2451545.0) / 36525;
        var t2 = t * t;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m)
                 + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }

    private static int JulianDay(LocalDate date) => date.ToDateOnly().DayNumber + JulianDayOfDayNumberZero;

    private static LocalDate FromJulianDay(int julianDay) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(julianDay - JulianDayOfDayNumberZero));
}
