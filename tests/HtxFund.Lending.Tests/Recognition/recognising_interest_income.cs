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

    private static InterestPosition At(LocalDate date, LocalDate? writtenOff = null, params LoanTransaction[] more) =>
        InterestRecognition.At(LoanValuator.Value(Terms, [.. Disbursed, .. more], date, Policy), Policy, writtenOff);

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
        var january = InterestRecognition.Period(D(2026, 1, 1), null, At(D(2026, 1, 31)));
        var february = InterestRecognition.Period(D(2026, 2, 1), At(D(2026, 1, 31)), At(D(2026, 2, 28)));
        var march = InterestRecognition.Period(D(2026, 3, 1), At(D(2026, 2, 28), null, payment), At(D(2026, 3, 31), null, payment));

        january.Accrued.ShouldBe(M(3_000_000)); // 30 days × 100,000
        january.Income.ShouldBe(M(3_000_000));
        january.OnBalanceAtEnd.ShouldBe(M(3_000_000));

        february.CashReceived.ShouldBe(Money.Zero);
        february.Accrued.ShouldBe(Money.Zero);
        february.Reversed.ShouldBe(M(3_000_000)); // January's income taken back when the loan fell to group 2
        february.Income.ShouldBe(M(-3_000_000));
        february.OnBalanceAtEnd.ShouldBe(Money.Zero);
        february.OffBalanceAtEnd.IsPositive.ShouldBeTrue();

        // all of it pays interest: less than the penalties (21,856 + 540,000) and the overdue interest (3,100,000 + 2,520,000) owed on 05/03
        march.CashReceived.ShouldBe(M(3_000_000));
        march.RecognisedOnCash.ShouldBe(M(3_000_000));
        march.Reversed.ShouldBe(Money.Zero);
        march.Income.ShouldBe(M(3_000_000));

        var quarter = InterestRecognition.Period(D(2026, 1, 1), null, At(D(2026, 3, 31), null, payment));
        quarter.Income.ShouldBe(january.Income + february.Income + march.Income);
        quarter.Income.ShouldBe(M(3_000_000));
    }

    [Fact]
    public void cash_received_before_the_fall_first_settles_the_receivable_brought_forward()
    {
        // 2,000,000 paid on 20/01 out of the 1,900,000 accrued: it pays the accrued interest (1,900,000) and 100,000 of principal
        var payment = new Repayment(D(2026, 1, 20), M(2_000_000));
        var before = At(D(2026, 1, 15), null, payment); // 14 days × 100,000
        var end = At(D(2026, 2, 28), null, payment);

        var income = InterestRecognition.Period(D(2026, 1, 16), before, end);

        before.OnBalance.ShouldBe(M(1_400_000));
        income.CashReceived.ShouldBe(M(1_900_000));
        income.Reversed.ShouldBe(Money.Zero); // the receivable brought forward was paid
        income.RecognisedOnCash.ShouldBe(M(500_000));
        income.Income.ShouldBe(M(500_000)); // 1,900,000 received − 1,400,000 recognised before
    }

    [Fact]
    public void a_position_before_the_period_must_be_the_day_before_it()
    {
        Should.Throw<ArgumentException>(() => InterestRecognition.Period(D(2026, 2, 1), At(D(2026, 1, 30)), At(D(2026, 2, 28))));
    }
}
