using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace HtxFund.Lending.Tests.Properties;

/// <summary>
/// Invariants of non-accrual and off-balance interest (Circular 52/2022/TT-BTC Art 5.2, 5.4) over random loans and
/// histories: nothing charged is lost or counted twice, income telescopes over adjoining periods, and a loan outside
/// group 1 recognises only cash.
/// </summary>
[Properties(Arbitrary = [typeof(LoanScenarios)], MaxTest = 150)]
public class interest_recognition_properties
{
    private static LoanValuation Value(LoanScenario s, LocalDate asOf) => LoanValuator.Value(s.Schedule, s.Transactions, asOf, s.Policy);

    private static InterestPosition? At(LoanScenario s, LocalDate asOf, LocalDate? writtenOff = null) =>
        asOf < s.Terms.StartDate ? null : InterestRecognition.At(Value(s, asOf), s.Policy, writtenOff);

    private static InterestIncome Income(LoanScenario s, LocalDate from, LocalDate to, LocalDate? writtenOff = null) =>
        InterestRecognition.Period(s.Schedule, s.Transactions, s.Policy, writtenOff, from, to)!;

    /// <summary>Interest charged to date (cash received + what is still owed) = paid + on-balance + off-balance, exactly one
    /// of the two receivables is used, on-balance only in group 1 before a write-off, and the interest charged never
    /// shrinks from one date to a later one.</summary>
    [Property]
    public bool interest_charged_is_paid_or_on_balance_or_off_balance(LoanScenario s, PositiveInt gap, NonNegativeInt writeOffDays)
    {
        var writtenOff = writeOffDays.Get % 3 == 0 ? (LocalDate?)null : s.Terms.StartDate.PlusDays(writeOffDays.Get % 900);
        var v = Value(s, s.AsOf);
        var p = InterestRecognition.At(v, s.Policy, writtenOff);
        var later = At(s, s.AsOf.PlusDays(gap.Get % 200), writtenOff)!;
        var owed = v.InterestAccrued + v.InterestDue + v.InterestOverdue + v.InterestOnOverduePrincipal + v.InterestOnLateInterest;
        var paid = v.PaidInterest + v.PaidPenaltyInterest;
        var group1 = DebtClassifier.Classify(v, s.Policy).Group == DebtGroup.Group1;
        return p.Charged == paid + owed
            && p.Charged == p.Paid + p.OnBalance + p.OffBalance
            && (p.OnBalance.IsZero || p.OffBalance.IsZero)
            && (p.OnBalance.IsZero || (group1 && (writtenOff is null || writtenOff > s.AsOf)))
            && later.Charged >= p.Charged;
    }

    /// <summary>Income over [a, b] + income over [b + 1, c] = income over [a, c], and from the loan's start to a date it is
    /// the interest received plus the on-balance receivable at that date.</summary>
    [Property]
    public bool income_over_adjoining_periods_adds_up(LoanScenario s, NonNegativeInt first, NonNegativeInt second, NonNegativeInt writeOffDays)
    {
        var writtenOff = writeOffDays.Get % 2 == 0 ? (LocalDate?)null : s.Terms.StartDate.PlusDays(writeOffDays.Get % 900);
        var a = s.AsOf;
        var b = a.PlusDays(first.Get % 200);
        var c = b.PlusDays(1 + second.Get % 200);
        var whole = Income(s, a, c, writtenOff);
        var sum = Income(s, a, b, writtenOff).Income + Income(s, b.PlusDays(1), c, writtenOff).Income;
        var end = At(s, c, writtenOff)!;
        var sinceStart = Income(s, s.Terms.StartDate, c, writtenOff);
        return whole.Income == sum
            && whole.Income == whole.CashReceived + whole.OnBalanceAtEnd - whole.OnBalanceAtStart
            && sinceStart.Income == end.Paid + end.OnBalance
            && !whole.Accrued.IsNegative && !whole.Reversed.IsNegative && !whole.RecognisedOnCash.IsNegative;
    }

    /// <summary>A loan outside group 1 on every day of a period recognises only the cash it received, less the on-balance
    /// receivable it brought into the period (reversed); with no cash, nothing or a reversal (≤ 0).</summary>
    [Property]
    public bool a_loan_outside_group_1_for_the_whole_period_recognises_only_cash(LoanScenario s, NonNegativeInt length)
    {
        // the first day from the scenario's date that the loan is off the balance sheet, and as many days after it as it stays off
        var from = s.AsOf;
        while (At(s, from)!.OnBalanceSheet)
        {
            from = from.PlusDays(1);
            if (from > s.AsOf.PlusDays(400)) return true; // the loan stays in group 1: no such period
        }
        var to = from;
        while (to < from.PlusDays(length.Get % 120) && !At(s, to.PlusDays(1))!.OnBalanceSheet) to = to.PlusDays(1);
        var income = Income(s, from, to);
        var before = At(s, from.PlusDays(-1))?.OnBalance ?? Money.Zero;
        return income.Accrued.IsZero
            && income.Income == income.CashReceived - before
            && (!income.CashReceived.IsZero || income.Income <= Money.Zero)
            && income.OnBalanceAtEnd.IsZero;
    }

    /// <summary>The breakdown is what the loan did day by day: walking the period one day at a time (each day's charge
    /// accrued while on the balance sheet, the receivable reversed the day it moves off, reinstated as accrued the day it
    /// comes back, cash recognised on receipt while off) gives the same accrued, reversed and recognised-on-cash figures
    /// when the loan changes state at most once in the period, and the same income always.</summary>
    [Property(MaxTest = 100)]
    public bool the_breakdown_is_the_day_by_day_walk(LoanScenario s, NonNegativeInt length, NonNegativeInt writeOffDays)
    {
        var writtenOff = writeOffDays.Get % 3 == 0 ? s.Terms.StartDate.PlusDays(writeOffDays.Get % 900) : (LocalDate?)null;
        var from = s.AsOf;
        var to = from.PlusDays(length.Get % 150);
        Money accrued = Money.Zero, reversed = Money.Zero, onCash = Money.Zero;
        var previous = At(s, from.PlusDays(-1), writtenOff);
        var changes = 0;
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            var today = At(s, d, writtenOff)!;
            var cash = today.Paid - (previous?.Paid ?? Money.Zero);
            var wasOn = previous?.OnBalanceSheet ?? true;
            if (previous is not null && wasOn != today.OnBalanceSheet) changes++;
            if (wasOn && today.OnBalanceSheet)
            {
                var charged = cash + today.OnBalance - (previous?.OnBalance ?? Money.Zero);
                if (charged.IsNegative) reversed -= charged; else accrued += charged;
            }
            else if (wasOn)
            {
                reversed += previous!.OnBalance;
                onCash += cash;
            }
            else if (today.OnBalanceSheet)
            {
                onCash += cash;
                accrued += today.OnBalance;
            }
            else onCash += cash;
            previous = today;
        }
        var income = Income(s, from, to, writtenOff);
        return income.Income == accrued + onCash - reversed
            && (changes > 1 || (income.Accrued == accrued && income.Reversed == reversed && income.RecognisedOnCash == onCash));
    }
}
