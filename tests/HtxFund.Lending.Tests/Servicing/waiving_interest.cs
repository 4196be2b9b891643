using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

public class waiving_interest
{
    // 120,000,000 ₫ at 12 %/year, 12 monthly equal-principal instalments of 10,000,000 ₫ from 10/01/2025 (unadjusted),
    // option (a). Instalment #1 (10/02/2025) is not paid. As of 20/02/2025, 10 days late:
    //   contractual interest of #1:        120,000,000 × 31 × 12 / 36,500 = 1,223,013.7 → 1,223,014 ₫ (overdue)
    //   interest on overdue principal:      10,000,000 × 10 × 18 / 36,500 =    49,315.1 →    49,315 ₫
    //   interest on late interest:           1,223,014 × 10 × 10 / 36,500 =     3,350.7 →     3,351 ₫
    //   interest accrued since 10/02:      110,000,000 × 10 × 12 / 36,500 =   361,643.8 →   361,644 ₫
    //   interest owed: 3,351 + 49,315 + 1,223,014 + 361,644 = 1,637,324 ₫
    private static readonly LoanTerms Terms = LoanTerms.Create(M(120_000_000), 12m, D(2025, 1, 10), 12);
    private static readonly RepaymentSchedule Schedule = ScheduleGenerator.Generate(Terms, Unadjusted);
    private static readonly LoanLedger FirstInstalmentMissed = LoanLedger.Open(Schedule, Unadjusted).Apply(new Disbursement(D(2025, 1, 10), M(120_000_000)));

    [Fact]
    public void the_figures_before_any_waiver_are_the_hand_computed_ones()
    {
        var v = FirstInstalmentMissed.ValueAt(D(2025, 2, 20));
        v.InterestOverdue.ShouldBe(M(1_223_014));
        v.InterestOnOverduePrincipal.ShouldBe(M(49_315));
        v.InterestOnLateInterest.ShouldBe(M(3_351));
        v.InterestAccrued.ShouldBe(M(361_644));
        v.InterestWaived.ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_waiver_forgives_penalty_interest_first_then_overdue_interest()
    {
        // 1,000,000 ₫: 3,351 on late interest, 49,315 on overdue principal, then 947,334 of the overdue 1,223,014 ₫,
        // which leaves 275,680 ₫; the accrued 361,644 ₫ and all principal stay.
        var v = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(1_000_000))).ValueAt(D(2025, 2, 20));

        v.InterestOnLateInterest.ShouldBe(Money.Zero);
        v.InterestOnOverduePrincipal.ShouldBe(Money.Zero);
        v.InterestOverdue.ShouldBe(M(275_680));
        v.InterestAccrued.ShouldBe(M(361_644));
        v.PrincipalOverdue.ShouldBe(M(10_000_000));
        v.PrincipalOutstanding.ShouldBe(M(120_000_000));
        v.InterestWaived.ShouldBe(M(1_000_000));
        v.PaidInterest.ShouldBe(Money.Zero);
        v.PaidPenaltyInterest.ShouldBe(Money.Zero);
        v.DaysPastDue.ShouldBe(10);
    }

    [Fact]
    public void a_waiver_of_all_the_interest_owed_leaves_only_principal()
    {
        var v = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(1_637_324), borrowerCannotPay: true)).ValueAt(D(2025, 2, 20));

        v.Payoff.ShouldBe(M(120_000_000));
        v.AmountDue.ShouldBe(M(10_000_000));
        v.InterestWaiversForInabilityToPay.ShouldBe(1);
    }

    [Fact]
    public void forgiven_accrued_interest_is_billed_net_at_the_next_due_date()
    {
        // All 1,637,324 ₫ forgiven on 20/02; #2 (10/03) bills the period 10/02→10/03 (28 days) on 110,000,000 ₫:
        // 110,000,000 × 28 × 12 / 36,500 = 1,012,602.7 → 1,012,603 ₫, less the 361,644 ₫ forgiven = 650,959 ₫.
        var ledger = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(1_637_324)));

        var march = ledger.ValueAt(D(2025, 3, 10));
        march.InterestDue.ShouldBe(M(650_959));
        march.PrincipalDue.ShouldBe(M(10_000_000));
    }

    [Fact]
    public void a_waiver_above_the_interest_owed_forgives_the_interest_and_never_principal()
    {
        var v = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(5_000_000))).ValueAt(D(2025, 2, 20));

        v.InterestWaived.ShouldBe(M(1_637_324));
        v.Payoff.ShouldBe(M(120_000_000));
    }

    [Fact]
    public void what_a_waiver_can_forgive_is_the_interest_owed_before_it()
    {
        var waiver = new InterestWaiver(D(2025, 2, 20), M(1));
        LoanTransaction[] history = [new Disbursement(D(2025, 1, 10), M(120_000_000)), new Repayment(D(2025, 2, 20), M(37_324))];

        LoanValuator.OwedBefore(Schedule, history[..1], waiver, Unadjusted).Interest.ShouldBe(M(1_637_324));
        LoanValuator.OwedBefore(Schedule, history, waiver, Unadjusted).Interest.ShouldBe(M(1_600_000));
    }

    [Fact]
    public void a_waiver_of_nothing_is_not_a_transaction()
    {
        Should.Throw<ArgumentException>(() => new InterestWaiver(D(2025, 2, 20), Money.Zero));
    }

    [Fact]
    public void a_waiver_for_inability_to_pay_puts_the_loan_in_group_3_at_least()
    {
        // 10 days late alone is group 2; the waiver granted because the borrower cannot pay makes it group 3.
        var before = DebtClassifier.Classify(FirstInstalmentMissed.ValueAt(D(2025, 2, 20)), Unadjusted);
        var waived = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(100_000), borrowerCannotPay: true)).ValueAt(D(2025, 2, 20));
        var onOtherGround = FirstInstalmentMissed.Apply(new InterestWaiver(D(2025, 2, 20), M(100_000))).ValueAt(D(2025, 2, 20));

        before.Group.ShouldBe(DebtGroup.Group2);
        DebtClassifier.Classify(waived, Unadjusted).Group.ShouldBe(DebtGroup.Group3);
        DebtClassifier.Classify(onOtherGround, Unadjusted).Group.ShouldBe(DebtGroup.Group2);
    }

    [Fact]
    public void a_waiver_on_the_day_of_a_repayment_forgives_what_the_payment_left()
    {
        // The borrower pays 1,000,000 ₫ on 20/02: by the default waterfall 3,351 + 49,315 penalties, then 947,334 of the
        // overdue interest. The same-day waiver of 275,680 ₫ forgives the rest of #1's interest, in whichever order the
        // two are supplied.
        var payment = new Repayment(D(2025, 2, 20), M(1_000_000));
        var waiver = new InterestWaiver(D(2025, 2, 20), M(275_680));
        LoanTransaction[] transactions = [new Disbursement(D(2025, 1, 10), M(120_000_000)), waiver, payment];

        var v = LoanValuator.Value(Schedule, transactions, D(2025, 2, 20), Unadjusted);

        v.InterestOverdue.ShouldBe(Money.Zero);
        v.PaidInterest.ShouldBe(M(947_334));
        v.PaidPenaltyInterest.ShouldBe(M(52_666));
        v.InterestWaived.ShouldBe(M(275_680));
        v.InterestAccrued.ShouldBe(M(361_644));
    }
}
