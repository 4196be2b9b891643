using HtxFund.Applications;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Loans.Servicing;

/// <summary>
/// Turns a loan's events (folded into <see cref="Loan"/>) into what the Lending engine values: the booked schedule
/// and the transactions. Every valuation is recomputed from these on each request, never stored or patched.
/// </summary>
public static class LoanTransactions
{
    /// <summary>The opening balance of a loan taken over at a cut-over (<see cref="OpeningBalance"/>), disbursed tranches, repayments not reversed (in the order they were recorded, which orders those of one
    /// value date), approved restructurings and approved interest waivers, each on its value date.
    /// Prepared or cancelled tranches, reversed repayments and restructurings or waivers not approved are left out.</summary>
    public static IReadOnlyList<LoanTransaction> Of(Loan loan)
    {
        var list = new List<LoanTransaction>();
        if (loan.OpeningBalance is { } opening) list.Add(OpeningBalance(opening));
        list.AddRange(loan.Tranches.Where(t => t.State == TrancheState.Disbursed).Select(t => new Disbursement(t.ValueDate, Money.Of(t.Amount))));
        list.AddRange(loan.Repayments.Select((r, i) => (r, i)).Where(p => !p.r.Reversed)
            .Select(p => new Repayment(p.r.ValueDate, Money.Of(p.r.Amount)) { Sequence = p.i }));
        list.AddRange(loan.Restructurings.Where(r => r.State == RestructuringState.Approved).Select(Restructuring));
        list.AddRange(loan.Waivers.Where(w => w.State == WaiverState.Approved)
            .Select(w => Waiver(w.Date, w.Amount, w.Ground)));
        return list;
    }

    /// <summary>The engine's transaction of the balances a loan was taken over with.</summary>
    public static OpeningBalance OpeningBalance(Migrating.LoanOpeningBalanceRecorded o) =>
        new(o.CutOver, Money.Of(o.PrincipalOutstanding), Money.Of(o.OverduePrincipal), o.OverdueSince, Money.Of(o.InterestOwed), Money.Of(o.PenaltyOwed));

    /// <summary>The engine's transaction of an interest waiver (one granted because the borrower cannot pay counts for classification).</summary>
    public static InterestWaiver Waiver(LocalDate date, long amount, WaiverGround ground) =>
        new(date, Money.Of(amount), ground == WaiverGround.BorrowerCannotPay);

    public static LoanTransaction Restructuring(RestructuringRecord r)
    {
        var plan = r.Plan.Select(p => new PlannedPrincipal(p.DueDate, Money.Of(p.Principal)));
        return r.Kind == RestructuringKind.Extension ? new Extension(r.Date, plan) : new ScheduleAdjustment(r.Date, plan);
    }

    /// <summary>
    /// The schedule frozen in the contract, as the engine's <see cref="RepaymentSchedule"/>. The contract's terms are
    /// generated again with <paramref name="policy"/>; if the calendar of that policy would place a due date or a
    /// principal amount differently from the frozen rows, the frozen rows win (booked as an agreed, instalment-by-instalment
    /// plan), so a later policy never moves a signed schedule.
    /// </summary>
    public static RepaymentSchedule Schedule(ContractTerms contract, LendingPolicy policy)
    {
        var generated = ScheduleGenerator.Generate(ScheduleRows.Terms(contract.Terms), policy);
        var frozen = contract.Schedule;
        if (generated.Instalments.Length == frozen.Count
            && generated.Instalments.Zip(frozen).All(p => p.First.DueDate == p.Second.DueDate && p.First.Principal.Dong == p.Second.Principal))
            return generated;
        var t = contract.Terms;
        var custom = LoanTerms.Custom(Money.Of(t.Amount), t.AnnualRatePercent, t.StartDate, t.TermMonths,
            frozen.Select(r => new PlannedPrincipal(r.DueDate, Money.Of(r.Principal))));
        return ScheduleGenerator.Generate(custom, policy);
    }

    /// <summary>The loan's statement (each transaction with its split) as of <paramref name="asOf"/>, or null before the
    /// contract's start (nothing to value yet).</summary>
    public static LoanStatement? Statement(Loan loan, LocalDate asOf, LendingPolicy policy, IEnumerable<LoanTransaction>? extra = null)
    {
        if (loan.Contract is not { } contract || asOf < contract.Terms.StartDate) return null;
        var transactions = Of(loan).Concat(extra ?? []).ToArray();
        return LoanValuator.Statement(Schedule(contract, policy), transactions, asOf, policy);
    }

    /// <summary>The loan's valuation (<see cref="LoanValuator.Value(RepaymentSchedule, IEnumerable{LoanTransaction}, LocalDate, LendingPolicy)"/>,
    /// the valuation of <see cref="Statement"/> without its lines) at each of <paramref name="dates"/>, null where
    /// <see cref="Statement"/> would be null; the schedule and the transactions are built once for all the dates.</summary>
    public static LoanValuation?[] Valuations(Loan loan, IReadOnlyList<LocalDate> dates, LendingPolicy policy)
    {
        var values = new LoanValuation?[dates.Count];
        if (loan.Contract is not { } contract) return values;
        RepaymentSchedule? schedule = null;
        LoanTransaction[]? transactions = null;
        for (var i = 0; i < dates.Count; i++)
        {
            if (dates[i] < contract.Terms.StartDate) continue;
            schedule ??= Schedule(contract, policy);
            transactions ??= Of(loan).ToArray();
            values[i] = LoanValuator.Value(schedule, transactions, dates[i], policy);
        }
        return values;
    }
}
