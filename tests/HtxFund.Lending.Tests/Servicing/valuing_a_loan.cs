using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

public class valuing_a_loan
{
    private static readonly RepaymentSchedule GraceSchedule = ScheduleGenerator.Generate(GraceLoan, Unadjusted);
    private static readonly Disbursement FullDisbursement = new(D(2025, 1, 10), M(500_000_000));

    [Fact]
    public void a_loan_paid_on_time_is_current_and_repaid_with_exactly_the_scheduled_interest()
    {
        // Disbursed in full at the start and every instalment paid on its due date: the valuation's interest is the
        // schedule's interest, 53,690,414 ₫ (see generating_a_schedule), and nothing is ever late.
        LoanTransaction[] history = [FullDisbursement, .. OnTimePayments(GraceSchedule, 36)];

        var end = LoanValuator.Value(GraceSchedule, history, D(2028, 1, 10), Unadjusted);

        end.PrincipalOutstanding.ShouldBe(Money.Zero);
        end.PaidPrincipal.ShouldBe(M(500_000_000));
        end.PaidInterest.ShouldBe(M(53_690_414));
        end.PaidPenaltyInterest.ShouldBe(Money.Zero);
        end.DaysPastDue.ShouldBe(0);
        end.Payoff.ShouldBe(Money.Zero);
    }

    [Fact]
    public void interest_accrues_between_due_dates_by_the_chosen_day_count_option()
    {
        // After paying #1 and #2, as of 25/03/2025, 500,000,000 ₫ has run since 10/03.
        // Option (a), exclude 10/03, include 25/03: 15 days → 500,000,000 × 15 × 6 / 36,500 = 1,232,876.7 → 1,232,877 ₫.
        // Option (b), include 10/03, and 25/03 counts at its end-of-day balance: 16 days → 1,315,068.5 → 1,315,068 ₫.
        LoanTransaction[] history = [FullDisbursement, .. OnTimePayments(GraceSchedule, 2)];
        var optionB = LoanTerms.Create(M(500_000_000), 6m, D(2025, 1, 10), 36, principalGraceMonths: 6,
            dayCount: DayCountBasis.IncludeFirstExcludeLast);

        var a = LoanValuator.Value(GraceSchedule, history, D(2025, 3, 25), Unadjusted);
        var b = LoanValuator.Value(optionB, history, D(2025, 3, 25), Unadjusted);

        a.InterestAccrued.ShouldBe(M(1_232_877));
        b.InterestAccrued.ShouldBe(M(1_315_068));
        a.PrincipalNotDue.ShouldBe(M(500_000_000));
        a.NextDueDate.ShouldBe(D(2025, 4, 10));
    }

    [Fact]
    public void the_same_loan_paid_45_days_late_once_bears_overdue_and_late_interest()
    {
        // #1–#6 paid on time; #7 (due 10/08/2025: 16,666,666 principal + 2,547,945 interest) is missed and #8 (due
        // 10/09/2025: 16,666,666 + 2,463,014) too, until everything is paid on 24/09/2025, 45 days after 10/08.
        // As of 24/09/2025, before paying:
        //   overdue principal 2 × 16,666,666 = 33,333,332 ₫; overdue interest 2,547,945 + 2,463,014 = 5,010,959 ₫;
        //   overdue rate 150 % × 6 % = 9 %: (16,666,666 × 45 + 16,666,666 × 14) × 9 / 36,500 = 242,465.74 → 242,466 ₫;
        //   late interest 10 %: (2,547,945 × 45 + 2,463,014 × 14) × 10 / 36,500 = 40,860.2 → 40,860 ₫;
        //   contractual interest keeps running only on the principal not yet due: 466,666,668 × 14 × 6 / 36,500
        //   = 1,073,972.6 → 1,073,973 ₫ accrued for #9; the overdue principal bears the overdue rate instead.
        //   Amount due = 33,333,332 + 5,010,959 + 242,466 + 40,860 = 38,627,617 ₫; 45 days past due → group 3.
        LoanTransaction[] history = [FullDisbursement, .. OnTimePayments(GraceSchedule, 6)];

        var late = LoanValuator.Value(GraceSchedule, history, D(2025, 9, 24), Unadjusted);

        late.PrincipalOverdue.ShouldBe(M(33_333_332));
        late.InterestOverdue.ShouldBe(M(5_010_959));
        late.InterestOnOverduePrincipal.ShouldBe(M(242_466));
        late.InterestOnLateInterest.ShouldBe(M(40_860));
        late.InterestAccrued.ShouldBe(M(1_073_973));
        late.PrincipalNotDue.ShouldBe(M(466_666_668));
        late.AmountDue.ShouldBe(M(38_627_617));
        late.DaysPastDue.ShouldBe(45);
        late.OldestUnpaidDueDate.ShouldBe(D(2025, 8, 10));
        DebtClassifier.Classify(late, Unadjusted).Group.ShouldBe(DebtGroup.Group3);

        // Paying exactly the amount due brings the loan current; the rest of the schedule then runs as planned and the
        // borrower pays the scheduled interest plus 242,466 + 40,860 = 283,326 ₫ of penalties in all.
        LoanTransaction[] caughtUp =
        [
            .. history,
            new Repayment(D(2025, 9, 24), M(38_627_617)),
            .. GraceSchedule.Instalments.Skip(8).Select(i => new Repayment(i.DueDate, i.Total)),
        ];
        var current = LoanValuator.Value(GraceSchedule, caughtUp, D(2025, 9, 24), Unadjusted);
        current.AmountDue.ShouldBe(Money.Zero);
        current.DaysPastDue.ShouldBe(0);
        DebtClassifier.Classify(current, Unadjusted).Group.ShouldBe(DebtGroup.Group1);

        var end = LoanValuator.Value(GraceSchedule, caughtUp, D(2028, 1, 10), Unadjusted);
        end.PrincipalOutstanding.ShouldBe(Money.Zero);
        end.PaidInterest.ShouldBe(M(53_690_414));
        end.PaidPenaltyInterest.ShouldBe(M(283_326));
        end.Payoff.ShouldBe(Money.Zero);
    }

    [Fact]
    public void the_statement_shows_how_the_late_payment_was_split()
    {
        // The 38,627,617 ₫ of 24/09/2025 (see above) pays 40,860 late-interest charge, 242,466 overdue-principal interest,
        // 5,010,959 overdue interest and 33,333,332 overdue principal, in the default waterfall order.
        LoanTransaction[] history = [FullDisbursement, .. OnTimePayments(GraceSchedule, 6), new Repayment(D(2025, 9, 24), M(38_627_617))];

        var statement = LoanValuator.Statement(GraceSchedule, history, D(2025, 9, 30), Unadjusted);

        statement.Lines.Count.ShouldBe(8);
        statement.Lines[0].Allocation.ShouldBeNull();
        statement.Lines[^1].Allocation.ShouldBe(new PaymentAllocation(M(38_627_617), M(40_860), M(242_466), M(5_010_959),
            M(33_333_332), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero));
        statement.Valuation.ShouldBe(LoanValuator.Value(GraceSchedule, history, D(2025, 9, 30), Unadjusted));
    }

    [Fact]
    public void a_seasonal_loan_keeps_its_balance_through_the_moratorium()
    {
        // 420,000,000 ₫ with no principal in May–September: after Feb–Apr 2025 (3 × 20,000,000) the balance stays at
        // 360,000,000 ₫ until October, and only interest is paid meanwhile.
        var terms = LoanTerms.Create(M(420_000_000), 8m, D(2025, 1, 10), 36, moratoriumMonths: MonthSet.Range(5, 9));
        var schedule = ScheduleGenerator.Generate(terms, Unadjusted);
        LoanTransaction[] history = [new Disbursement(D(2025, 1, 10), M(420_000_000)), .. OnTimePayments(schedule, 36)];

        var inSeason = LoanValuator.Value(schedule, history, D(2025, 9, 30), Unadjusted);
        var end = LoanValuator.Value(schedule, history, D(2028, 1, 10), Unadjusted);

        inSeason.PrincipalOutstanding.ShouldBe(M(360_000_000));
        inSeason.PaidPrincipal.ShouldBe(M(60_000_000));
        inSeason.DaysPastDue.ShouldBe(0);
        end.PrincipalOutstanding.ShouldBe(Money.Zero);
        end.PaidInterest.ShouldBe(schedule.TotalInterest);
    }

    [Fact]
    public void tranches_bear_interest_only_once_disbursed()
    {
        // 500,000,000 ₫ in two tranches: 300,000,000 on 10/01/2025 and 200,000,000 on 25/01/2025.
        // #1 (10/02, 31 days): (300,000,000 × 31 + 200,000,000 × 16) × 6 / 36,500 = 2,054,794.5 → 2,054,795 ₫.
        LoanTransaction[] history = [new Disbursement(D(2025, 1, 10), M(300_000_000)), new Disbursement(D(2025, 1, 25), M(200_000_000))];

        var valuation = LoanValuator.Value(GraceSchedule, history, D(2025, 2, 10), Unadjusted);

        valuation.InterestDue.ShouldBe(M(2_054_795));
        valuation.PrincipalDisbursed.ShouldBe(M(500_000_000));
    }

    [Fact]
    public void tranches_beyond_the_loan_amount_are_refused()
    {
        LoanTransaction[] history = [FullDisbursement, new Disbursement(D(2025, 2, 1), M(1))];

        Should.Throw<ArgumentException>(() => LoanValuator.Value(GraceSchedule, history, D(2025, 3, 1), Unadjusted))
            .Message.ShouldContain("above the loan principal");
    }

    [Fact]
    public void transactions_after_the_valuation_date_are_ignored()
    {
        LoanTransaction[] history = [FullDisbursement, new Repayment(D(2025, 6, 1), M(1_000_000))];

        var before = LoanValuator.Value(GraceSchedule, history, D(2025, 1, 31), Unadjusted);

        before.PaidTotal.ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_null_transaction_is_refused()
    {
        Should.Throw<ArgumentException>(() => LoanValuator.Value(GraceSchedule, [FullDisbursement, null!], D(2025, 3, 1), Unadjusted))
            .Message.ShouldContain("cannot contain null");
    }

    [Fact]
    public void valuing_before_the_start_is_refused()
    {
        Should.Throw<ArgumentException>(() => LoanValuator.Value(GraceSchedule, [], D(2024, 12, 31), Unadjusted))
            .Message.ShouldContain("cannot be valued as of 2024-12-31");
    }

    [Fact]
    public void a_ledger_applied_one_transaction_at_a_time_equals_the_valuation_of_the_whole_list()
    {
        LoanTransaction[] history = [FullDisbursement, .. OnTimePayments(GraceSchedule, 6), new Repayment(D(2025, 9, 24), M(38_627_617))];

        var ledger = LoanLedger.Open(GraceSchedule, Unadjusted);
        foreach (var transaction in history)
            ledger = ledger.Apply(transaction);

        ledger.ValueAt(D(2025, 10, 1)).ShouldBe(LoanValuator.Value(GraceSchedule, history, D(2025, 10, 1), Unadjusted));
        ledger.Date.ShouldBe(D(2025, 9, 24));
        Should.Throw<ArgumentException>(() => ledger.Apply(new Repayment(D(2025, 9, 1), M(1))))
            .Message.ShouldContain("already reached");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void payments_of_one_value_date_are_split_in_the_order_they_were_received(long bigSequence, long smallSequence)
    {
        // 500,000,000 ₫ paid out on 10/01/2025; the same day 450,000,000 ₫ and 60,000,000 ₫ come in. Nothing has accrued
        // yet, so whichever is received second pays the last 50,000,000 ₫ (or less) and carries the 10,000,000 ₫ excess.
        var big = new Repayment(D(2025, 1, 10), M(450_000_000)) { Sequence = bigSequence };
        var small = new Repayment(D(2025, 1, 10), M(60_000_000)) { Sequence = smallSequence };
        var statement = LoanValuator.Statement(GraceSchedule, [small, FullDisbursement, big], D(2025, 1, 10), Unadjusted);

        var second = bigSequence > smallSequence ? big : small;
        var lines = statement.Lines.Where(l => l.Transaction is Repayment).ToArray();
        lines[^1].Transaction.ShouldBe(second);
        lines[^1].Allocation!.Value.RefundableExcess.ShouldBe(M(10_000_000));
        lines[0].Allocation!.Value.RefundableExcess.ShouldBe(Money.Zero);
        statement.Valuation.RefundableExcess.ShouldBe(M(10_000_000));
    }
}
