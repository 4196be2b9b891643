using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Schedules;

public class generating_a_schedule
{
    [Fact]
    public void a_36_month_equal_principal_loan_with_6_months_grace_pays_interest_only_first()
    {
        // 500,000,000 ₫ at 6 %/year from 10/01/2025, due on the 10th (unadjusted), 6 months' grace.
        // Daily interest on 500,000,000 = 500,000,000 × 6 % / 365 = 82,191.78 ₫.
        // #1 10/01→10/02: 31 days → 2,547,945.21 → 2,547,945 ₫; #2 10/02→10/03: 28 days → 2,301,369.86 → 2,301,370 ₫.
        // Principal starts at #7 (10/08/2025): 500,000,000 / 30 = 16,666,666.67, rounded down to 16,666,666 ₫;
        // the last (#36) takes 500,000,000 − 29 × 16,666,666 = 16,666,686 ₫.
        // #8 10/08→10/09: 31 days on 483,333,334 → 483,333,334 × 31 × 6 / 36,500 = 2,463,013.7 → 2,463,014 ₫.
        // #36 10/12/2027→10/01/2028: 31 days on 16,666,686 → 84,931.5 → 84,932 ₫.
        var schedule = ScheduleGenerator.Generate(GraceLoan, Unadjusted);

        schedule.Instalments.Length.ShouldBe(36);
        schedule.Instalments[0].ShouldBe(new Instalment(1, D(2025, 2, 10), 31, M(0), M(2_547_945), M(500_000_000)));
        schedule.Instalments[1].ShouldBe(new Instalment(2, D(2025, 3, 10), 28, M(0), M(2_301_370), M(500_000_000)));
        schedule.Instalments.Take(6).ShouldAllBe(i => i.Principal == Money.Zero);
        schedule.Instalments[6].ShouldBe(new Instalment(7, D(2025, 8, 10), 31, M(16_666_666), M(2_547_945), M(483_333_334)));
        schedule.Instalments[7].ShouldBe(new Instalment(8, D(2025, 9, 10), 31, M(16_666_666), M(2_463_014), M(466_666_668)));
        schedule.Instalments[35].ShouldBe(new Instalment(36, D(2028, 1, 10), 31, M(16_666_686), M(84_932), M(0)));
        schedule.TotalPrincipal.ShouldBe(M(500_000_000));
        schedule.TotalInterest.ShouldBe(M(53_690_414));
    }

    [Fact]
    public void scheduled_principal_sums_exactly_to_the_loan()
    {
        // 1,000,000,001 ₫ over 7 quarters does not divide evenly: 142,857,143 × 6 + the last absorbs the remainder.
        var terms = LoanTerms.Create(M(1_000_000_001), 7.5m, D(2025, 3, 31), 21, RepaymentFrequency.Quarterly);

        var schedule = ScheduleGenerator.Generate(terms, LendingPolicy.Default);

        schedule.TotalPrincipal.ShouldBe(terms.Principal);
        schedule.Instalments[^1].BalanceAfter.ShouldBe(Money.Zero);
        schedule.Instalments.Take(6).ShouldAllBe(i => i.Principal == M(142_857_143));
        schedule.Instalments[^1].Principal.ShouldBe(M(1_000_000_001 - 6 * 142_857_143));
    }

    [Fact]
    public void a_seasonal_moratorium_puts_no_principal_in_the_crop_months()
    {
        // 420,000,000 ₫, 36 months from 10/01/2025, no principal in May–September of any year.
        // Principal-bearing months: 2025 Feb–Apr + Oct–Dec (6), 2026 Jan–Apr + Oct–Dec (7), 2027 (7), Jan 2028 (1) = 21,
        // so 420,000,000 / 21 = 20,000,000 ₫ each, exactly.
        var terms = LoanTerms.Create(M(420_000_000), 8m, D(2025, 1, 10), 36, moratoriumMonths: MonthSet.Range(5, 9));

        var schedule = ScheduleGenerator.Generate(terms, Unadjusted);

        schedule.Instalments.Where(i => i.DueDate.Month is >= 5 and <= 9).ShouldAllBe(i => i.Principal == Money.Zero);
        schedule.Instalments.Where(i => i.DueDate.Month is < 5 or > 9).ShouldAllBe(i => i.Principal == M(20_000_000));
        schedule.Instalments.Count(i => i.Principal.IsPositive).ShouldBe(21);
        schedule.TotalPrincipal.ShouldBe(M(420_000_000));
        // During the moratorium interest still falls due on the unchanged balance: May 2025 (10/04→10/05, 30 days) on
        // 360,000,000 after three instalments = 360,000,000 × 30 × 8 / 36,500 = 2,367,123.3 → 2,367,123 ₫.
        schedule.Instalments[3].ShouldBe(new Instalment(4, D(2025, 5, 10), 30, M(0), M(2_367_123), M(360_000_000)));
    }

    [Fact]
    public void an_annuity_has_equal_instalments_and_the_last_absorbs_the_rest()
    {
        // 120,000,000 ₫ at 12 %/year, 12 months: periodic rate 1 %, instalment = P·r/(1 − 1.01^−12) = 10,661,854.61
        // → 10,661,855 ₫. Principal = instalment − actual-day interest, so instalments differ only by the day count.
        var terms = LoanTerms.Create(M(120_000_000), 12m, D(2025, 1, 10), 12, method: RepaymentMethod.Annuity);

        var schedule = ScheduleGenerator.Generate(terms, Unadjusted);

        schedule.TotalPrincipal.ShouldBe(M(120_000_000));
        schedule.Instalments.Take(11).ShouldAllBe(i => i.Total == M(10_661_855));
        // #1: 31 days on 120,000,000 at 12 % = 1,223,013.7 → 1,223,014 ₫ interest, so 9,438,841 ₫ principal.
        schedule.Instalments[0].Interest.ShouldBe(M(1_223_014));
        schedule.Instalments[0].Principal.ShouldBe(M(9_438_841));
        schedule.Instalments[^1].Total.ShouldBeInRange(M(10_500_000), M(10_800_000));
    }

    [Fact]
    public void a_bullet_loan_repays_all_principal_at_maturity()
    {
        var terms = LoanTerms.Create(M(200_000_000), 5m, D(2025, 1, 15), 24, RepaymentFrequency.Quarterly, RepaymentMethod.Bullet);

        var schedule = ScheduleGenerator.Generate(terms, Unadjusted);

        schedule.Instalments.Length.ShouldBe(8);
        schedule.Instalments.Take(7).ShouldAllBe(i => i.Principal == Money.Zero && i.Interest.IsPositive);
        schedule.Instalments[^1].Principal.ShouldBe(M(200_000_000));
    }

    [Fact]
    public void an_at_maturity_loan_has_one_instalment_with_all_interest()
    {
        // 100,000,000 ₫ at 7.3 %/year for 12 months from 01/03/2025 to 01/03/2026 = 365 days → 7,300,000 ₫ exactly.
        var terms = LoanTerms.Create(M(100_000_000), 7.3m, D(2025, 3, 1), 12, RepaymentFrequency.AtMaturity);

        var schedule = ScheduleGenerator.Generate(terms, Unadjusted);

        schedule.Instalments.ShouldHaveSingleItem().ShouldBe(new Instalment(1, D(2026, 3, 1), 365, M(100_000_000), M(7_300_000), M(0)));
    }

    [Fact]
    public void a_custom_schedule_keeps_the_agreed_dates_and_amounts()
    {
        PlannedPrincipal[] agreed =
        [
            new(D(2025, 6, 30), M(30_000_000)),
            new(D(2025, 12, 31), M(50_000_000)),
            new(D(2026, 6, 30), M(20_000_000)),
        ];
        var terms = LoanTerms.Custom(M(100_000_000), 6m, D(2025, 1, 1), 18, agreed);

        var schedule = ScheduleGenerator.Generate(terms, LendingPolicy.Default);

        schedule.Instalments.Select(i => (i.DueDate, i.Principal)).ShouldBe(agreed.Select(a => (a.DueDate, a.Principal)));
        // 01/01→30/06/2025 = 180 days on 100,000,000 at 6 % = 2,958,904.1 → 2,958,904 ₫.
        schedule.Instalments[0].Interest.ShouldBe(M(2_958_904));
    }

    [Fact]
    public void due_dates_on_a_weekend_or_holiday_move_to_the_next_working_day()
    {
        // From 10/01/2025: 10/05/2025 is a Saturday → Monday 12/05; 10/08/2025 a Sunday → Monday 11/08.
        // Interest counts the actual days to the moved date: #4 10/04→12/05 = 32 days.
        var schedule = ScheduleGenerator.Generate(GraceLoan, LendingPolicy.Default);

        schedule.Instalments[3].DueDate.ShouldBe(D(2025, 5, 12));
        schedule.Instalments[3].Days.ShouldBe(32);
        schedule.Instalments[6].DueDate.ShouldBe(D(2025, 8, 11));
        schedule.TotalPrincipal.ShouldBe(M(500_000_000));
    }

    [Fact]
    public void due_dates_can_move_to_the_previous_working_day_instead()
    {
        var policy = LendingPolicy.Default with { DueDateRule = BusinessDayRule.Previous };

        var schedule = ScheduleGenerator.Generate(GraceLoan, policy);

        schedule.Instalments[3].DueDate.ShouldBe(D(2025, 5, 9));
    }

    [Fact]
    public void a_term_beyond_the_policy_maximum_is_refused()
    {
        var policy = LendingPolicy.Default with { MaxTermMonths = 24 };

        Should.Throw<ArgumentException>(() => ScheduleGenerator.Generate(GraceLoan, policy))
            .Message.ShouldContain("exceeds the policy maximum of 24 months");
    }
}
