using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Schedules;

public class placing_due_dates_off_holidays
{
    /// <summary>Lunar new year (mùng 1 Tết) and Hùng Kings' day (10/3 lunar) as published in Vietnam, 2028–2035 (the
    /// Vietnamese calendar, UTC+7: 2030's new year is 02/02, a day before China's).</summary>
    private static readonly (LocalDate NewYear, LocalDate HungKings)[] Published =
    [
        (D(2028, 1, 26), D(2028, 4, 4)), (D(2029, 2, 13), D(2029, 4, 23)), (D(2030, 2, 2), D(2030, 4, 12)),
        (D(2031, 1, 23), D(2031, 4, 1)), (D(2032, 2, 11), D(2032, 4, 19)), (D(2033, 1, 31), D(2033, 4, 9)),
        (D(2034, 2, 19), D(2034, 4, 28)), (D(2035, 2, 8), D(2035, 4, 17)),
    ];

    /// <summary>Saturdays worked in exchange for a bridge day (announced for 2025 and 2026): working days like any other.</summary>
    private static readonly HashSet<LocalDate> MakeUpSaturdays =
        [.. VietnamPublicHolidays.BuiltIn.SelectMany(a => a.WorkingDays)];

    [Fact]
    public void no_due_date_of_a_schedule_falls_on_tet_hung_kings_day_or_a_fixed_holiday_of_2028_to_2035()
    {
        var statutory = new HashSet<LocalDate>();
        foreach (var (newYear, hungKings) in Published)
        {
            for (var d = newYear.PlusDays(-1); d <= newYear.PlusDays(3); d = d.PlusDays(1)) statutory.Add(d);
            statutory.Add(hungKings);
            statutory.UnionWith([D(newYear.Year, 1, 1), D(newYear.Year, 4, 30), D(newYear.Year, 5, 1), D(newYear.Year, 9, 2)]);
        }

        for (var start = D(2026, 1, 1); start <= D(2032, 12, 31); start = start.PlusDays(5))
        {
            foreach (var term in new[] { 12, 36, 60 })
            {
                var terms = LoanTerms.Create(M(100_000_000), 6m, start, term, RepaymentFrequency.Monthly, RepaymentMethod.EqualPrincipal);
                foreach (var due in ScheduleGenerator.Generate(terms, LendingPolicy.Default).Instalments.Select(i => i.DueDate))
                {
                    statutory.ShouldNotContain(due, $"start {start:dd/MM/yyyy}, {term} months");
                    if (!MakeUpSaturdays.Contains(due))
                        due.DayOfWeek.ShouldNotBeOneOf(IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday);
                }
            }
        }
    }

    [Fact]
    public void no_due_date_lands_on_a_computed_holiday_or_weekend_through_2040()
    {
        var off = Enumerable.Range(2025, 16)
            .SelectMany(y => VietnamPublicHolidays.Year(y, VietnamPublicHolidays.BuiltIn).DaysOff.Select(d => d.Date))
            .ToHashSet();
        off.Count.ShouldBeGreaterThan(16 * 11);
        var checkedDates = 0;
        for (var start = D(2025, 1, 1); start <= D(2030, 12, 31); start = start.PlusDays(4))
        {
            foreach (var (term, frequency) in new[] { (6, RepaymentFrequency.Monthly), (48, RepaymentFrequency.Monthly), (120, RepaymentFrequency.Quarterly) })
            {
                var terms = LoanTerms.Create(M(100_000_000), 6m, start, term, frequency, RepaymentMethod.Annuity);
                foreach (var due in ScheduleGenerator.Generate(terms, LendingPolicy.Default).Instalments.Select(i => i.DueDate).Where(d => d.Year <= 2040))
                {
                    off.ShouldNotContain(due, $"start {start:dd/MM/yyyy}, {term} months");
                    if (!MakeUpSaturdays.Contains(due))
                        VietnamPublicHolidays.IsRest(due).ShouldBeFalse($"start {start:dd/MM/yyyy}, {term} months: {due:dd/MM/yyyy}");
                    checkedDates++;
                }
            }
        }
        checkedDates.ShouldBeGreaterThan(50_000);
    }

    [Fact]
    public void a_thirty_year_schedule_is_placed_by_the_calendar_and_records_its_version()
    {
        var calendar = VietnamPublicHolidays.Create(4, []);
        var terms = LoanTerms.Create(M(900_000_000), 5m, D(2026, 1, 17), 360, RepaymentFrequency.Monthly, RepaymentMethod.EqualPrincipal);

        var schedule = ScheduleGenerator.Generate(terms, LendingPolicy.Default with { Calendar = calendar });

        schedule.CalendarVersion.ShouldBe(4);
        schedule.PolicyVersion.ShouldBe(1);
        schedule.Instalments.ShouldAllBe(i => calendar.IsWorkingDay(i.DueDate));
        // lunar new year 2037 is Sunday 15/02: Tết is Saturday 14/02 to Wednesday 18/02, the weekend compensated on
        // Thursday 19/02 and Friday 20/02, so instalment 133 (17/02/2037) is due on Monday 23/02/2037
        schedule.Instalments[132].DueDate.ShouldBe(D(2037, 2, 23));
        schedule.FinalDueDate.ShouldBe(D(2056, 1, 17));
        ScheduleGenerator.Generate(terms, LendingPolicy.Default).CalendarVersion.ShouldBe(1);
    }
}
