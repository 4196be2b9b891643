using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using JasperFx.Core;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Classification.Running;

/// <summary>Step 2 of a classification run (<see cref="ClassificationRunner"/>), once per batch: classify
/// <paramref name="Loans"/> (the next loans of the book in the database's id order, already read by the runner) as of
/// <paramref name="AsOf"/> under <paramref name="Policy"/> and append their results to the run stream
/// <paramref name="RunId"/>, in one transaction. Invoked in process only (the loans are passed as they are, not serialised).</summary>
public sealed record ClassifyLoans(Guid RunId, LocalDate AsOf, IReadOnlyList<Loan> Loans, LendingPolicy Policy,
    IReadOnlyDictionary<Guid, Collateral.Reading.LoanDeductibleCollateral>? Collateral = null);

/// <summary>How many loans of the batch this step classified (those another runner classified first are skipped).</summary>
public sealed record LoansClassified(int Count);

/// <summary>
/// Classifies a batch on Wolverine's aggregate workflow: the run fetched for writing (its version read), the loans after
/// its cursor valued and classified (<see cref="ClassificationBatch"/>), their <see cref="LoanClassified"/> appended at
/// that version and committed. Another runner that appended first makes the commit fail on the stream's version; the
/// batch is then decided again on the run as it is, so what the other runner classified is skipped.
/// </summary>
public static class ClassifyLoansHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException(StreamConflicts.IsConflict).RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    public static (LoansClassified, Events) Handle(ClassifyLoans command, [WriteAggregate(nameof(ClassifyLoans.RunId))] ClassificationRun run,
        CancellationToken ct)
    {
        var results = ClassificationBatch.Classify(run, command.AsOf, command.Loans, command.Policy, ct, command.Collateral);
        var events = new Events();
        events.AddRange(results);
        return (new LoansClassified(results.Length), events);
    }
}

/// <summary>The pure decisions of a batch.</summary>
public static class ClassificationBatch
{
    /// <summary>The items of <paramref name="batch"/> still to classify: those whose loan comes after the run's cursor (the
    /// last loan classified, in the database's id order), in their order. A runner that went ahead leaves none of its
    /// loans to classify again.</summary>
    public static IReadOnlyList<T> Pending<T>(ClassificationRun run, IReadOnlyList<T> batch, Func<T, Guid> loanId) =>
        batch.Where(item => run.IsAfterCursor(loanId(item))).ToArray();

    /// <summary>The loans of <paramref name="batch"/> still to classify, each valued as of <paramref name="asOf"/> with the
    /// Lending engine (what <see cref="LoanPosition.Of"/> classifies, without its display parts) and classified
    /// (<see cref="LoanClassification.Decide(Guid, Guid, string?, LocalDate, int, int, long, long, LendingPolicy, IReadOnlyList{Collateral.Reading.CollateralUsed}?, bool)"/>), on
    /// every core, in the batch's order.</summary>
    public static LoanClassified[] Classify(ClassificationRun run, LocalDate asOf, IReadOnlyList<Loan> batch, LendingPolicy policy,
        CancellationToken ct, IReadOnlyDictionary<Guid, Collateral.Reading.LoanDeductibleCollateral>? collateral = null)
    {
        var todo = Pending(run, batch, l => l.Id);
        var results = new LoanClassified[todo.Count];
        Parallel.For(0, todo.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var loan = todo[i];
            var v = LoanTransactions.Valuations(loan, [asOf], policy)[0];
            var pledged = collateral?.GetValueOrDefault(loan.Id) ?? Collateral.Reading.LoanDeductibleCollateral.None;
            // a loan taken off the balance sheet (its provisions used) is classified with no on-balance principal: nothing to provide
            var onBalance = loan.OnBalanceAt(asOf) ? v?.PrincipalOutstanding.Dong ?? 0 : 0;
            results[i] = LoanClassification.Decide(run.Id, loan.Id, loan.Contract?.ContractNumber, asOf, v?.DaysPastDue ?? 0,
                v?.RestructuringCount ?? 0, onBalance, pledged.Deductible, policy, pledged.Items,
                interestWaivedForInabilityToPay: v?.InterestWaiversForInabilityToPay > 0);
        });
        return results;
    }
}
