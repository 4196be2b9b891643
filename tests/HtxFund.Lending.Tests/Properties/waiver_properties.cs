using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace HtxFund.Lending.Tests.Properties;

/// <summary>Invariants of interest waivers over random loans and histories (FsCheck): a waiver forgives interest only,
/// exactly the amount waived (up to the interest owed), never makes anything negative and does not depend on the order
/// transactions are supplied in.</summary>
[Properties(Arbitrary = [typeof(LoanScenarios)], MaxTest = 150)]
public class waiver_properties
{
    [Property]
    public Property a_waiver_lowers_what_is_owed_by_exactly_the_amount_waived_and_never_principal(LoanScenario scenario, PositiveInt share)
    {
        var date = scenario.AsOf;
        var history = scenario.Transactions.Where(t => t.Date < date).ToArray();
        var (waiver, owed) = Waiver(scenario, history, date, share);
        if (waiver is null) return true.Classify(true, "no interest owed");

        var before = Value(scenario, history, date);
        var after = Value(scenario, [.. history, waiver], date);
        var ledger = LoanLedger.Open(scenario.Schedule, scenario.Policy).Apply(history);
        var owedBefore = ledger.OwedAt(date);
        var owedAfter = ledger.Apply(waiver).OwedAt(date);

        // What a payment that day must settle falls by exactly the amount waived, and only in interest. (The end-of-day
        // valuation under option (b) also charges that day's late interest on what is left, so it falls a little more.)
        return (owedBefore.Payoff - owedAfter.Payoff == waiver.Amount && owedBefore.Interest - owedAfter.Interest == waiver.Amount
            && before.Payoff - after.Payoff >= waiver.Amount
            && after.InterestWaived == waiver.Amount && waiver.Amount <= owed
            && after.PrincipalNotDue == before.PrincipalNotDue && after.PrincipalDue == before.PrincipalDue
            && after.PrincipalOverdue == before.PrincipalOverdue && after.PaidTotal == before.PaidTotal
            && after.DaysPastDue <= before.DaysPastDue).Classify(false, "interest owed");
    }

    [Property]
    public bool a_waiver_never_makes_anything_negative_later_on(LoanScenario scenario, PositiveInt share, PositiveInt gap)
    {
        var start = scenario.Terms.StartDate;
        var date = start.PlusDays(gap.Get % (NodaTime.Period.Between(start, scenario.AsOf, NodaTime.PeriodUnits.Days).Days + 1));
        var (waiver, _) = Waiver(scenario, scenario.Transactions, date, share);
        if (waiver is null) return true;

        var v = Value(scenario, [.. scenario.Transactions, waiver], scenario.AsOf);
        Money[] amounts =
        [
            v.PrincipalNotDue, v.PrincipalDue, v.PrincipalOverdue, v.InterestAccrued, v.InterestDue, v.InterestOverdue,
            v.InterestOnOverduePrincipal, v.InterestOnLateInterest, v.PaidPrincipal, v.PaidInterest, v.PaidPenaltyInterest,
            v.RefundableExcess, v.InterestWaived,
        ];
        var received = Money.Sum(scenario.Transactions.OfType<Repayment>().Where(r => r.Date <= scenario.AsOf).Select(r => r.Amount));
        return amounts.All(a => !a.IsNegative)
            && v.PrincipalDisbursed == v.PaidPrincipal + v.PrincipalOutstanding
            && received == v.PaidPrincipal + v.PaidInterest + v.PaidPenaltyInterest + v.RefundableExcess;
    }

    [Property]
    public bool results_with_waivers_do_not_depend_on_the_order_transactions_are_supplied_in(LoanScenario scenario, PositiveInt share,
        PositiveInt otherShare, int seed)
    {
        var (first, _) = Waiver(scenario, scenario.Transactions, scenario.AsOf, share);
        var (second, _) = Waiver(scenario, scenario.Transactions, scenario.AsOf, otherShare);
        if (first is null || second is null) return true;
        LoanTransaction[] all = [.. scenario.Transactions, first, new InterestWaiver(second.Date, second.Amount, borrowerCannotPay: true)];
        var shuffled = (LoanTransaction[])all.Clone();
        new Random(seed).Shuffle(shuffled);

        var a = Value(scenario, shuffled, scenario.AsOf);
        return a == Value(scenario, all, scenario.AsOf) && a == Value(scenario, all.Order(LoanTransaction.CanonicalOrder), scenario.AsOf)
            && a.InterestWaiversForInabilityToPay == 1;
    }

    /// <summary>A waiver on <paramref name="date"/> of a share (1–100 %) of the interest owed just before it; null when none is owed.</summary>
    private static (InterestWaiver? Waiver, Money Owed) Waiver(LoanScenario scenario, IEnumerable<LoanTransaction> history, NodaTime.LocalDate date,
        PositiveInt share)
    {
        var probe = new InterestWaiver(date, Money.Of(1));
        var owed = LoanValuator.OwedBefore(scenario.Schedule, history, probe, scenario.Policy).Interest;
        if (!owed.IsPositive) return (null, owed);
        var amount = Math.Max(1, owed.Dong * (1 + share.Get % 100) / 100);
        return (new InterestWaiver(date, Money.Of(amount)), owed);
    }

    private static LoanValuation Value(LoanScenario scenario, IEnumerable<LoanTransaction> transactions, NodaTime.LocalDate asOf) =>
        LoanValuator.Value(scenario.Schedule, transactions, asOf, scenario.Policy);
}
