using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Calendar;

public class computing_vietnams_public_holidays
{
    private static IReadOnlyList<LocalDate> Off(int year, IReadOnlyCollection<HolidayAnnouncement>? announcements = null) =>
        [.. VietnamPublicHolidays.Year(year, announcements ?? []).DaysOff.Select(d => d.Date).Where(d => !VietnamPublicHolidays.IsRest(d)).Distinct()];

    private static HolidayAnnouncement Announcement(int year, PublicHolidayKind[] holidays, LocalDate[] daysOff, LocalDate[]? workingDays = null,
        string? name = null) =>
        new(Guid.NewGuid(), year, holidays, daysOff, workingDays ?? [], "Thông báo thử", name);

    [Fact]
    public void a_year_without_announcements_follows_the_labour_code_rules()
    {
        // 2027: Tết eve Friday 05/02 to lunar 4/1 Tuesday 09/02, the weekend compensated on Wednesday 10/02 and Thursday 11/02;
        // Hùng Kings Friday 16/04; 30/04 Friday; 01/05 a Saturday, compensated Monday 03/05; 02/09 Thursday with Friday 03/09.
        Off(2027).ShouldBe([
            D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10), D(2027, 2, 11), D(2027, 4, 16),
            D(2027, 4, 30), D(2027, 5, 3), D(2027, 9, 2), D(2027, 9, 3),
        ]);
        var year = VietnamPublicHolidays.Year(2027, []);
        year.DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear && d.Basis == HolidayBasis.Statutory).Count().ShouldBe(5);
        year.DaysOff.Single(d => d.Date == D(2027, 5, 3)).ShouldBe(
            new PublicHoliday(D(2027, 5, 3), PublicHolidayKind.LabourDay, "Ngày Quốc tế Lao động 1/5", HolidayBasis.Compensatory));
        year.WorkingDays.ShouldBeEmpty();
    }

    [Fact]
    public void holidays_on_a_weekly_rest_day_are_compensated_on_the_next_weekdays_not_already_off()
    {
        // 2028: 01/01 Saturday → Monday 03/01; Tết 25/01–29/01 (Saturday) → Monday 31/01; 30/04 Sunday and 01/05 Monday
        // → Tuesday 02/05; 02/09 Saturday with Friday 01/09 → Monday 04/09.
        Off(2028).ShouldBe([
            D(2028, 1, 3), D(2028, 1, 25), D(2028, 1, 26), D(2028, 1, 27), D(2028, 1, 28), D(2028, 1, 31), D(2028, 4, 4),
            D(2028, 5, 1), D(2028, 5, 2), D(2028, 9, 1), D(2028, 9, 4),
        ]);
        // 2033: Hùng Kings Saturday 09/04 → Monday 11/04; 30/04 Saturday and 01/05 Sunday → Monday 02/05 and Tuesday 03/05
        Off(2033).ShouldContain(D(2033, 4, 11));
        Off(2033).Where(d => d.Month == 5).ShouldBe([D(2033, 5, 2), D(2033, 5, 3)]);
    }

    [Theory]
    [InlineData(2021, 3)] // Thursday 02/09: Friday 03/09
    [InlineData(2022, 1)] // Friday: Thursday 01/09
    [InlineData(2023, 1)] // Saturday: Friday 01/09 (and Monday 04/09 for the Saturday)
    [InlineData(2024, 3)] // Monday: Tuesday 03/09
    [InlineData(2025, 1)] // Tuesday: Monday 01/09
    [InlineData(2026, 1)] // Wednesday: Tuesday 01/09
    [InlineData(2029, 3)] // Sunday: Monday 03/09 (01/09 is a Saturday)
    public void national_days_adjacent_day_follows_the_rule_that_gives_every_choice_made_since_2021(int year, int day)
    {
        VietnamPublicHolidays.StatutoryDays(year, PublicHolidayKind.NationalDay).ShouldBe(
            [.. new[] { D(year, 9, 2), D(year, 9, day) }.Order()]);
    }

    [Fact]
    public void the_2023_national_day_rule_gives_the_break_the_government_announced()
    {
        // 2023 was announced as Friday 01/09 to Monday 04/09
        Off(2023).Where(d => d.Month == 9).ShouldBe([D(2023, 9, 1), D(2023, 9, 4)]);
    }

    [Fact]
    public void tet_is_lunar_new_years_eve_and_the_first_four_days_of_the_new_year_by_default()
    {
        VietnamPublicHolidays.StatutoryDays(2030, PublicHolidayKind.LunarNewYear).ShouldBe(
            [D(2030, 2, 1), D(2030, 2, 2), D(2030, 2, 3), D(2030, 2, 4), D(2030, 2, 5)]);
        VietnamPublicHolidays.StatutoryDays(2031, PublicHolidayKind.HungKings).ShouldBe([D(2031, 4, 1)]);
        Should.Throw<ArgumentOutOfRangeException>(() => VietnamPublicHolidays.StatutoryDays(2031, PublicHolidayKind.Other));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnamPublicHolidays.StatutoryDays(2200, PublicHolidayKind.NewYear));
    }

    [Fact]
    public void the_built_in_2025_and_2026_announcements_replace_the_rules_for_the_holidays_they_name()
    {
        var y2025 = VietnamPublicHolidays.Year(2025, VietnamPublicHolidays.BuiltIn);
        // Tết 2025 as announced: weekdays 27/01–31/01, not the rule's 28/01–03/02
        y2025.DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear).Select(d => d.Date)
            .ShouldBe(Enumerable.Range(0, 9).Select(i => D(2025, 1, 25).PlusDays(i)));
        y2025.DaysOff.ShouldContain(d => d.Date == D(2025, 5, 2) && d.Basis == HolidayBasis.Announced);
        y2025.WorkingDays.Select(d => d.Date).ShouldBe([D(2025, 4, 26)]);
        // Hùng Kings 2025 was not announced apart: the rule gives Monday 07/04
        y2025.DaysOff.Single(d => d.Holiday == PublicHolidayKind.HungKings).ShouldBe(
            new PublicHoliday(D(2025, 4, 7), PublicHolidayKind.HungKings, "Giỗ Tổ Hùng Vương", HolidayBasis.Statutory));

        var calendar = VietnamPublicHolidays.Calendar;
        calendar.Version.ShouldBe(1);
        calendar.IsWorkingDay(D(2026, 1, 2)).ShouldBeFalse("New Year 2026: Friday 02/01 bridged");
        calendar.IsWorkingDay(D(2026, 1, 10)).ShouldBeTrue("against Saturday 10/01/2026");
        calendar.IsWorkingDay(D(2026, 8, 31)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2026, 8, 22)).ShouldBeTrue();
        calendar.IsWorkingDay(D(2026, 4, 27)).ShouldBeFalse("Hùng Kings 2026 (Sunday 26/04) compensated by the rule");
        VietnamPublicHolidays.BuiltIn.ShouldAllBe(a => a.Source.Length > 0 && a.DaysOff.All(d => d >= a.FirstAllowedDate() && d <= a.LastAllowedDate()));
    }

    [Fact]
    public void an_announcement_replaces_the_rule_days_of_its_holidays_and_the_compensation_follows()
    {
        // A 2027 Tết of two days before lunar 1/1 and three after (04/02–08/02) with a bridge on Friday 12/02 worked back on
        // Saturday 20/02: the rule's days (05/02–11/02) give way, and nothing else moves.
        var tet = Announcement(2027, [PublicHolidayKind.LunarNewYear],
            [D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10), D(2027, 2, 11), D(2027, 2, 12)],
            [D(2027, 2, 20)]);
        var calendar = VietnamPublicHolidays.Create(2, [tet]);

        calendar.Version.ShouldBe(2);
        calendar.IsWorkingDay(D(2027, 2, 4)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2027, 2, 12)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2027, 2, 15)).ShouldBeTrue();
        calendar.IsWorkingDay(D(2027, 2, 20)).ShouldBeTrue("the make-up Saturday");
        calendar.IsWorkingDay(D(2027, 4, 16)).ShouldBeFalse("Hùng Kings' day still follows the rule");
        VietnamPublicHolidays.Calendar.IsWorkingDay(D(2027, 2, 4)).ShouldBeTrue("version 1 is unchanged");
        VietnamPublicHolidays.Year(2027, [tet]).DaysOff.Where(d => d.Holiday == PublicHolidayKind.LunarNewYear)
            .ShouldAllBe(d => d.Basis == HolidayBasis.Announced && d.AnnouncementId == tet.Id);
    }

    [Fact]
    public void an_announcement_of_30_april_and_1_may_together_leaves_no_stray_compensation()
    {
        // 2022-like: 30/04 Saturday and 01/05 Sunday announced as 30/04–03/05; had only Labour Day been announced, the
        // rule would have compensated 30/04 on the first free weekday after the span.
        var both = Announcement(2033, [PublicHolidayKind.ReunificationDay, PublicHolidayKind.LabourDay],
            [D(2033, 4, 30), D(2033, 5, 1), D(2033, 5, 2), D(2033, 5, 3)]);
        Off(2033, [both]).Where(d => d.Month == 5).ShouldBe([D(2033, 5, 2), D(2033, 5, 3)]);
        VietnamPublicHolidays.Year(2033, [both]).DaysOff.First(d => d.Date == D(2033, 5, 2)).Name
            .ShouldBe("Ngày Chiến thắng 30/4 và Ngày Quốc tế Lao động 1/5");
    }

    [Fact]
    public void a_new_year_announcement_may_reach_back_into_the_last_week_of_december()
    {
        // New Year 2019 was 29/12/2018 to 01/01/2019, Monday 31/12/2018 bridged against Saturday 05/01/2019
        var newYear = Announcement(2031, [PublicHolidayKind.NewYear], [D(2030, 12, 30), D(2030, 12, 31), D(2031, 1, 1)], [D(2031, 1, 4)]);
        newYear.FirstAllowedDate().ShouldBe(D(2030, 12, 24));
        var calendar = VietnamPublicHolidays.Create(2, [newYear]);

        calendar.IsWorkingDay(D(2030, 12, 30)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2030, 12, 31)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2031, 1, 4)).ShouldBeTrue();
        VietnamPublicHolidays.Year(2030, [newYear]).DaysOff.ShouldContain(d => d.Date == D(2030, 12, 31) && d.AnnouncementId == newYear.Id);
        VietnamPublicHolidays.Year(2030, [newYear]).DaysOff.ShouldContain(d => d.Date == D(2030, 1, 1) && d.Basis == HolidayBasis.Statutory);
    }

    [Fact]
    public void a_later_announcement_replaces_an_earlier_one_for_the_same_holiday_and_year()
    {
        var first = Announcement(2027, [PublicHolidayKind.NationalDay], [D(2027, 9, 2), D(2027, 9, 3)]);
        var corrected = Announcement(2027, [PublicHolidayKind.NationalDay], [D(2027, 9, 1), D(2027, 9, 2)]);
        var special = Announcement(2027, [PublicHolidayKind.Other], [D(2027, 11, 24)], name: "Ngày Văn hóa Việt Nam");

        VietnamPublicHolidays.InForce([first, special, corrected]).ShouldBe([special, corrected]);
        var calendar = VietnamPublicHolidays.Create(4, [first, special, corrected], withBuiltIn: false);
        calendar.IsWorkingDay(D(2027, 9, 3)).ShouldBeTrue();
        calendar.IsWorkingDay(D(2027, 9, 1)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2027, 11, 24)).ShouldBeFalse();
        VietnamPublicHolidays.Year(2027, [special]).DaysOff.Single(d => d.Date == D(2027, 11, 24)).Name.ShouldBe("Ngày Văn hóa Việt Nam");
        first.SameDecisionAs(first with { Id = Guid.NewGuid(), DaysOff = [D(2027, 9, 3), D(2027, 9, 2)] }).ShouldBeTrue();
        first.SameDecisionAs(corrected).ShouldBeFalse();
    }

    [Fact]
    public void every_year_of_the_range_has_the_statutory_count_of_days_off_on_weekdays_or_more()
    {
        for (var year = VietnamPublicHolidays.FirstYear; year <= VietnamPublicHolidays.LastYear; year++)
        {
            var days = VietnamPublicHolidays.Year(year, []).DaysOff;
            // 11 statutory days (Art 112.1); each one on a rest day gives a weekday; two on one weekday give one
            var weekdays = days.Select(d => d.Date).Where(d => !VietnamPublicHolidays.IsRest(d)).Distinct().Count();
            var coinciding = days.Where(d => d.Basis == HolidayBasis.Statutory && !VietnamPublicHolidays.IsRest(d.Date))
                .GroupBy(d => d.Date).Sum(g => g.Count() - 1);
            (weekdays + coinciding).ShouldBe(11, $"{year}");
            days.Where(d => d.Basis == HolidayBasis.Compensatory).ShouldAllBe(d => !VietnamPublicHolidays.IsRest(d.Date) && d.Date.Year == year);
        }
    }
}
