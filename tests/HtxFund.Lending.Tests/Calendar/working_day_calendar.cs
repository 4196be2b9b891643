using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Calendar;

public class working_day_calendar
{
    private static readonly WorkingDayCalendar Vietnam = VietnamPublicHolidays.Calendar;

    [Fact]
    public void the_announced_tet_breaks_are_days_off()
    {
        // 2025: 25/01–02/02 announced; 2026: 14/02–22/02 approved (Government Office notice 13/10/2025).
        Vietnam.IsWorkingDay(D(2025, 1, 24)).ShouldBeTrue();
        Enumerable.Range(0, 9).Select(i => D(2025, 1, 25).PlusDays(i)).ShouldAllBe(d => !Vietnam.IsWorkingDay(d));
        Vietnam.IsWorkingDay(D(2025, 2, 3)).ShouldBeTrue();
        Enumerable.Range(0, 9).Select(i => D(2026, 2, 14).PlusDays(i)).ShouldAllBe(d => !Vietnam.IsWorkingDay(d));
        Vietnam.IsWorkingDay(D(2026, 2, 23)).ShouldBeTrue();
    }

    [Fact]
    public void statutory_days_of_every_year_are_included()
    {
        LocalDate[] holidays =
        [
            D(2025, 1, 1), D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 9, 2),
            D(2026, 1, 1), D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2),
            D(2027, 1, 1), D(2027, 2, 8), D(2027, 4, 16), D(2027, 4, 30), D(2027, 5, 3), D(2027, 9, 2),
        ];
        holidays.ShouldAllBe(d => !Vietnam.IsWorkingDay(d));
    }

    [Fact]
    public void a_make_up_saturday_is_a_working_day()
    {
        Vietnam.IsWorkingDay(D(2025, 4, 26)).ShouldBeTrue();
        Vietnam.IsWorkingDay(D(2025, 4, 19)).ShouldBeFalse();
    }

    [Fact]
    public void a_due_date_in_tet_moves_to_the_first_working_day_after_or_before()
    {
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Next).ShouldBe(D(2026, 2, 23));
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Previous).ShouldBe(D(2026, 2, 13));
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Unadjusted).ShouldBe(D(2026, 2, 17));
        Vietnam.Adjust(D(2026, 2, 12), BusinessDayRule.Next).ShouldBe(D(2026, 2, 12));
    }

    [Fact]
    public void working_days_count_for_processing_targets()
    {
        // A complete file on Friday 24/04/2026: 27/04 (Hùng Kings, compensated), 30/04 and 01/05 are off, so five
        // working days later is Wednesday 06/05/2026 (28, 29/04, 04, 05, 06/05).
        Vietnam.AddWorkingDays(D(2026, 4, 24), 5).ShouldBe(D(2026, 5, 6));
        Vietnam.WorkingDaysBetween(D(2026, 4, 24), D(2026, 5, 6)).ShouldBe(5);
    }

    [Fact]
    public void weekend_rules_are_data()
    {
        var sundayOnly = WorkingDayCalendar.Create([IsoDayOfWeek.Sunday], []);

        sundayOnly.IsWorkingDay(D(2025, 5, 10)).ShouldBeTrue();
        sundayOnly.IsWorkingDay(D(2025, 5, 11)).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => WorkingDayCalendar.Create(
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], []));
    }

    [Fact]
    public void each_holiday_says_whether_it_is_statutory_or_announced()
    {
        VietnamPublicHolidays.Y2026.Single(h => h.Date == D(2026, 8, 31)).Basis.ShouldBe(HolidayBasis.AnnouncedBridge);
        VietnamPublicHolidays.Y2026.Single(h => h.Date == D(2026, 4, 27)).Basis.ShouldBe(HolidayBasis.Compensatory);
        VietnamPublicHolidays.Y2027.Where(h => h.Name == "Tết Âm lịch" && h.Basis == HolidayBasis.Statutory).Count().ShouldBe(5);
    }
}
