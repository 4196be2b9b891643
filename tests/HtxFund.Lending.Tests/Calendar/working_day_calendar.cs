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
            D(2040, 2, 13), D(2060, 9, 2), D(2199, 1, 1),
        ];
        holidays.ShouldAllBe(d => !Vietnam.IsWorkingDay(d));
    }

    [Fact]
    public void a_make_up_saturday_is_a_working_day()
    {
        Vietnam.IsWorkingDay(D(2025, 4, 26)).ShouldBeTrue();
        Vietnam.IsWorkingDay(D(2025, 4, 19)).ShouldBeFalse();
        Vietnam.IsWorkingDay(D(2026, 1, 10)).ShouldBeTrue();
        Vietnam.IsWorkingDay(D(2026, 8, 22)).ShouldBeTrue();
    }

    [Fact]
    public void a_due_date_in_tet_moves_to_the_first_working_day_after_or_before()
    {
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Next).ShouldBe(D(2026, 2, 23));
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Previous).ShouldBe(D(2026, 2, 13));
        Vietnam.Adjust(D(2026, 2, 17), BusinessDayRule.Unadjusted).ShouldBe(D(2026, 2, 17));
        Vietnam.Adjust(D(2026, 2, 12), BusinessDayRule.Next).ShouldBe(D(2026, 2, 12));
        // 2028 comes from the rules alone: Tết 25/01–29/01 and Monday 31/01 for Saturday 29/01
        Vietnam.Adjust(D(2028, 1, 26), BusinessDayRule.Next).ShouldBe(D(2028, 2, 1));
        Vietnam.Adjust(D(2028, 1, 26), BusinessDayRule.Previous).ShouldBe(D(2028, 1, 24));
    }

    [Fact]
    public void working_days_count_for_processing_targets()
    {
        // A complete file on Friday 24/04/2026: 27/04 (Hùng Kings, compensated), 30/04 and 01/05 are off, so five
        // working days later is Wednesday 06/05/2026 (28, 29/04, 04, 05, 06/05).
        Vietnam.AddWorkingDays(D(2026, 4, 24), 5).ShouldBe(D(2026, 5, 6));
        Vietnam.WorkingDaysBetween(D(2026, 4, 24), D(2026, 5, 6)).ShouldBe(5);
        // across a year end: 31/12/2027 (Friday) + 1 working day is Tuesday 04/01/2028 (1/1/2028, a Saturday, is compensated on Monday 03/01)
        Vietnam.AddWorkingDays(D(2027, 12, 31), 1).ShouldBe(D(2028, 1, 4));
        Vietnam.WorkingDaysBetween(D(2027, 12, 31), D(2028, 1, 4)).ShouldBe(1);
        Vietnam.WorkingDaysBetween(D(2026, 5, 6), D(2026, 4, 24)).ShouldBe(0);
    }

    [Fact]
    public void weekend_rules_are_data()
    {
        var sundayOnly = WorkingDayCalendar.Create([IsoDayOfWeek.Sunday], []);

        sundayOnly.IsWorkingDay(D(2025, 5, 10)).ShouldBeTrue();
        sundayOnly.IsWorkingDay(D(2025, 5, 11)).ShouldBeFalse();
        sundayOnly.Weekend.ShouldBe([IsoDayOfWeek.Sunday]);
        Should.Throw<ArgumentException>(() => WorkingDayCalendar.Create(
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], []));
    }

    [Fact]
    public void a_calendar_from_fixed_lists_works_in_any_year_and_refuses_a_day_both_off_and_worked()
    {
        // 04/03/1850 is a Monday; 06/03/2400 a Monday, 04/03/2400 a Saturday, 05/03/2400 a Sunday
        var fixedDays = WorkingDayCalendar.Create([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday], [D(1850, 3, 4), D(2400, 3, 6)], [D(2400, 3, 4)], version: 7);

        fixedDays.Version.ShouldBe(7);
        fixedDays.IsWorkingDay(D(1850, 3, 4)).ShouldBeFalse();
        fixedDays.IsWorkingDay(D(1850, 3, 5)).ShouldBeTrue();
        fixedDays.IsWorkingDay(D(2400, 3, 6)).ShouldBeFalse();
        fixedDays.IsWorkingDay(D(2400, 3, 4)).ShouldBeTrue("a Saturday worked");
        fixedDays.IsWorkingDay(D(2400, 3, 5)).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => WorkingDayCalendar.Create([IsoDayOfWeek.Sunday], [D(2026, 1, 3)], [D(2026, 1, 3)]));
        Should.Throw<ArgumentException>(() => WorkingDayCalendar.FromRules([IsoDayOfWeek.Sunday], 0, _ => YearDays.None));
    }

    [Fact]
    public void the_vietnamese_calendar_refuses_a_year_it_cannot_compute()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Vietnam.IsWorkingDay(D(2200, 3, 2))).Message.ShouldContain("1900–2199");
        Should.Throw<ArgumentOutOfRangeException>(() => Vietnam.IsWorkingDay(D(1899, 12, 29)));
    }

    [Fact]
    public void a_calendar_answers_the_same_from_many_threads_at_once()
    {
        var calendar = VietnamPublicHolidays.Create(3, []);
        var dates = Enumerable.Range(0, 40_000).Select(i => D(2026, 1, 1).PlusDays(i % 25_000)).ToArray();
        var sequential = VietnamPublicHolidays.Create(3, []);
        var expected = dates.Select(sequential.IsWorkingDay).ToArray();

        var actual = new bool[dates.Length];
        Parallel.For(0, dates.Length, i => actual[i] = calendar.IsWorkingDay(dates[i]));

        actual.ShouldBe(expected);
    }
}
