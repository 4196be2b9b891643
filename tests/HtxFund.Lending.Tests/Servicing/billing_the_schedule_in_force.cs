using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Lending.Tests.Properties;
using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

/// <summary>
/// The schedule in force (<see cref="LoanStatement.Schedule"/>) is the one the engine bills: after prepayments and
/// restructurings its remaining instalments are recomputed, and each instalment still to come is billed on its due date
/// exactly as projected when nothing else happens.
/// </summary>
[Properties(Arbitrary = [typeof(LoanScenarios)], MaxTest = 150)]
public class billing_the_schedule_in_force
{
    // 120,000,000 ₫ at 12 %/year, 12 monthly equal-principal instalments of 10,000,000 ₫ from 10/01/2025 (unadjusted).
    private static readonly LoanTerms Terms = LoanTerms.Create(M(120_000_000), 12m, D(2025, 1, 10), 12);
    private static readonly RepaymentSchedule Schedule = ScheduleGenerator.Generate(Terms, Unadjusted);

    /// <summary>Disbursed in full; #1–#3 paid on their due dates, #3 together with a 30,000,000 ₫ prepayment.</summary>
    private static LoanTransaction[] PrepaidWithTheThirdInstalment(PrepaymentMode mode)
    {
        var rows = Schedule.Instalments;
        return
        [
            new Disbursement(D(2025, 1, 10), M(120_000_000)),
            new Repayment(rows[0].DueDate, rows[0].Total),
            new Repayment(rows[1].DueDate, rows[1].Total),
            new Repayment(rows[2].DueDate, rows[2].Total + M(30_000_000), mode),
        ];
    }

    [Fact]
    public void after_a_prepayment_that_shortens_the_term_the_schedule_ends_earlier_and_bills_interest_on_the_lower_balance()
    {
        var statement = LoanValuator.Statement(Schedule, PrepaidWithTheThirdInstalment(PrepaymentMode.ShortenTerm), D(2025, 4, 10), Unadjusted);
        var rows = statement.Schedule;

        // #1–#3 were billed and are paid; the 30,000,000 ₫ came off #12, #11 and #10, which no longer appear.
        rows.Select(r => r.Number).ShouldBe(Enumerable.Range(1, 9));
        rows.Take(3).ShouldAllBe(r => r.Billed && r.PrincipalUnpaid == Money.Zero && r.InterestUnpaid == Money.Zero);
        rows.Skip(3).ShouldAllBe(r => !r.Billed && r.Principal == M(10_000_000));
        rows[^1].DueDate.ShouldBe(D(2025, 10, 10));
        Money.Sum(rows.Select(r => r.PrincipalUnpaid)).ShouldBe(statement.Valuation.PrincipalOutstanding);
        // #4 (10/04→10/05, 30 days) on 60,000,000 ₫: 60,000,000 × 30 × 12 / 36,500 = 591,780.8 → 591,781 ₫;
        // #5 (10/05→10/06, 31 days) on 50,000,000 ₫: 50,000,000 × 31 × 12 / 36,500 = 509,589.04 → 509,589 ₫.
        rows[3].Interest.ShouldBe(M(591_781));
        rows[4].Interest.ShouldBe(M(509_589));
    }

    [Fact]
    public void after_a_prepayment_that_reduces_the_instalments_every_remaining_instalment_is_smaller()
    {
        var statement = LoanValuator.Statement(Schedule, PrepaidWithTheThirdInstalment(PrepaymentMode.ReduceInstalments), D(2025, 4, 10), Unadjusted);
        var remaining = statement.Schedule.Where(r => !r.Billed).ToArray();

        // 60,000,000 ₫ over the nine remaining instalments: 6,666,666 ₫ for #4–#11 and the rest, 6,666,672 ₫, on #12.
        remaining.Length.ShouldBe(9);
        remaining.SkipLast(1).ShouldAllBe(r => r.Principal == M(6_666_666));
        remaining[^1].Principal.ShouldBe(M(6_666_672));
        Money.Sum(remaining.Select(r => r.Principal)).ShouldBe(M(60_000_000));
    }

    [Fact]
    public void an_instalment_left_unpaid_shows_what_of_it_is_still_owed()
    {
        // Disbursed in full, #1 paid, #2 missed, valued ten days after #2.
        var rows = Schedule.Instalments;
        LoanTransaction[] history = [new Disbursement(D(2025, 1, 10), M(120_000_000)), new Repayment(rows[0].DueDate, rows[0].Total)];
        var statement = LoanValuator.Statement(Schedule, history, D(2025, 3, 20), Unadjusted);

        var second = statement.Schedule[1];
        second.Billed.ShouldBeTrue();
        second.PrincipalUnpaid.ShouldBe(M(10_000_000));
        second.InterestUnpaid.ShouldBe(second.Interest);
        second.Interest.ShouldBe(rows[1].Interest);
        statement.Schedule[2].Billed.ShouldBeFalse();
    }

    [Property]
    public bool the_schedule_in_force_holds_exactly_the_outstanding_principal(LoanScenario scenario)
    {
        var statement = Statement(scenario);
        var unpaid = Money.Sum(statement.Schedule.Select(r => r.PrincipalUnpaid));
        return unpaid == statement.Valuation.PrincipalOutstanding
            && statement.Schedule.All(r => !r.Principal.IsNegative && !r.Interest.IsNegative
                && r.PrincipalUnpaid <= r.Principal && r.InterestUnpaid <= r.Interest && !r.InterestUnpaid.IsNegative)
            && statement.Schedule.Zip(statement.Schedule.Skip(1)).All(p => p.First.DueDate < p.Second.DueDate && p.First.Number + 1 == p.Second.Number);
    }

    [Property]
    public bool billed_instalments_hold_what_is_due_and_overdue(LoanScenario scenario)
    {
        var statement = Statement(scenario);
        var v = statement.Valuation;
        var billed = statement.Schedule.Where(r => r.Billed).ToArray();
        var principal = Money.Sum(billed.Select(r => r.PrincipalUnpaid)) == v.PrincipalDue + v.PrincipalOverdue;
        // Interest a restructuring deferred to a due date still to come is owed but belongs to no billed instalment yet.
        var interest = Money.Sum(billed.Select(r => r.InterestUnpaid));
        var restructured = scenario.Transactions.Any(t => t is Restructuring && t.Date <= scenario.AsOf);
        return principal && (restructured ? interest <= v.InterestDue + v.InterestOverdue : interest == v.InterestDue + v.InterestOverdue);
    }

    [Property]
    public bool each_instalment_to_come_is_billed_on_its_due_date_as_projected_when_nothing_else_happens(LoanScenario scenario)
    {
        var statement = Statement(scenario);
        var history = scenario.Transactions.Where(t => t.Date <= scenario.AsOf).ToArray();
        return statement.Schedule.Where(r => !r.Billed).All(r =>
        {
            var onDueDate = LoanValuator.Value(scenario.Schedule, history, r.DueDate, scenario.Policy);
            return onDueDate.PrincipalDue == r.Principal && onDueDate.InterestDue == r.Interest;
        });
    }

    private static LoanStatement Statement(LoanScenario scenario) =>
        LoanValuator.Statement(scenario.Schedule, scenario.Transactions, scenario.AsOf, scenario.Policy);
}
