using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Migration.Booking;
using Marten;
using NodaTime;

namespace HtxFund.Migration.Reconciling;

/// <summary>A loan's figures at the cut-over as the fund computes them: principal outstanding, interest owed (everything
/// interest-like the borrower would pay to settle: accrued, due, overdue and late interest) and the debt group.</summary>
public sealed record FundFigures(long PrincipalOutstanding, long InterestOwed, DebtGroup Group);

/// <summary>
/// The proof after booking: each loan valued at the cut-over by the fund's own engine (<see cref="LoanTransactions"/>,
/// <see cref="LoanValuator"/>) and classified by the classification run's rule (<see cref="DebtClassifier"/> on days past
/// due and restructurings), beside the file's Expected* figures.
/// </summary>
public static class LoanBookReconciler
{
    public static FundFigures Figures(Loan loan, LocalDate asOf, LendingPolicy policy)
    {
        if (LoanTransactions.Valuations(loan, [asOf], policy)[0] is not { } v) return new FundFigures(0, 0, DebtGroup.Group1);
        var group = DebtClassifier.Classify(v.DaysPastDue, v.RestructuringCount, policy,
            interestWaivedForInabilityToPay: v.InterestWaiversForInabilityToPay > 0).Group;
        return new FundFigures(v.PrincipalOutstanding.Dong, (v.Payoff - v.PrincipalOutstanding).Dong, group);
    }

    /// <summary>The file's loans beside the fund's figures (a loan the fund does not hold counts as nothing owed).</summary>
    public static LoanBookReconciliation Reconcile(LocalDate cutOver, IEnumerable<(ImportedLoan Row, Guid LoanId, FundFigures Fund)> loans)
    {
        var all = loans.ToList();
        var differences = all
            .Where(l => l.Row.ExpectedPrincipalOutstanding != l.Fund.PrincipalOutstanding || l.Row.ExpectedInterestOwed != l.Fund.InterestOwed
                        || l.Row.ExpectedDebtGroup != l.Fund.Group)
            .Select(l => new ReconciliationDifference(l.Row.ContractNumber, l.Row.Row, l.LoanId, l.Row.ExpectedPrincipalOutstanding,
                l.Fund.PrincipalOutstanding, l.Row.ExpectedInterestOwed, l.Fund.InterestOwed, l.Row.ExpectedDebtGroup, l.Fund.Group))
            .ToList();
        return new LoanBookReconciliation(cutOver, all.Count, all.Sum(l => l.Row.ExpectedPrincipalOutstanding), all.Sum(l => l.Fund.PrincipalOutstanding),
            all.Sum(l => l.Row.ExpectedInterestOwed), all.Sum(l => l.Fund.InterestOwed), differences);
    }

    /// <summary>Reads the file's loans as the fund holds them (their inline documents) and reconciles them.</summary>
    public static async Task<LoanBookReconciliation> ReconcileAsync(IDocumentStore store, string fundId, LoanBookFile file, LendingPolicy policy,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(fundId);
        var rows = file.Loans.Select(l => (Row: l, Id: LoanBookIds.Loan(fundId, l.ContractNumber))).ToList();
        var loans = new Dictionary<Guid, Loan>();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(1000))
            foreach (var loan in await session.LoadManyAsync<Loan>(ct, chunk))
                loans[loan.Id] = loan;
        return Reconcile(file.CutOver, rows.Select(r => (r.Row, r.Id,
            loans.TryGetValue(r.Id, out var loan) ? Figures(loan, file.CutOver, policy) : new FundFigures(0, 0, DebtGroup.Group1))));
    }
}
