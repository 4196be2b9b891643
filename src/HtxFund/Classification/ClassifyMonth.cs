using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Reports;
using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Classification;

/// <summary>Classify every active loan of fund <paramref name="FundId"/> as of the last day of <paramref name="Month"/>
/// (yyyy-MM) and book the provision change. Idempotent: a completed month changes nothing, an interrupted one resumes.</summary>
public sealed record ClassifyFundMonth(string FundId, string Month, Actor By);

/// <summary>The monthly trigger: on the first working day of the month (each fund's policy calendar), classify every
/// fund as of the last day of the previous month, then archive that month-end's capital-adequacy report. On any other
/// day it does nothing.</summary>
public sealed record ClassifyAllFundsForPreviousMonth;

/// <summary>Thrown by <see cref="ClassificationRunner"/> when told to stop after a number of loans (tests simulate a crash with it).</summary>
public sealed class ClassificationInterrupted(int afterLoans) : Exception($"Classification run interrupted after {afterLoans} loans.");

public static class ClassifyFundMonthHandler
{
    public static Task Handle(ClassifyFundMonth command, IDocumentStore store, BusinessTime time, CancellationToken ct) =>
        ClassificationRunner.RunAsync(store, command.FundId, command.Month, command.By, time, ct);
}

public static class ClassifyAllFundsForPreviousMonthHandler
{
    public static async Task Handle(ClassifyAllFundsForPreviousMonth _, IDocumentStore store, BusinessTime time,
        Reports.CapitalAdequacy.CapitalAdequacyService reports, CancellationToken ct)
    {
        var today = time.Today;
        string[] funds;
        await using (var query = store.QuerySession())
            funds = (await query.Query<Funds.Fund>().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct)).ToArray();
        var month = ClassificationRuns.Format(new YearMonth(today.Year, today.Month).PlusMonths(-1));
        foreach (var fund in funds)
        {
            Lending.WorkingDayCalendar calendar;
            await using (var query = store.QuerySession(fund))
                calendar = (await FundPolicies.CurrentAsync(query, ct)).ToLendingPolicy().Calendar;
            if (ClassificationRuns.FirstWorkingDay(today, calendar) != today) continue;
            await ClassificationRunner.RunAsync(store, fund, month, Actor.System, time, ct);
            // the run is complete: archive the month-end capital-adequacy report (once per fund and month)
            await Reports.CapitalAdequacy.MonthlyCapitalAdequacy.GenerateAsync(store, reports, fund, month, time, ct);
        }
    }
}

/// <summary>
/// The classification run of one fund and month. Steps, each its own transaction, so a crash loses at most the batch
/// in flight and a rerun continues where the last committed batch ended:
/// 1. start: the run stream (deterministic id from the month) records how many loans are active at the month's end
///    (counted from the loans' snapshot columns, <see cref="LoanBook.CountActiveAsync"/>);
/// 2. batches: the active loans after the run's cursor (the last loan classified) are read in the database's id order
///    (<see cref="LoanBook.PrefetchedAsync"/>: each loan's inline snapshot, the book refused when one is missing;
///    never loaded whole, so memory stays flat; the next batch is read while the current one is valued), valued as of
///    the month's end with the Lending engine on every core, and their <see cref="LoanClassified"/> appended to the run
///    stream (optimistic on the stream's version);
/// 3. completion: <see cref="ProvisionBooked"/> on the fund's capital stream (the change from the total booked so far)
///    and <see cref="ClassificationRunCompleted"/> in one transaction; a completed run or a month already booked is
///    never booked again.
/// </summary>
public static class ClassificationRunner
{
    public const int DefaultBatchSize = 500;

    public static async Task RunAsync(IDocumentStore store, string fundId, string month, Actor by, BusinessTime time, CancellationToken ct,
        int batchSize = DefaultBatchSize, int? stopAfterLoans = null)
    {
        var yearMonth = ParseMonth(month) ?? throw new ArgumentException($"Not a month (yyyy-MM): {month}.", nameof(month));
        var runId = ClassificationRuns.StreamId(yearMonth);
        var asOf = ClassificationRuns.LastDay(yearMonth);

        var run = await StartAsync(store, fundId, runId, month, asOf, by, time, ct);
        if (run.Completed) return;

        LendingPolicy policy;
        await using (var query = store.QuerySession(fundId))
            policy = (await FundPolicies.CurrentAsync(query, ct)).ToLendingPolicy();
        var classified = 0;
        // the active loans after the cursor, in the database's id order, each batch read while the previous one is classified
        await foreach (var loans in LoanBook.PrefetchedAsync(store, fundId, batchSize, asOf, run.LastLoanId, upTo: null, ct))
            classified += await ClassifyBatchAsync(store, fundId, runId, asOf, loans, policy, classified, stopAfterLoans, ct);

        await CompleteAsync(store, fundId, runId, month, asOf, by, time, ct);
    }

    private static async Task<int> ClassifyBatchAsync(IDocumentStore store, string fundId, Guid runId, LocalDate asOf,
        IReadOnlyList<Loan> batch, LendingPolicy policy, int classifiedSoFar, int? stopAfterLoans, CancellationToken ct)
    {
        if (stopAfterLoans is { } stop && classifiedSoFar >= stop) throw new ClassificationInterrupted(classifiedSoFar);
        var take = stopAfterLoans is { } limit ? Math.Min(batch.Count, limit - classifiedSoFar) : batch.Count;
        await using var session = store.LightweightSession(fundId);
        var stream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
        var run = stream.Aggregate!;
        var todo = batch.Take(take).Where(l => run.IsAfterCursor(l.Id)).ToArray(); // another runner may have gone ahead
        // the engine's valuation as of the month's end (what LoanPosition.Of classifies, without its display parts), on every core
        var results = new LoanClassified[todo.Length];
        Parallel.For(0, todo.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var loan = todo[i];
            var v = LoanTransactions.Valuations(loan, [asOf], policy)[0];
            results[i] = LoanClassification.Decide(runId, loan.Id, loan.Contract?.ContractNumber, asOf, v?.DaysPastDue ?? 0,
                v?.RestructuringCount ?? 0, v?.PrincipalOutstanding.Dong ?? 0, deductibleCollateral: 0, policy);
        });
        foreach (var result in results) stream.AppendOne(result);
        await session.SaveChangesAsync(ct);
        if (stopAfterLoans is { } max && classifiedSoFar + take >= max && take < batch.Count) throw new ClassificationInterrupted(classifiedSoFar + take);
        return todo.Length;
    }

    public static YearMonth? ParseMonth(string? month) =>
        NodaTime.Text.YearMonthPattern.Iso.Parse(month ?? "") is { Success: true } r && r.Value.Year >= 1990 ? r.Value : null;

    private static async Task<ClassificationRun> StartAsync(IDocumentStore store, string fundId, Guid runId, string month, LocalDate asOf,
        Actor by, BusinessTime time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(fundId);
        var stream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
        if (stream.Aggregate is { } existing) return existing;
        int count;
        await using (var reader = store.QuerySession(fundId))
            count = await LoanBook.CountActiveAsync(reader, asOf, ct); // from the loans' snapshot columns, no document read
        var started = new ClassificationRunStarted(runId, month, asOf, [], by, time.Now, count);
        stream.AppendOne(started);
        await session.SaveChangesAsync(ct); // a concurrent start of the same month fails here on the stream's version
        return new ClassificationRun().Apply(started);
    }

    private static async Task CompleteAsync(IDocumentStore store, string fundId, Guid runId, string month, LocalDate asOf, Actor by,
        BusinessTime time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(fundId);
        await FundCapital.LockAsync(session, ct); // the provision is appended to the capital stream
        var runStream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
        var run = runStream.Aggregate!;
        if (run.Completed) return;
        var ledger = await FundCapital.LedgerAsync(session, ct);
        var required = run.ProvisionRequired;
        var entryId = ledger.ProvisionEntryFor(month);
        var change = 0L;
        if (entryId is null)
        {
            change = required - ledger.ProvisionsBookedAsOf(LocalDate.MaxIsoValue).Dong;
            entryId = Guid.CreateVersion7();
            await FundCapital.AppendAsync(session, new ProvisionBooked(entryId.Value, month, asOf, Lending.Money.Of(required), Lending.Money.Of(change), runId, by, time.Now), ct);
        }
        runStream.AppendOne(new ClassificationRunCompleted(runId, month, required, change, entryId.Value, time.Now));
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class MonthlyClassificationJob(IMessageBus bus)
{
    public const string Id = "monthly-classification";
    public const string DefaultCron = "0 7 1-7 * *";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new ClassifyAllFundsForPreviousMonth(), ct);
}
