using HtxFund.Capital;
using HtxFund.Classification.Running;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
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
    public static Task Handle(ClassifyFundMonth command, IMessageBus bus, IDocumentStore store, CancellationToken ct) =>
        ClassificationRunner.RunAsync(bus, store, command.FundId, command.Month, command.By, ct);
}

public static class ClassifyAllFundsForPreviousMonthHandler
{
    public static async Task Handle(ClassifyAllFundsForPreviousMonth _, IMessageBus bus, IDocumentStore store, BusinessTime time,
        Reports.CapitalAdequacy.CapitalAdequacyService reports, CancellationToken ct)
    {
        var today = time.Today;
        var funds = await Funds.ServedFunds.IdsAsync(store, ct);
        var month = ClassificationRuns.Format(new YearMonth(today.Year, today.Month).PlusMonths(-1));
        foreach (var fund in funds)
        {
            Lending.WorkingDayCalendar calendar;
            await using (var query = store.QuerySession(fund))
                calendar = (await FundPolicies.CurrentAsync(query, ct)).ToLendingPolicy().Calendar;
            if (ClassificationRuns.FirstWorkingDay(today, calendar) != today) continue;
            await ClassificationRunner.RunAsync(bus, store, fund, month, Actor.System, ct);
            // the run is complete: archive the month-end capital-adequacy report (once per fund and month)
            await Reports.CapitalAdequacy.MonthlyCapitalAdequacy.GenerateAsync(store, reports, fund, month, time, ct);
        }
    }
}

/// <summary>
/// The classification run of one fund and month: the loop that reads the loan book and hands each step to Wolverine
/// (invoked in process for the fund's tenant). Each step is a message handled on Wolverine's aggregate workflow over the
/// run stream (deterministic id from the month), in its own transaction, so a crash loses at most the batch in flight
/// and a rerun continues where the last committed batch ended:
/// 1. <see cref="StartClassificationRun"/>: the run stream records how many loans are active at the month's end
///    (counted from the loans' snapshot columns); a run that exists is returned as it is;
/// 2. <see cref="ClassifyLoans"/>, once per batch: the active loans after the run's cursor (the last loan classified)
///    are read here in the database's id order (<see cref="LoanBook.PrefetchedAsync"/>: each loan's inline snapshot, the
///    book refused when one is missing; never loaded whole, so memory stays flat; the next batch is read while the
///    current one is valued), and the step values them as of the month's end with the Lending engine on every core and
///    appends their <see cref="LoanClassified"/> (optimistic on the stream's version);
/// 3. <see cref="CompleteClassificationRun"/>: <see cref="ProvisionBooked"/> on the fund's capital stream (the change from
///    the total booked so far) and <see cref="ClassificationRunCompleted"/> in one transaction, under the fund's capital
///    lock; a completed run or a month already booked is never booked again.
/// </summary>
public static class ClassificationRunner
{
    public const int DefaultBatchSize = 500;

    /// <param name="bus">Wolverine's bus (a handler's own, or one from a DI scope): each step is invoked on it for the fund.</param>
    /// <param name="stopAfterLoans">Tests only: throw <see cref="ClassificationInterrupted"/> once this many loans are
    /// classified, as a crash would (the batches committed stay).</param>
    public static async Task RunAsync(IMessageBus bus, IDocumentStore store, string fundId, string month, Actor by, CancellationToken ct,
        int batchSize = DefaultBatchSize, int? stopAfterLoans = null)
    {
        var yearMonth = ParseMonth(month) ?? throw new ArgumentException($"Not a month (yyyy-MM): {month}.", nameof(month));
        var runId = ClassificationRuns.StreamId(yearMonth);
        var asOf = ClassificationRuns.LastDay(yearMonth);

        var run = (await bus.InvokeForTenantAsync<ClassificationRunState>(fundId, new StartClassificationRun(runId, month, asOf, by), ct)).Run;
        if (run.Completed) return;

        LendingPolicy policy;
        Collateral.CollateralSettings deductionRates;
        await using (var query = store.QuerySession(fundId))
        {
            var fundPolicy = await FundPolicies.CurrentAsync(query, ct);
            (policy, deductionRates) = (fundPolicy.ToLendingPolicy(), fundPolicy.Settings.Collateral);
        }
        await using var register = store.QuerySession(fundId);
        var classified = 0;
        // the active loans after the cursor, in the database's id order, each batch read while the previous one is classified
        await foreach (var loans in LoanBook.PrefetchedAsync(store, fundId, batchSize, asOf, run.LastLoanId, upTo: null, ct))
        {
            if (stopAfterLoans is { } stop && classified >= stop) throw new ClassificationInterrupted(classified);
            var take = stopAfterLoans is { } limit ? Math.Min(loans.Count, limit - classified) : loans.Count;
            var batch = take == loans.Count ? loans : loans.Take(take).ToArray();
            // the batch's deductible collateral at the month's end, as the register knows it now (one query per batch)
            var collateral = await Collateral.Reading.DeductibleCollateral.ForLoansAsync(register, batch.Select(l => l.Id).ToArray(), asOf, deductionRates,
                knownAt: null, ct);
            var done = await bus.InvokeForTenantAsync<LoansClassified>(fundId, new ClassifyLoans(runId, asOf, batch, policy, collateral), ct);
            if (stopAfterLoans is { } max && classified + take >= max && take < loans.Count) throw new ClassificationInterrupted(classified + take);
            classified += done.Count;
        }

        await bus.InvokeForTenantAsync(fundId, new CompleteClassificationRun(runId, month, by), ct);
    }

    public static YearMonth? ParseMonth(string? month) =>
        NodaTime.Text.YearMonthPattern.Iso.Parse(month ?? "") is { Success: true } r && r.Value.Year >= 1990 ? r.Value : null;
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class MonthlyClassificationJob(IMessageBus bus)
{
    public const string Id = "monthly-classification";
    public const string DefaultCron = "0 7 1-7 * *";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new ClassifyAllFundsForPreviousMonth(), ct);
}
