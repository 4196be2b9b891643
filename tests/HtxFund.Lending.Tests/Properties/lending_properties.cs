using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace HtxFund.Lending.Tests.Properties;

/// <summary>Invariants over random loans and random payment histories (FsCheck).</summary>
[Properties(Arbitrary = [typeof(LoanScenarios)], MaxTest = 150)]
public class lending_properties
{
    [Property]
    public bool scheduled_principal_sums_to_the_loan_and_balances_never_go_negative(LoanScenario scenario)
    {
        var rows = scenario.Schedule.Instalments;
        return scenario.Schedule.TotalPrincipal == scenario.Terms.Principal
            && rows[^1].BalanceAfter == Money.Zero
            && rows.All(r => !r.Principal.IsNegative && !r.Interest.IsNegative && !r.BalanceAfter.IsNegative)
            && rows.Zip(rows.Skip(1)).All(p => p.First.DueDate < p.Second.DueDate);
    }

    [Property]
    public bool valuation_balances_never_go_negative(LoanScenario scenario)
    {
        var v = Value(scenario, scenario.Transactions);
        Money[] amounts =
        [
            v.PrincipalNotDue, v.PrincipalDue, v.PrincipalOverdue, v.InterestAccrued, v.InterestDue, v.InterestOverdue,
            v.InterestOnOverduePrincipal, v.InterestOnLateInterest, v.PaidPrincipal, v.PaidInterest, v.PaidPenaltyInterest,
            v.RefundableExcess,
        ];
        return amounts.All(a => !a.IsNegative) && v.DaysPastDue >= 0;
    }

    [Property]
    public bool every_dong_received_is_allocated_and_every_dong_lent_is_accounted_for(LoanScenario scenario)
    {
        var v = Value(scenario, scenario.Transactions);
        var received = Money.Sum(scenario.Transactions.OfType<Repayment>().Where(r => r.Date <= scenario.AsOf).Select(r => r.Amount));
        return received == v.PaidPrincipal + v.PaidInterest + v.PaidPenaltyInterest + v.RefundableExcess
            && v.PrincipalDisbursed == v.PaidPrincipal + v.PrincipalOutstanding;
    }

    [Property(MaxTest = 200)]
    public bool allocation_conserves_every_dong(PositiveInt payment, NonNegativeInt[] owed)
    {
        long Owed(int i) => i < owed.Length ? owed[i].Get : 0;
        var outstanding = new OutstandingAmounts(
            Money.Of(Owed(0)), Money.Of(Owed(1)), Money.Of(Owed(2)), Money.Of(Owed(3)),
            Money.Of(Owed(4)), Money.Of(Owed(5)), Money.Of(Owed(6)), Money.Of(Owed(7)));

        var a = RepaymentAllocator.Allocate(Money.Of(payment.Get), outstanding, LendingPolicy.Default);

        return a.Allocated == a.Payment
            && a.RefundableExcess == Money.Max(Money.Zero, a.Payment - outstanding.Payoff)
            && a.OverdueInterest <= outstanding.OverdueInterest && a.OverduePrincipal <= outstanding.OverduePrincipal
            && a.InterestDue <= outstanding.InterestDue && a.PrincipalDue <= outstanding.PrincipalDue
            && a.Prepayment <= outstanding.PrincipalNotDue && a.AccruedInterest <= outstanding.AccruedInterest;
    }

    [Property]
    public bool valuing_at_a_date_then_applying_the_next_transaction_equals_valuing_with_it_included(LoanScenario scenario)
    {
        var sorted = scenario.Transactions.Order(LoanTransaction.CanonicalOrder).ToArray();
        var ledger = LoanLedger.Open(scenario.Schedule, scenario.Policy);
        for (var i = 0; i < sorted.Length; i++)
        {
            var next = sorted[i];
            if (ledger.ValueAt(next.Date) != Value(scenario, sorted[..i], next.Date))
                return false;
            ledger = ledger.Apply(next);
            var later = next.Date.PlusDays(17);
            if (ledger.ValueAt(later) != Value(scenario, sorted[..(i + 1)], later))
                return false;
        }
        return true;
    }

    [Property]
    public bool results_do_not_depend_on_the_order_transactions_are_supplied_in(LoanScenario scenario, int seed)
    {
        var shuffled = (LoanTransaction[])scenario.Transactions.Clone();
        new Random(seed).Shuffle(shuffled);
        var sorted = scenario.Transactions.Order(LoanTransaction.CanonicalOrder).ToArray();

        var a = Value(scenario, shuffled);
        return a == Value(scenario, scenario.Transactions) && a == Value(scenario, sorted);
    }

    [Property]
    public Property classification_never_improves_while_the_oldest_overdue_amount_stays_unpaid(LoanScenario scenario, PositiveInt gap)
    {
        // No restructuring after the first date: restructuring is the only thing that legitimately reschedules a late amount.
        var asOf = scenario.AsOf;
        var later = asOf.PlusDays(gap.Get % 400);
        var history = scenario.Transactions.Where(t => t is not Restructuring || t.Date <= asOf).ToArray();
        var first = Value(scenario, history, asOf);
        var second = Value(scenario, history, later);
        var stillUnpaid = first.OldestUnpaidDueDate is not null && second.OldestUnpaidDueDate == first.OldestUnpaidDueDate;

        var before = DebtClassifier.Classify(first, scenario.Policy).Group;
        var after = DebtClassifier.Classify(second, scenario.Policy).Group;
        return (!stillUnpaid || after >= before).Classify(stillUnpaid, "oldest overdue amount still unpaid");
    }

    [Property]
    public bool with_no_payments_the_group_only_worsens_with_time(LoanScenario scenario, PositiveInt gap)
    {
        var history = scenario.Transactions.Where(t => t.Date <= scenario.AsOf).ToArray();
        var first = DebtClassifier.Classify(Value(scenario, history, scenario.AsOf), scenario.Policy);
        var second = DebtClassifier.Classify(Value(scenario, history, scenario.AsOf.PlusDays(gap.Get % 400)), scenario.Policy);
        return second.Group >= first.Group && second.DaysPastDue >= first.DaysPastDue;
    }

    [Property]
    public bool paying_every_instalment_on_its_due_date_repays_the_schedule_exactly(LoanScenario scenario)
    {
        var schedule = scenario.Schedule;
        LoanTransaction[] history =
        [
            new Disbursement(schedule.Terms.StartDate, schedule.Terms.Principal),
            .. schedule.Instalments.Where(i => i.Total.IsPositive).Select(i => new Repayment(i.DueDate, i.Total)),
        ];

        var end = LoanValuator.Value(schedule, history, schedule.FinalDueDate, scenario.Policy);

        return end.PrincipalOutstanding == Money.Zero && end.PaidInterest == schedule.TotalInterest
            && end.PaidPenaltyInterest == Money.Zero && end.RefundableExcess == Money.Zero && end.DaysPastDue == 0;
    }

    private static LoanValuation Value(LoanScenario scenario, IEnumerable<LoanTransaction> transactions) =>
        Value(scenario, transactions, scenario.AsOf);

    private static LoanValuation Value(LoanScenario scenario, IEnumerable<LoanTransaction> transactions, NodaTime.LocalDate asOf) =>
        LoanValuator.Value(scenario.Schedule, transactions, asOf, scenario.Policy);
}
