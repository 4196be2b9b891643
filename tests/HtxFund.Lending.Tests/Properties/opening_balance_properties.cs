using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace HtxFund.Lending.Tests.Properties;

/// <summary>A random loan taken over at a random cut-over with random balances, and random repayments after it.</summary>
public sealed record OpeningScenario(RepaymentSchedule Schedule, LendingPolicy Policy, OpeningBalance Opening, Repayment[] Repayments, LocalDate AsOf)
{
    public LoanTerms Terms => Schedule.Terms;

    public override string ToString() =>
        $"{Terms.Principal} at {Terms.AnnualRatePercent} % from {Terms.StartDate:yyyy-MM-dd}, {Terms.TermMonths} m {Terms.Frequency} {Terms.Method}, " +
        $"{Terms.DayCount}; opening {Opening.Date:yyyy-MM-dd}: {Opening.PrincipalOutstanding}, overdue {Opening.OverduePrincipal} since " +
        $"{Opening.OverdueSince:yyyy-MM-dd}, interest {Opening.InterestOwed}, penalty {Opening.PenaltyOwed}; as of {AsOf:yyyy-MM-dd}; " +
        string.Join("; ", Repayments.Select(r => $"R {r.Date:yyyy-MM-dd} {r.Amount} {r.PrepaymentMode}"));
}

public static class OpeningScenarios
{
    private static readonly LendingPolicy[] Policies =
    [
        LendingPolicy.Default,
        LendingPolicy.Default with { DueDateRule = BusinessDayRule.Unadjusted },
        LendingPolicy.Default with { DefaultPrepaymentMode = PrepaymentMode.ReduceInstalments },
    ];

    public static Gen<OpeningScenario> Scenarios { get; } =
        from terms in LoanScenarios.Terms
        from policy in Gen.Elements(Policies)
        let schedule = ScheduleGenerator.Generate(terms, policy)
        let span = LoanScenarios.Span(schedule)
        from cutOverOffset in Gen.Choose(0, Math.Max(0, span - 1))
        from outstandingShare in Gen.Choose(1, 1000)
        from overdueShare in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 1000)))
        from overdueDays in Gen.Choose(1, 400)
        from interest in Gen.Frequency((1, Gen.Constant(0L)), (2, Gen.Choose(1, 50_000_000).Select(i => (long)i)))
        from penalty in Gen.Frequency((1, Gen.Constant(0L)), (1, Gen.Choose(1, 5_000_000).Select(i => (long)i)))
        from repayments in Gen.ListOf(Repayment(terms.StartDate.PlusDays(cutOverOffset), span - cutOverOffset + 200, terms.Principal.Dong)).Resize(8)
        from asOfOffset in Gen.Choose(0, span - cutOverOffset + 300)
        let cutOver = terms.StartDate.PlusDays(cutOverOffset)
        select new OpeningScenario(schedule, policy,
            Opening(cutOver, schedule, terms.Principal.Dong * outstandingShare / 1000, overdueShare, overdueDays, interest, penalty),
            [.. repayments], cutOver.PlusDays(asOfOffset));

    public static Arbitrary<OpeningScenario> OpeningScenario() => Arb.From(Scenarios);

    private static OpeningBalance Opening(LocalDate cutOver, RepaymentSchedule schedule, long outstanding, int overdueShare, int overdueDays,
        long interest, long penalty)
    {
        var principal = Math.Max(1, outstanding);
        // Principal not overdue needs an instalment after the cut-over to bill it.
        var overdue = cutOver >= schedule.FinalDueDate ? principal : principal * overdueShare / 1000;
        return new OpeningBalance(cutOver, Money.Of(principal), Money.Of(overdue), overdue > 0 ? cutOver.PlusDays(-overdueDays) : null,
            Money.Of(interest), Money.Of(penalty));
    }

    private static Gen<Repayment> Repayment(LocalDate cutOver, int window, long principal) =>
        from offset in Gen.Choose(0, window)
        from size in Gen.Choose(1, 400).Select(p => Math.Max(1, principal * p / 400))
        from mode in Gen.Elements<PrepaymentMode?>(null, PrepaymentMode.ShortenTerm, PrepaymentMode.ReduceInstalments)
        select new Repayment(cutOver.PlusDays(offset), Money.Of(size), mode);
}

/// <summary>Invariants of a loan started from an opening balance (FsCheck): at the cut-over it owes exactly the opening
/// figures, repaying the payoff closes it, and every đồng received is accounted for.</summary>
[Properties(Arbitrary = [typeof(OpeningScenarios)], MaxTest = 200)]
public class opening_balance_properties
{
    [Property]
    public bool at_the_cut_over_a_payment_must_settle_exactly_the_opening_figures(OpeningScenario s)
    {
        var o = s.Opening;
        var ledger = LoanLedger.Open(s.Schedule, s.Policy).Apply(o);
        var owed = ledger.OwedAt(o.Date);
        var v = LoanValuator.Value(s.Schedule, [o], o.Date, s.Policy);
        var daysPastDue = o.OverdueSince is { } since ? DayCount.DaysBetween(since, o.Date) : 0;
        return owed.OverduePrincipal == o.OverduePrincipal
            && owed.PrincipalNotDue + owed.PrincipalDue == o.PrincipalNotOverdue
            && owed.InterestDue == o.InterestOwed && owed.OverdueInterest == Money.Zero
            && owed.InterestOnOverduePrincipal == o.PenaltyOwed && owed.InterestOnLateInterest == Money.Zero
            && v.PrincipalDisbursed == o.PrincipalOutstanding && v.PrincipalOutstanding == o.PrincipalOutstanding
            && v.PrincipalOverdue == o.OverduePrincipal && v.DaysPastDue == daysPastDue
            && v.PaidTotal == Money.Zero;
    }

    [Property]
    public bool repaying_the_payoff_closes_the_loan(OpeningScenario s)
    {
        var history = s.Repayments.Where(r => r.Date < s.AsOf).ToArray();
        var ledger = LoanLedger.Open(s.Schedule, s.Policy).Apply([s.Opening, .. history]);
        var payoff = ledger.OwedAt(s.AsOf).Payoff;
        if (!payoff.IsPositive) return ledger.ValueAt(s.AsOf).PrincipalOutstanding == Money.Zero;

        var v = ledger.Apply(new Repayment(s.AsOf, payoff)).ValueAt(s.AsOf);
        return v.PrincipalOutstanding == Money.Zero && v.InterestDue == Money.Zero && v.InterestOverdue == Money.Zero
            && v.Payoff == Money.Zero
            && v.PaidPrincipal == s.Opening.PrincipalOutstanding && v.RefundableExcess == Money.Zero;
    }

    [Property]
    public bool money_is_conserved_and_nothing_goes_negative(OpeningScenario s)
    {
        var v = LoanValuator.Value(s.Schedule, [.. s.Repayments, s.Opening], s.AsOf, s.Policy);
        Money[] amounts =
        [
            v.PrincipalNotDue, v.PrincipalDue, v.PrincipalOverdue, v.InterestAccrued, v.InterestDue, v.InterestOverdue,
            v.InterestOnOverduePrincipal, v.InterestOnLateInterest, v.PaidPrincipal, v.PaidInterest, v.PaidPenaltyInterest, v.RefundableExcess,
        ];
        var received = Money.Sum(s.Repayments.Where(r => r.Date <= s.AsOf).Select(r => r.Amount));
        return amounts.All(a => !a.IsNegative)
            && v.PrincipalDisbursed == s.Opening.PrincipalOutstanding
            && v.PrincipalDisbursed == v.PaidPrincipal + v.PrincipalOutstanding
            && received == v.PaidPrincipal + v.PaidInterest + v.PaidPenaltyInterest + v.RefundableExcess;
    }
}
