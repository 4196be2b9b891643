using NodaTime;

namespace HtxFund.Lending;

/// <summary>The days off of one solar year, named, and the weekly rest days worked in exchange for bridge days.</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<PublicHoliday> DaysOff, IReadOnlyList<MakeUpWorkingDay> WorkingDays);

/// <summary>
/// Vietnam's public holidays, computed for any year from the rules, with the Government's yearly announcements on top.
/// <para><b>Rules</b> (Labour Code 2019, Law 45/2019/QH14, Art 112; weekly rest days Saturday and Sunday, the public
/// sector's 40-hour week):</para>
/// <list type="bullet">
/// <item>Tết Dương lịch: 1 January (Art 112.1.a).</item>
/// <item>Tết Âm lịch: five days (Art 112.1.b). The Prime Minister sets them each year (Art 112.2); the rule here, used
///   until an announcement says otherwise, is lunar new year's eve and the first four days of the new year (the day
///   before lunar 1/1 to lunar 4/1), the arrangement of 2026 (16/02–20/02/2026) and of the Ministry's usual proposal.
///   Some years the Government takes two days before lunar 1/1 and three after (2023, 2024, 2025).</item>
/// <item>Giỗ Tổ Hùng Vương: 10/3 lunar (Art 112.1.c), of the ordinary month 3 when the year has a leap month 3.</item>
/// <item>Ngày Chiến thắng: 30 April; Ngày Quốc tế Lao động: 1 May (Art 112.1.d).</item>
/// <item>Quốc khánh: 2 September and one day before or after it (Art 112.1.đ), chosen by the Prime Minister each year
///   (Art 112.2). The rule here: 1 September, unless 1 September is a weekly rest day or 3 September is the last working
///   day before one (a Friday), then 3 September. It gives every choice made since the second day was added (2021: 3/9,
///   2022: 1/9, 2023: 1/9, 2024: 3/9, 2025: 1/9, 2026: 1/9).</item>
/// <item>A holiday on a weekly rest day is compensated by the next working day (Art 112.3), in date order, each on the
///   first weekday that is not already off. Two holidays on the same weekday (Hùng Kings' day can fall on 30 April) give
///   no extra day under Art 112.3; that year's announcement decides.</item>
/// </list>
/// Lunar dates come from <see cref="VietnameseLunarCalendar"/>, so the rules cover the solar years
/// <see cref="FirstYear"/>–<see cref="LastYear"/>; another year is refused with an <see cref="ArgumentOutOfRangeException"/>.
/// <para><b>Announcements</b> (<see cref="HolidayAnnouncement"/>): for the holidays an announcement names, its days
/// replace the rule's days of that year (statutory and compensatory); its make-up working days are worked. The
/// announcements of 2025 and 2026 below are built in (calendar version 1); later ones are fund policy data that the
/// fund's administrator records as the Government publishes them.</para>
/// </summary>
public static class VietnamPublicHolidays
{
    /// <summary>The first solar year whose holidays are computed.</summary>
    public const int FirstYear = VietnameseLunarCalendar.MinYear;

    /// <summary>The last solar year whose holidays are computed.</summary>
    public const int LastYear = VietnameseLunarCalendar.MaxYear;

    /// <summary>The public sector's weekly rest days (Decision 188/1999/QĐ-TTg: Saturday and Sunday).</summary>
    public static IReadOnlyList<IsoDayOfWeek> WeeklyRest { get; } = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    /// <summary>The statutory holidays, in the order of the year.</summary>
    public static IReadOnlyList<PublicHolidayKind> Statutory { get; } =
    [
        PublicHolidayKind.NewYear, PublicHolidayKind.LunarNewYear, PublicHolidayKind.HungKings,
        PublicHolidayKind.ReunificationDay, PublicHolidayKind.LabourDay, PublicHolidayKind.NationalDay,
    ];

    /// <summary>The Vietnamese name of a holiday.</summary>
    public static string NameOf(PublicHolidayKind holiday) => holiday switch
    {
        PublicHolidayKind.NewYear => "Tết Dương lịch",
        PublicHolidayKind.LunarNewYear => "Tết Âm lịch",
        PublicHolidayKind.HungKings => "Giỗ Tổ Hùng Vương",
        PublicHolidayKind.ReunificationDay => "Ngày Chiến thắng 30/4",
        PublicHolidayKind.LabourDay => "Ngày Quốc tế Lao động 1/5",
        PublicHolidayKind.NationalDay => "Quốc khánh 2/9",
        PublicHolidayKind.Other => "Ngày nghỉ khác",
        _ => throw new ArgumentOutOfRangeException(nameof(holiday), holiday, "Unknown holiday."),
    };

    /// <summary>The days the rules give a statutory holiday in a solar year, before compensation (some may fall on a
    /// weekly rest day).</summary>
    public static IReadOnlyList<LocalDate> StatutoryDays(int year, PublicHolidayKind holiday)
    {
        CheckYear(year);
        switch (holiday)
        {
            case PublicHolidayKind.NewYear:
                return [new LocalDate(year, 1, 1)];
            case PublicHolidayKind.LunarNewYear:
            {
                var newYear = VietnameseLunarCalendar.NewYear(year);
                return [.. Enumerable.Range(-1, 5).Select(newYear.PlusDays)];
            }
            case PublicHolidayKind.HungKings:
                return [VietnameseLunarCalendar.HungKingsDay(year)];
            case PublicHolidayKind.ReunificationDay:
                return [new LocalDate(year, 4, 30)];
            case PublicHolidayKind.LabourDay:
                return [new LocalDate(year, 5, 1)];
            case PublicHolidayKind.NationalDay:
            {
                var before = new LocalDate(year, 9, 1);
                var after = new LocalDate(year, 9, 3);
                var adjacent = IsRest(before) || (!IsRest(after) && IsRest(after.PlusDays(1))) ? after : before;
                return [.. new[] { new LocalDate(year, 9, 2), adjacent }.Order()];
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(holiday), holiday, "Only the statutory holidays have rules.");
        }
    }

    /// <summary>The announcements built into version 1 (public-sector break plans approved by the Prime Minister).</summary>
    public static IReadOnlyList<HolidayAnnouncement> BuiltIn { get; } =
    [
        new(new Guid("b0117e00-0000-4000-8000-202500000001"), 2025, [PublicHolidayKind.LunarNewYear],
            Span(new LocalDate(2025, 1, 25), new LocalDate(2025, 2, 2)), [],
            "Văn phòng Chính phủ, văn bản 8726/VPCP-KGVX ngày 26/11/2024 (ý kiến của Thủ tướng về nghỉ Tết Âm lịch và một số dịp "
            + "nghỉ lễ năm 2025): nghỉ từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025; năm ngày Tết là thứ Hai 27/01 đến thứ Sáu 31/01 "
            + "(mùng 1 Tết là 29/01/2025)."),
        new(new Guid("b0117e00-0000-4000-8000-202500000002"), 2025, [PublicHolidayKind.ReunificationDay, PublicHolidayKind.LabourDay],
            Span(new LocalDate(2025, 4, 30), new LocalDate(2025, 5, 4)), [new LocalDate(2025, 4, 26)],
            "Lịch nghỉ lễ 30/4 – 1/5/2025 của cán bộ, công chức, viên chức được Thủ tướng đồng ý: nghỉ từ thứ Tư 30/04 đến hết "
            + "Chủ nhật 04/05/2025, hoán đổi ngày làm việc thứ Sáu 02/05 với thứ Bảy 26/04/2025."),
        new(new Guid("b0117e00-0000-4000-8000-202500000003"), 2025, [PublicHolidayKind.NationalDay],
            Span(new LocalDate(2025, 8, 30), new LocalDate(2025, 9, 2)), [],
            "Lịch nghỉ lễ năm 2025 được Thủ tướng đồng ý (Văn phòng Chính phủ, văn bản 8726/VPCP-KGVX ngày 26/11/2024): "
            + "Quốc khánh nghỉ từ thứ Bảy 30/08 đến hết thứ Ba 02/09/2025 (thứ Hai 01/09 và thứ Ba 02/09)."),
        new(new Guid("b0117e00-0000-4000-8000-202600000001"), 2026, [PublicHolidayKind.NewYear],
            Span(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 4)), [new LocalDate(2026, 1, 10)],
            "Văn phòng Chính phủ, văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ tướng đồng ý đề xuất của Bộ Nội vụ): nghỉ từ "
            + "thứ Năm 01/01 đến hết Chủ nhật 04/01/2026, hoán đổi ngày làm việc thứ Sáu 02/01 với thứ Bảy 10/01/2026."),
        new(new Guid("b0117e00-0000-4000-8000-202600000002"), 2026, [PublicHolidayKind.LunarNewYear],
            Span(new LocalDate(2026, 2, 14), new LocalDate(2026, 2, 22)), [],
            "Phương án nghỉ Tết Âm lịch và Quốc khánh năm 2026 được Thủ tướng phê duyệt (thông báo của Văn phòng Chính phủ ngày "
            + "13/10/2025): nghỉ từ thứ Bảy 14/02 (27 tháng Chạp) đến hết Chủ nhật 22/02/2026; năm ngày Tết là thứ Hai 16/02 đến "
            + "thứ Sáu 20/02 (mùng 1 Tết là 17/02/2026)."),
        new(new Guid("b0117e00-0000-4000-8000-202600000003"), 2026, [PublicHolidayKind.NationalDay],
            Span(new LocalDate(2026, 8, 29), new LocalDate(2026, 9, 2)), [new LocalDate(2026, 8, 22)],
            "Phương án nghỉ Tết Âm lịch và Quốc khánh năm 2026 được Thủ tướng phê duyệt (thông báo của Văn phòng Chính phủ ngày "
            + "13/10/2025): nghỉ từ thứ Bảy 29/08 đến hết thứ Tư 02/09/2026, hoán đổi ngày làm việc thứ Hai 31/08 với thứ Bảy 22/08/2026."),
    ];

    /// <summary>Version 1 of the calendar: the rules and the built-in announcements (declared after them, which it uses).</summary>
    public static WorkingDayCalendar Calendar { get; } = Create(1, []);

    /// <summary>
    /// The calendar of a version: the rules with <paramref name="announcements"/> on top, where a later announcement
    /// replaces any earlier one for the same holiday of the same year (<see cref="HolidayAnnouncement.Overlaps"/>). The
    /// built-in announcements come first unless <paramref name="withBuiltIn"/> is false.
    /// </summary>
    public static WorkingDayCalendar Create(int version, IEnumerable<HolidayAnnouncement> announcements, bool withBuiltIn = true)
    {
        var inForce = InForce(withBuiltIn ? [.. BuiltIn, .. announcements] : announcements);
        return WorkingDayCalendar.FromRules(WeeklyRest, version, year =>
        {
            var days = Year(year, inForce);
            return new YearDays(days.DaysOff.Select(d => d.Date).ToHashSet(), days.WorkingDays.Select(d => d.Date).ToHashSet());
        });
    }

    /// <summary>The announcements in force after applying them in order: each replaces the earlier ones it overlaps.</summary>
    public static IReadOnlyList<HolidayAnnouncement> InForce(IEnumerable<HolidayAnnouncement> inOrder)
    {
        var list = new List<HolidayAnnouncement>();
        foreach (var a in inOrder)
        {
            list.RemoveAll(a.Overlaps);
            list.Add(a);
        }
        return list;
    }

    /// <summary>The named days off and make-up working days of a solar year under the announcements in force.</summary>
    public static HolidayYear Year(int year, IReadOnlyCollection<HolidayAnnouncement> inForce)
    {
        CheckYear(year);
        // the year's own announcements, and next year's New Year announcement, which may reach back into late December
        var touching = inForce.Where(a => a.Year == year || a.Year == year + 1).ToList();
        var announcedHolidays = touching.Where(a => a.Year == year).SelectMany(a => a.Holidays).ToHashSet();

        var days = new List<PublicHoliday>();
        foreach (var a in touching)
        {
            var first = a.Holidays.Min();
            days.AddRange(a.DaysOff.Where(d => d.Year == year).Distinct().Select(d => new PublicHoliday(d, first, a.DisplayName(), HolidayBasis.Announced, a.Id)));
        }
        var statutory = Statutory.Where(h => !announcedHolidays.Contains(h))
            .SelectMany(h => StatutoryDays(year, h).Select(d => new PublicHoliday(d, h, NameOf(h), HolidayBasis.Statutory)))
            .ToList();
        days.AddRange(statutory);

        var off = days.Select(d => d.Date).ToHashSet();
        foreach (var onRestDay in statutory.Where(h => IsRest(h.Date)).OrderBy(h => h.Date))
        {
            var day = onRestDay.Date.PlusDays(1);
            while (IsRest(day) || off.Contains(day))
                day = day.PlusDays(1);
            off.Add(day);
            days.Add(onRestDay with { Date = day, Basis = HolidayBasis.Compensatory });
        }

        var worked = touching
            .SelectMany(a => a.WorkingDays.Where(d => d.Year == year).Distinct().Select(d => new MakeUpWorkingDay(d, a.DisplayName(), a.Id)))
            .OrderBy(d => d.Date).ToList();
        return new HolidayYear(year, [.. days.OrderBy(d => d.Date).ThenBy(d => d.Holiday)], worked);
    }

    /// <summary>Whether a date is one of <see cref="WeeklyRest"/>.</summary>
    public static bool IsRest(LocalDate date) => date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    private static void CheckYear(int year)
    {
        if (year is < FirstYear or > LastYear)
            throw new ArgumentOutOfRangeException(nameof(year), year,
                $"Vietnam's public holidays are computed for the years {FirstYear}–{LastYear} (the lunar calendar's range).");
    }

    private static IReadOnlyList<LocalDate> Span(LocalDate first, LocalDate last) =>
        [.. Enumerable.Range(0, Period.Between(first, last, PeriodUnits.Days).Days + 1).Select(first.PlusDays)];
}
