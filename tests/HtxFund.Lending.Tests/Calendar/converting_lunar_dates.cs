using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Calendar;

public class converting_lunar_dates
{
    /// <summary>Lunar new year (mùng 1 Tết) and Hùng Kings' day (10/3 lunar) as published for Vietnam, 2020–2035.</summary>
    public static TheoryData<LocalDate, LocalDate> Published => new()
    {
        { D(2020, 1, 25), D(2020, 4, 2) }, { D(2021, 2, 12), D(2021, 4, 21) }, { D(2022, 2, 1), D(2022, 4, 10) },
        { D(2023, 1, 22), D(2023, 4, 29) }, { D(2024, 2, 10), D(2024, 4, 18) }, { D(2025, 1, 29), D(2025, 4, 7) },
        { D(2026, 2, 17), D(2026, 4, 26) }, { D(2027, 2, 6), D(2027, 4, 16) }, { D(2028, 1, 26), D(2028, 4, 4) },
        { D(2029, 2, 13), D(2029, 4, 23) }, { D(2030, 2, 2), D(2030, 4, 12) }, { D(2031, 1, 23), D(2031, 4, 1) },
        { D(2032, 2, 11), D(2032, 4, 19) }, { D(2033, 1, 31), D(2033, 4, 9) }, { D(2034, 2, 19), D(2034, 4, 28) },
        { D(2035, 2, 8), D(2035, 4, 17) },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void lunar_new_year_and_hung_kings_day_are_the_published_dates(LocalDate newYear, LocalDate hungKings)
    {
        VietnameseLunarCalendar.NewYear(newYear.Year).ShouldBe(newYear);
        VietnameseLunarCalendar.HungKingsDay(newYear.Year).ShouldBe(hungKings);
        VietnameseLunarCalendar.FromSolar(newYear).ShouldBe(new LunarDate(newYear.Year, 1, 1));
        VietnameseLunarCalendar.FromSolar(hungKings).ShouldBe(new LunarDate(newYear.Year, 3, 10));
        VietnameseLunarCalendar.FromSolar(newYear.PlusDays(-1)).Year.ShouldBe(newYear.Year - 1, "the eve belongs to the year before");
    }

    [Fact]
    public void the_calendar_is_computed_at_utc_plus_7_where_it_differs_from_the_chinese_calendar()
    {
        // Hồ Ngọc Đức, "Computing the Vietnamese lunar calendar": new year 1985 was 21/01 in Vietnam, 20/02 in China (the
        // winter solstice of 1984 fell on 21/12 Hanoi time, 22/12 Beijing time); 2007: 17/02 and 18/02; 2030: 02/02 and
        // 03/02; 2053: 18/02 and 19/02.
        VietnameseLunarCalendar.NewYear(1985).ShouldBe(D(1985, 1, 21));
        VietnameseLunarCalendar.NewYear(2007).ShouldBe(D(2007, 2, 17));
        VietnameseLunarCalendar.NewYear(2030).ShouldBe(D(2030, 2, 2));
        VietnameseLunarCalendar.NewYear(2053).ShouldBe(D(2053, 2, 18));
        // 1985 had a leap month 2 (21/03–19/04/1985), which brought it back in step with China
        VietnameseLunarCalendar.Months(1985).ShouldContain(new LunarMonth(2, true, D(1985, 3, 21), 30));
    }

    /// <summary>
    /// Lunar new year and Hùng Kings' day (month, day) for every year 1900–2174, computed independently of the code under
    /// test: new moons and solar longitudes from PyEphem 4.1.4 (the VSOP87 and ELP2000 series) at UTC+7, months numbered
    /// by the rules of <see cref="VietnameseLunarCalendar"/>. (In 2175 and 2199 a new moon falls minutes from midnight in
    /// Hanoi and the abridged series used in production place it a day later; the table stops before.)
    /// </summary>
    private static readonly string[] NewYears =
    [
        "0131 0219 0208 0128 0216 0204 0125 0213 0202 0122 0210 0130 0218 0206 0126 0214 0203 0123 0211 0201 0220 0208 0128 0216 0205", // 1900–1924
        "0124 0213 0202 0123 0210 0130 0217 0206 0126 0214 0203 0124 0211 0131 0219 0208 0127 0215 0205 0125 0213 0202 0122 0210 0129", // 1925–1949
        "0217 0206 0127 0214 0203 0124 0212 0131 0218 0208 0128 0215 0205 0125 0213 0201 0121 0209 0129 0216 0206 0127 0215 0203 0123", // 1950–1974
        "0211 0131 0218 0207 0128 0216 0205 0125 0213 0202 0121 0209 0129 0217 0206 0127 0215 0204 0123 0210 0131 0219 0207 0128 0216", // 1975–1999
        "0205 0124 0212 0201 0122 0209 0129 0217 0207 0126 0214 0203 0123 0210 0131 0219 0208 0128 0216 0205 0125 0212 0201 0122 0210", // 2000–2024
        "0129 0217 0206 0126 0213 0202 0123 0211 0131 0219 0208 0128 0215 0204 0124 0212 0201 0122 0210 0130 0217 0206 0126 0214 0202", // 2025–2049
        "0123 0211 0201 0218 0208 0128 0215 0204 0124 0212 0202 0121 0209 0129 0217 0205 0126 0214 0203 0123 0211 0131 0219 0207 0127", // 2050–2074
        "0215 0205 0124 0212 0202 0122 0209 0129 0217 0206 0126 0214 0203 0124 0210 0130 0218 0207 0127 0215 0205 0125 0212 0201 0121", // 2075–2099
        "0209 0129 0217 0207 0128 0215 0204 0124 0212 0131 0219 0208 0129 0216 0206 0126 0214 0202 0122 0210 0130 0217 0207 0127 0215", // 2100–2124
        "0203 0123 0211 0201 0219 0208 0129 0217 0205 0125 0213 0202 0122 0210 0130 0218 0207 0127 0215 0204 0123 0211 0201 0121 0208", // 2125–2149
        "0129 0216 0205 0124 0212 0202 0123 0210 0130 0218 0207 0126 0214 0203 0124 0211 0201 0220 0209 0128 0216 0205 0125 0212 0202", // 2150–2174
    ];

    private static readonly string[] HungKingsDays =
    [
        "0409 0428 0417 0407 0425 0414 0403 0422 0410 0429 0419 0408 0426 0416 0405 0423 0411 0401 0420 0410 0428 0417 0406 0425 0413", // 1900–1924
        "0402 0421 0411 0429 0419 0408 0427 0415 0404 0423 0412 0401 0420 0410 0428 0417 0406 0424 0414 0402 0421 0411 0430 0418 0407", // 1925–1949
        "0426 0415 0404 0423 0412 0402 0420 0409 0428 0417 0405 0424 0414 0403 0421 0411 0331 0419 0407 0426 0415 0405 0423 0412 0402", // 1950–1974
        "0420 0409 0427 0416 0406 0424 0414 0403 0422 0410 0429 0418 0407 0425 0415 0405 0424 0412 0401 0420 0409 0427 0416 0406 0425", // 1975–1999
        "0414 0403 0422 0411 0428 0418 0407 0426 0415 0404 0423 0412 0331 0419 0409 0428 0416 0406 0425 0414 0402 0421 0410 0429 0418", // 2000–2024
        "0407 0426 0416 0404 0423 0412 0401 0419 0409 0428 0417 0406 0424 0413 0403 0420 0410 0429 0419 0407 0426 0415 0404 0422 0411", // 2025–2049
        "0401 0420 0409 0428 0417 0406 0424 0413 0402 0421 0410 0331 0419 0408 0426 0415 0404 0423 0411 0401 0420 0409 0427 0416 0405", // 2050–2074
        "0424 0413 0402 0421 0411 0330 0418 0407 0426 0414 0403 0422 0412 0401 0420 0409 0428 0416 0405 0424 0413 0402 0421 0411 0429", // 2075–2099
        "0418 0408 0426 0416 0404 0424 0413 0402 0420 0409 0428 0417 0406 0425 0415 0404 0422 0411 0331 0419 0407 0426 0416 0405 0423", // 2100–2124
        "0413 0402 0421 0409 0428 0417 0407 0425 0414 0404 0422 0410 0429 0419 0408 0426 0416 0405 0424 0412 0401 0420 0409 0427 0417", // 2125–2149
        "0407 0426 0414 0403 0422 0411 0330 0418 0408 0427 0416 0405 0423 0412 0401 0420 0409 0428 0417 0406 0425 0414 0402 0421 0411", // 2150–2174
    ];

    private static IEnumerable<(int Year, LocalDate Date)> Table(string[] rows) =>
        string.Join(' ', rows).Split(' ').Select((md, i) => (1900 + i, new LocalDate(1900 + i, int.Parse(md[..2]), int.Parse(md[2..]))));

    [Fact]
    public void every_lunar_new_year_and_hung_kings_day_from_1900_to_2174_matches_an_independent_ephemeris()
    {
        var newYears = Table(NewYears).ToList();
        newYears.Count.ShouldBe(275);
        foreach (var (year, date) in newYears)
            VietnameseLunarCalendar.NewYear(year).ShouldBe(date, $"lunar new year {year}");
        foreach (var (year, date) in Table(HungKingsDays))
            VietnameseLunarCalendar.HungKingsDay(year).ShouldBe(date, $"Hùng Kings' day {year}");
    }

    [Fact]
    public void hung_kings_day_is_in_the_ordinary_month_3_when_the_year_repeats_month_3()
    {
        // 2031 has a leap month 3 (Tân Hợi): 10/3 is in the first month 3, the leap one follows it
        var months = VietnameseLunarCalendar.Months(2031);
        months.Count.ShouldBe(13);
        var leap = months.Single(m => m.IsLeap);
        leap.Number.ShouldBe(3);
        VietnameseLunarCalendar.HungKingsDay(2031).ShouldBe(D(2031, 4, 1));
        VietnameseLunarCalendar.ToSolar(new LunarDate(2031, 3, 10, IsLeapMonth: true)).ShouldBe(leap.FirstDay.PlusDays(9));
    }

    [Fact]
    public void a_month_the_year_does_not_have_or_a_day_past_the_month_is_refused()
    {
        Should.Throw<ArgumentException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2026, 3, 1, IsLeapMonth: true)));
        var short2025 = VietnameseLunarCalendar.Months(2024).Last(); // month 12 of Giáp Thìn: 29 days, no "30 Tết" in 2025
        short2025.Days.ShouldBe(29);
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 12, 30)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 13, 1)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 1, 0)));
    }

    [Fact]
    public void dates_outside_the_lunar_years_1900_to_2199_are_refused_clearly()
    {
        VietnameseLunarCalendar.FirstSupportedDate.ShouldBe(D(1900, 1, 31));
        VietnameseLunarCalendar.FromSolar(D(1900, 1, 31)).ShouldBe(new LunarDate(1900, 1, 1));
        var last = VietnameseLunarCalendar.LastSupportedDate;
        VietnameseLunarCalendar.FromSolar(last).Year.ShouldBe(2199);
        VietnameseLunarCalendar.FromSolar(last).Month.ShouldBe(12);

        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(D(1900, 1, 30))).Message.ShouldContain("1900–2199");
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(last.PlusDays(1)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(D(1800, 6, 1)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(D(9999, 12, 31)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.NewYear(1899));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.HungKingsDay(2200));
    }

    [Fact]
    public void every_year_has_12_or_13_months_of_29_or_30_days_one_leap_month_in_13_and_no_gaps()
    {
        var previousEnd = VietnameseLunarCalendar.FirstSupportedDate;
        for (var year = VietnameseLunarCalendar.MinYear; year <= VietnameseLunarCalendar.MaxYear; year++)
        {
            var months = VietnameseLunarCalendar.Months(year);
            months.Count.ShouldBeInRange(12, 13, $"{year}");
            months.Count(m => m.IsLeap).ShouldBe(months.Count - 12, $"{year}");
            months.Where(m => !m.IsLeap).Select(m => m.Number).ShouldBe(Enumerable.Range(1, 12), $"{year}");
            foreach (var (month, i) in months.Select((m, i) => (m, i)))
            {
                month.Days.ShouldBeInRange(29, 30, $"{year} month {month.Number}");
                if (month.IsLeap) month.Number.ShouldBe(months[i - 1].Number, "a leap month repeats the number of the month before it");
            }
            months[0].FirstDay.ShouldBe(previousEnd, $"{year} starts the day after {year - 1} ends");
            var newYear = months[0].FirstDay;
            newYear.ShouldBeInRange(D(year, 1, 21), D(year, 2, 20), "lunar new year falls between 21 January and 20 February");
            previousEnd = months[^1].FirstDay.PlusDays(months[^1].Days);
        }
    }

    private static Arbitrary<LocalDate> SupportedDates()
    {
        var first = VietnameseLunarCalendar.FirstSupportedDate;
        var days = Period.Between(first, VietnameseLunarCalendar.LastSupportedDate, PeriodUnits.Days).Days;
        return Gen.Choose(0, days).Select(first.PlusDays).ToArbitrary();
    }

    [Property(MaxTest = 2000)]
    public Property any_supported_date_goes_to_lunar_and_back_unchanged() =>
        Prop.ForAll(SupportedDates(), date =>
        {
            var lunar = VietnameseLunarCalendar.FromSolar(date);
            return VietnameseLunarCalendar.ToSolar(lunar) == date && lunar.Day is >= 1 and <= 30 && lunar.Month is >= 1 and <= 12;
        });

    [Property(MaxTest = 2000)]
    public Property the_day_after_is_the_next_lunar_day_or_the_first_of_the_next_month() =>
        Prop.ForAll(SupportedDates(), date =>
        {
            var today = VietnameseLunarCalendar.FromSolar(date);
            var next = date.PlusDays(1) > VietnameseLunarCalendar.LastSupportedDate ? (LunarDate?)null : VietnameseLunarCalendar.FromSolar(date.PlusDays(1));
            return next is not { } n
                   || (n.Day == today.Day + 1 && n.Month == today.Month && n.IsLeapMonth == today.IsLeapMonth && n.Year == today.Year)
                   || (n.Day == 1 && today.Day is 29 or 30);
        });
}
