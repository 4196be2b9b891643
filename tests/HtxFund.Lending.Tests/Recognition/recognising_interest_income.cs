using NodaTime;
using Shouldly;
using Xunit;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Recognition;

/// <summary>
/// Worked example: 500,000,000 ₫ at 7.3 %/year (100,000 ₫ a day on the whole principal), 10 monthly instalments of
/// 50,000,000 ₫ from 01/01/2026, due on the 1st; overdue rate 150 % = 10.95 %/year (15,000 ₫ a day on 50,000,000 ₫),
/// interest on late interest 7.3 %/year (620 ₫ a day on 3,100,000 ₫). Nothing is paid on 01/02/2026: the loan is in
/// group 1 until 10/02 (9 days past due) and falls to group 2 on 11/02 (10 days).
/// </summary>
public class recognising_interest_income
{
    private static readonly LendingPolicy Policy = Unadjusted with { LateInterestRatePercentPerYear = 7.3m };

    private static readonly LoanTerms Terms = LoanTerms.Create(M(500_000_000), 7.3m, D(2026, 1, 1), 10,
        RepaymentFrequency.Monthly, RepaymentMethod.EqualPrincipal);

    private static readonly LoanTransaction[] Disbursed = [new Disbursement(D(2026, 1, 1), M(500_000_000))];

    private static readonly RepaymentSchedule Schedule = ScheduleGenerator.Generate(Terms, Policy);

    private static InterestPosition At(LocalDate date, LocalDate? writtenOff = null, params LoanTransaction[] more) =>
        InterestRecognition.At(LoanValuator.Value(Schedule, [.. Disbursed, .. more], date, Policy), Policy, writtenOff);

    private static InterestIncome Income(LocalDate from, LocalDate to, params LoanTransaction[] more) =>
        InterestRecognition.Period(Schedule, [.. Disbursed, .. more], Policy, null, from, to)!;

    [Fact]
    public void a_group_1_loan_carries_its_whole_receivable_on_the_balance_sheet()
    {
        var p = At(D(2026, 2, 10));

        p.Group.ShouldBe(DebtGroup.Group1);
        // overdue interest of January 31 days × 100,000 + 9 days × 90,000 accrued on 450,000,000
        p.ContractualReceivable.ShouldBe(M(3_100_000 + 810_000));
        // 9 days × 15,000 on the overdue principal + 9 days × 620 on the late interest
        p.PenaltyReceivable.ShouldBe(M(135_000 + 5_580));
        p.OnBalance.ShouldBe(M(4_050_580));
        p.OffBalance.ShouldBe(Money.Zero);
        p.Charged.ShouldBe(M(4_050_580));
    }

    [Fact]
    public void from_the_day_it_leaves_group_1_the_receivable_is_off_the_balance_sheet()
    {
        var p = At(D(2026, 2, 11));

        p.Group.ShouldBe(DebtGroup.Group2);
        p.OffBalanceReason.ShouldBe(OffBalanceReason.NotStandard);
        p.OnBalance.ShouldBe(Money.Zero);
        p.OffBalance.ShouldBe(M(3_100_000 + 900_000 + 150_000 + 6_200));
    }

    [Fact]
    public void a_written_off_loan_is_off_the_balance_sheet_whatever_its_group()
    {
        At(D(2026, 1, 20), writtenOff: D(2026, 1, 20)).OffBalanceReason.ShouldBe(OffBalanceReason.WrittenOff);
        At(D(2026, 1, 20), writtenOff: D(2026, 1, 20)).OffBalance.ShouldBe(M(1_900_000));
        At(D(2026, 1, 19), writtenOff: D(2026, 1, 20)).OnBalance.ShouldBe(M(1_800_000));
    }

    [Fact]
    public void accrual_is_income_in_group_1_reversed_at_the_fall_and_cash_is_income_when_received()
    {
        var payment = new Repayment(D(2026, 3, 5), M(3_000_000));
        var january = Income(D(2026, 1, 1), D(2026, 1, 31), payment);
        var february = Income(D(2026, 2, 1), D(2026, 2, 28), payment);
        var march = Income(D(2026, 3, 1), D(2026, 3, 31), payment);

        january.Accrued.ShouldBe(M(3_000_000)); // 30 days × 100,000
        january.Income.ShouldBe(M(3_000_000));
        january.OnBalanceAtEnd.ShouldBe(M(3_000_000));

        february.CashReceived.ShouldBe(Money.Zero);
        // accrued from 01/02 to 10/02: the last day of January's period (100,000), 9 days × 90,000 and the penalties 135,000 + 5,580;
        // on 11/02 the whole on-balance receivable, January's income included, is taken back
        february.Accrued.ShouldBe(M(1_050_580));
        february.Reversed.ShouldBe(M(4_050_580));
        february.Income.ShouldBe(M(-3_000_000));
        february.OnBalanceAtEnd.ShouldBe(Money.Zero);
        february.OffBalanceAtEnd.IsPositive.ShouldBeTrue();

        // all of it pays interest: less than the penalties (21,856 + 540,000) and the overdue interest (3,100,000 + 2,520,000) owed on 05/03
        march.CashReceived.ShouldBe(M(3_000_000));
        march.RecognisedOnCash.ShouldBe(M(3_000_000));
        march.Reversed.ShouldBe(Money.Zero);
        march.Income.ShouldBe(M(3_000_000));

        var quarter = Income(D(2026, 1, 1), D(2026, 3, 31), payment);
        quarter.Income.ShouldBe(january.Income + february.Income + march.Income);
        quarter.Income.ShouldBe(M(3_000_000));
        // over the quarter: accrued to 10/02 (31 days × 100,000 + 9 days × 90,000 + the penalties 135,000 + 5,580), all of it
        // reversed on 11/02; the cash recognised when received
        quarter.Accrued.ShouldBe(M(4_050_580));
        quarter.Reversed.ShouldBe(M(4_050_580));
        quarter.RecognisedOnCash.ShouldBe(M(3_000_000));
    }

    [Fact]
    public void within_one_period_the_receivable_is_reversed_the_day_the_loan_leaves_group_1()
    {
        var payment = new Repayment(D(2026, 3, 5), M(3_000_000));
        var last = InterestRecognition.LastOnBalanceDay(Schedule, [.. Disbursed, payment], Policy, null, D(2026, 1, 1), D(2026, 3, 31))!;

        last.AsOf.ShouldBe(D(2026, 2, 10));
        last.OnBalance.ShouldBe(M(4_050_580));
        // a period starting on the day of the fall reverses what the day before held; one starting after it, nothing
        InterestRecognition.LastOnBalanceDay(Schedule, [.. Disbursed, payment], Policy, null, D(2026, 2, 11), D(2026, 3, 31))!.AsOf.ShouldBe(D(2026, 2, 10));
        InterestRecognition.LastOnBalanceDay(Schedule, [.. Disbursed, payment], Policy, null, D(2026, 2, 12), D(2026, 3, 31)).ShouldBeNull();
    }

    [Fact]
    public void cash_received_in_group_1_settles_the_receivable_and_is_not_income_again()
    {
        // 2,000,000 paid on 20/01 out of the 1,900,000 accrued: it pays the accrued interest (1,900,000) and 100,000 of principal
        var payment = new Repayment(D(2026, 1, 20), M(2_000_000));
        var before = At(D(2026, 1, 15), null, payment); // 14 days × 100,000
        var end = At(D(2026, 2, 28), null, payment);

        var income = Income(D(2026, 1, 16), D(2026, 2, 28), payment);

        before.OnBalance.ShouldBe(M(1_400_000));
        income.CashReceived.ShouldBe(M(1_900_000));
        income.Income.ShouldBe(M(500_000)); // 1,900,000 received − 1,400,000 recognised before
        // in group 1 to 10/02: charged 1,900,000 paid + on-balance on 10/02 − 1,400,000 brought forward; all of that reversed on 11/02
        var lastDay = At(D(2026, 2, 10), null, payment);
        income.Accrued.ShouldBe(M(1_900_000) + lastDay.OnBalance - M(1_400_000));
        income.Reversed.ShouldBe(lastDay.OnBalance);
        income.RecognisedOnCash.ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_position_before_the_period_must_be_the_day_before_it()
    {
        Should.Throw<ArgumentException>(() => InterestRecognition.Period(D(2026, 2, 1), At(D(2026, 1, 30)), At(D(2026, 2, 28)), At(D(2026, 2, 10))));
        // on before, off at the end: the last day on the balance sheet is needed
        Should.Throw<ArgumentException>(() => InterestRecognition.Period(D(2026, 2, 1), At(D(2026, 1, 31)), At(D(2026, 2, 28)), null));
    }
}
