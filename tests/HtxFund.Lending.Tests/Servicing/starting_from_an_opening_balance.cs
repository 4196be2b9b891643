using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

public class starting_from_an_opening_balance
{
    // 120,000,000 ₫ at 12 %/year, 12 monthly equal-principal instalments of 10,000,000 ₫ from 10/01/2025 (unadjusted),
    // option (a), taken over on 20/05/2025 from the fund's earlier books: 90,000,000 ₫ outstanding, 10,000,000 ₫ of it
    // overdue since 10/05/2025 (instalment #4 unpaid), 1,000,000 ₫ of interest due and unpaid, 20,000 ₫ of penalty charged.
    // Instalments #5..#12 (10/06/2025..10/01/2026) bill the 80,000,000 ₫ not overdue.
    private static readonly LoanTerms Terms = LoanTerms.Create(M(120_000_000), 12m, D(2025, 1, 10), 12);
    private static readonly RepaymentSchedule Schedule = ScheduleGenerator.Generate(Terms, Unadjusted);
    private static readonly OpeningBalance Opening = new(D(2025, 5, 20), M(90_000_000), M(10_000_000), D(2025, 5, 10), M(1_000_000), M(20_000));
    private static readonly LoanLedger TakenOver = LoanLedger.Open(Schedule, Unadjusted).Apply(Opening);

    [Fact]
    public void valued_at_the_cut_over_the_loan_owes_the_opening_figures()
    {
        // interest accrued since 10/05 on the 80,000,000 ₫ not overdue: 80,000,000 × 10 × 12 / 36,500 = 263,013.7 → 263,014 ₫
        var v = TakenOver.ValueAt(D(2025, 5, 20));

        v.PrincipalDisbursed.ShouldBe(M(90_000_000));
        v.PrincipalOutstanding.ShouldBe(M(90_000_000));
        v.PrincipalOverdue.ShouldBe(M(10_000_000));
        v.PrincipalNotDue.ShouldBe(M(80_000_000));
        v.InterestDue.ShouldBe(M(1_000_000));
        v.InterestOverdue.ShouldBe(Money.Zero);
        v.InterestOnOverduePrincipal.ShouldBe(M(20_000));
        v.InterestOnLateInterest.ShouldBe(Money.Zero);
        v.InterestAccrued.ShouldBe(M(263_014));
        v.DaysPastDue.ShouldBe(10);
        v.OldestUnpaidDueDate.ShouldBe(D(2025, 5, 10));
        v.NextDueDate.ShouldBe(D(2025, 6, 10));
        v.PaidPrincipal.ShouldBe(Money.Zero);
    }

    [Fact]
    public void left_unpaid_the_next_instalment_bills_the_whole_period_and_penalties_run_on()
    {
        // #5 on 10/06/2025: interest 80,000,000 × 31 × 12 / 36,500 = 815,342.5 → 815,342 ₫, principal 10,000,000 ₫.
        // Overdue rate 18 %: 20,000 + 10,000,000 × 21 × 18 / 36,500 = 20,000 + 103,561.6 → 123,562 ₫.
        // Late interest 10 % on the 1,000,000 ₫ due 20/05: 1,000,000 × 21 × 10 / 36,500 = 5,753.4 → 5,753 ₫.
        var v = TakenOver.ValueAt(D(2025, 6, 10));

        v.InterestDue.ShouldBe(M(815_342));
        v.PrincipalDue.ShouldBe(M(10_000_000));
        v.PrincipalOverdue.ShouldBe(M(10_000_000));
        v.PrincipalNotDue.ShouldBe(M(70_000_000));
        v.InterestOverdue.ShouldBe(M(1_000_000));
        v.InterestOnOverduePrincipal.ShouldBe(M(123_562));
        v.InterestOnLateInterest.ShouldBe(M(5_753));
        v.DaysPastDue.ShouldBe(31);
    }

    [Fact]
    public void a_repayment_after_the_cut_over_is_split_by_the_usual_waterfall()
    {
        // On 21/05: penalty 20,000 + 10,000,000 × 1 × 18 / 36,500 = 20,000 + 4,931.5 → 24,932 ₫; late interest
        // 1,000,000 × 1 × 10 / 36,500 = 274.0 → 274 ₫; then the overdue 1,000,000 ₫ of interest, then overdue principal.
        var ledger = TakenOver.Apply(new Repayment(D(2025, 5, 21), M(6_025_206)));
        var split = TakenOver.PreviewRepayment(D(2025, 5, 21), M(6_025_206));

        split.InterestOnLateInterest.ShouldBe(M(274));
        split.InterestOnOverduePrincipal.ShouldBe(M(24_932));
        split.OverdueInterest.ShouldBe(M(1_000_000));
        split.OverduePrincipal.ShouldBe(M(5_000_000));
        var v = ledger.ValueAt(D(2025, 5, 21));
        v.PrincipalOverdue.ShouldBe(M(5_000_000));
        v.PaidPrincipal.ShouldBe(M(5_000_000));
        v.PrincipalOutstanding.ShouldBe(M(85_000_000));
        v.DaysPastDue.ShouldBe(11);
    }

    [Fact]
    public void repaying_the_payoff_at_the_cut_over_closes_the_loan()
    {
        // 90,000,000 + 1,000,000 + 20,000 + 263,014 = 91,283,014 ₫
        var owed = TakenOver.OwedAt(D(2025, 5, 20));
        owed.Payoff.ShouldBe(M(91_283_014));

        var v = TakenOver.Apply(new Repayment(D(2025, 5, 20), owed.Payoff)).ValueAt(D(2025, 5, 20));

        v.PrincipalOutstanding.ShouldBe(Money.Zero);
        v.Payoff.ShouldBe(Money.Zero);
        v.PaidPrincipal.ShouldBe(M(90_000_000));
        v.PaidInterest.ShouldBe(M(1_263_014));
        v.PaidPenaltyInterest.ShouldBe(M(20_000));
        v.DaysPastDue.ShouldBe(0);
    }

    [Fact]
    public void a_performing_loan_taken_over_on_a_due_date_runs_its_schedule_as_before()
    {
        // Taken over on 10/05/2025 with 80,000,000 ₫ outstanding and nothing owed: #5 bills 10,000,000 ₫ and
        // 80,000,000 × 31 × 12 / 36,500 = 815,342 ₫ on 10/06/2025, exactly what the loan disbursed and repaid on time bills.
        var opened = LoanLedger.Open(Schedule, Unadjusted)
            .Apply(new OpeningBalance(D(2025, 5, 10), M(80_000_000), Money.Zero, null, Money.Zero, Money.Zero));
        var lived = LoanLedger.Open(Schedule, Unadjusted)
            .Apply([new Disbursement(D(2025, 1, 10), M(120_000_000)), .. OnTimePayments(Schedule, 4)]);

        var taken = opened.ValueAt(D(2025, 6, 10));
        var actual = lived.ValueAt(D(2025, 6, 10));
        taken.InterestDue.ShouldBe(M(815_342));
        taken.InterestDue.ShouldBe(actual.InterestDue);
        taken.PrincipalDue.ShouldBe(actual.PrincipalDue);
        taken.PrincipalOutstanding.ShouldBe(actual.PrincipalOutstanding);
        taken.DaysPastDue.ShouldBe(0);
    }

    [Fact]
    public void an_opening_balance_must_be_the_first_transaction_and_owe_no_more_than_the_loan()
    {
        Should.Throw<ArgumentException>(() => TakenOver.Apply(new OpeningBalance(D(2025, 6, 1), M(1), Money.Zero, null, Money.Zero, Money.Zero)));
        Should.Throw<ArgumentException>(() => LoanLedger.Open(Schedule, Unadjusted).Apply(new Disbursement(D(2025, 1, 10), M(1_000_000)))
            .Apply(new OpeningBalance(D(2025, 5, 20), M(1), Money.Zero, null, Money.Zero, Money.Zero)));
        Should.Throw<ArgumentException>(() => LoanLedger.Open(Schedule, Unadjusted)
            .Apply(new OpeningBalance(D(2025, 5, 20), M(120_000_001), Money.Zero, null, Money.Zero, Money.Zero)));
        Should.Throw<ArgumentException>(() => LoanLedger.Open(Schedule, Unadjusted)
            .Apply(new OpeningBalance(D(2026, 2, 1), M(10_000_000), M(5_000_000), D(2026, 1, 10), Money.Zero, Money.Zero)));
    }

    [Fact]
    public void the_opening_figures_must_be_consistent()
    {
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), M(10), M(11), D(2025, 5, 10), Money.Zero, Money.Zero));
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), M(10), M(5), null, Money.Zero, Money.Zero));
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), M(10), Money.Zero, D(2025, 5, 10), Money.Zero, Money.Zero));
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), M(10), M(5), D(2025, 5, 20), Money.Zero, Money.Zero));
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), Money.Zero, Money.Zero, null, Money.Zero, Money.Zero));
        Should.Throw<ArgumentException>(() => new OpeningBalance(D(2025, 5, 20), M(10), Money.Zero, null, M(-1), Money.Zero));
    }

    [Fact]
    public void the_opening_balance_comes_before_anything_else_of_its_date()
    {
        var repayment = new Repayment(D(2025, 5, 20), M(1_000_000));
        LoanValuator.Value(Schedule, [repayment, Opening], D(2025, 6, 1), Unadjusted)
            .ShouldBe(LoanValuator.Value(Schedule, [Opening, repayment], D(2025, 6, 1), Unadjusted));
    }
}
