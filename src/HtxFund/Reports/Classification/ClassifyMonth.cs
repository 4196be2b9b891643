using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Reports.Classification;

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
        CapitalAdequacy.CapitalAdequacyService reports, CancellationToken ct)
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
            await CapitalAdequacy.MonthlyCapitalAdequacy.GenerateAsync(store, reports, fund, month, time, ct);
        }
    }
}

/// <summary>
/// The classification run of one fund and month. Steps, each its own transaction, so a crash loses at most the batch
/// in flight and a rerun continues where the last committed batch ended:
/// 1. start: the run stream (deterministic id from the month) records the loans active at the month's end;
/// 2. batches: each loan not yet classified in the run is valued as of the month's end with the Lending engine and
///    its <see cref="LoanClassified"/> appended to the run stream (optimistic on the stream's version);
/// 3. completion: <see cref="ProvisionBooked"/> on the fund's capital stream (the change from the total booked so far)
///    and <see cref="ClassificationRunCompleted"/> in one transaction; a completed run or a month already booked is
///    never booked again.
/// </summary>
public static class ClassificationRunner
{
    public const int DefaultBatchSize = 100;

    public static async Task RunAsync(IDocumentStore store, string fundId, string month, Actor by, BusinessTime time, CancellationToken ct,
        int batchSize = DefaultBatchSize, int? stopAfterLoans = null)
    {
        var yearMonth = ParseMonth(month) ?? throw new ArgumentException($"Not a month (yyyy-MM): {month}.", nameof(month));
        var runId = ClassificationRuns.StreamId(yearMonth);
        var asOf = ClassificationRuns.LastDay(yearMonth);

        var run = await StartAsync(store, fundId, runId, month, asOf, by, time, ct);
        if (run.Completed) return;

        var classified = 0;
        while (true)
        {
            await using var session = store.LightweightSession(fundId);
            var stream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
            var batch = stream.Aggregate!.Remaining().Take(batchSize).ToArray();
            if (batch.Length == 0) break;
            if (stopAfterLoans is { } stop && classified >= stop) throw new ClassificationInterrupted(classified);
            if (stopAfterLoans is { } limit) batch = batch.Take(limit - classified).ToArray();
            var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
            foreach (var loanId in batch)
            {
                var loan = await session.Events.AggregateStreamAsync<Loan>(loanId, token: ct);
                var position = loan is null ? null : LoanPosition.Of(loan, asOf, policy);
                stream.AppendOne(LoanClassification.Decide(runId, loanId, loan?.Contract?.ContractNumber, asOf, position,
                    deductibleCollateral: 0, policy));
            }
            await session.SaveChangesAsync(ct);
            classified += batch.Length;
        }

        await CompleteAsync(store, fundId, runId, month, asOf, by, time, ct);
    }

    public static YearMonth? ParseMonth(string? month) =>
        NodaTime.Text.YearMonthPattern.Iso.Parse(month ?? "") is { Success: true } r && r.Value.Year >= 1990 ? r.Value : null;

    /// <summary>Loans active at the end of <paramref name="asOf"/>: a tranche paid out on or before it, not closed by then.</summary>
    public static bool ActiveAt(LoanDetails loan, LocalDate asOf) =>
        loan.Stage != LoanStage.Application && loan.Stage != LoanStage.Approved
        && loan.Tranches.Any(t => t.State == TrancheState.Disbursed && t.ValueDate <= asOf)
        && (loan.ClosedOn is not { } closed || closed > asOf);

    private static async Task<ClassificationRun> StartAsync(IDocumentStore store, string fundId, Guid runId, string month, LocalDate asOf,
        Actor by, BusinessTime time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(fundId);
        var stream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
        if (stream.Aggregate is { } existing) return existing;
        var loans = await session.Query<LoanDetails>().Where(l => l.Stage != LoanStage.Application).ToListAsync(ct);
        var ids = loans.Where(l => ActiveAt(l, asOf)).Select(l => l.Id).Order().ToArray();
        var started = new ClassificationRunStarted(runId, month, asOf, ids, by, time.Now);
        stream.AppendOne(started);
        await session.SaveChangesAsync(ct); // a concurrent start of the same month fails here on the stream's version
        return new ClassificationRun().Apply(started);
    }

    private static async Task CompleteAsync(IDocumentStore store, string fundId, Guid runId, string month, LocalDate asOf, Actor by,
        BusinessTime time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(fundId);
        var runStream = await session.Events.FetchForWriting<ClassificationRun>(runId, ct);
        var run = runStream.Aggregate!;
        if (run.Completed) return;
        var capital = await session.Events.FetchForWriting<FundCapitalLedger>(FundCapital.StreamId, ct);
        var ledger = capital.Aggregate ?? new FundCapitalLedger();
        var required = run.ProvisionRequired;
        var entryId = ledger.Entries.FirstOrDefault(e => e.Kind == CapitalEntryKind.ProvisionChange && e.Reference == month)?.EntryId;
        var change = 0L;
        if (entryId is null)
        {
            change = required - ledger.ProvisionsBookedAsOf(LocalDate.MaxIsoValue).Dong;
            entryId = Guid.CreateVersion7();
            capital.AppendOne(new ProvisionBooked(entryId.Value, month, asOf, Lending.Money.Of(required), Lending.Money.Of(change), runId, by, time.Now));
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
