using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using JasperFx.Core;
using JasperFx.Events;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Classification.Running;

/// <summary>Step 3 of a classification run (<see cref="ClassificationRunner"/>), once every loan is classified: book the
/// provision change of the run <paramref name="RunId"/> of <paramref name="Month"/> (yyyy-MM) on the fund's capital
/// stream and complete the run, in one transaction.</summary>
public sealed record CompleteClassificationRun(Guid RunId, string Month, Actor By)
{
    /// <summary>The fund's capital stream, which the completion appends <see cref="ProvisionBooked"/> to (tenant-scoped).</summary>
    public Guid CapitalStreamId => FundCapital.StreamId;
}

/// <summary>What the completion decides on, read under the fund's capital lock: the entry that already booked the
/// month's provision change, if any, and the provisions held (whole đồng): every provision booked less those used, up to
/// the month's end, against loans taken off the balance sheet (<see cref="FundCapitalLedger.ProvisionsUsedAsOf"/>).</summary>
public sealed record ProvisionsBooked(Guid? EntryForMonth, long Total);

/// <summary>
/// Completes the run on Wolverine's aggregate workflow over two streams, the run's and the fund's capital stream
/// (<see cref="FundCapitalStream"/>, started by the first entry): the capital locks are taken first, in Wolverine's
/// transaction and before either stream's version is read (<see cref="FundCapitalLockPolicy.HoldLocksFirst"/>, as
/// <see cref="BooksCapitalAttribute"/> does for the capital commands), then both streams are fetched for writing, the
/// provisions booked are read (<see cref="LoadAsync"/>), the decision made (<see cref="ClassificationCompletion.Decide"/>)
/// and both appends committed together. Two completions of one month are thereby one after the other, and the second
/// finds the run completed; a runner that appended a batch in between makes the commit fail on the run stream's version,
/// and the completion is decided again.
/// </summary>
public static class CompleteClassificationRunHandler
{
    public static void Configure(HandlerChain chain)
    {
        FundCapitalLockPolicy.HoldLocksFirst(chain, CapitalFlow.Outflow);
        chain.OnException(StreamConflicts.IsConflict).RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());
    }

    public static async Task<ProvisionsBooked> LoadAsync(CompleteClassificationRun command, IDocumentSession session, CancellationToken ct)
    {
        var ledger = await FundCapital.LedgerAsync(session, ct);
        // provisions used after the run's date (a loan taken off the balance sheet after the month's end, before its run
        // completed) are not yet used at that date: the run still requires the loan's provision, which is held then
        var asOf = ClassificationRunner.ParseMonth(command.Month) is { } month ? ClassificationRuns.LastDay(month) : LocalDate.MaxIsoValue;
        return new(ledger.ProvisionEntryFor(command.Month),
            (ledger.ProvisionsBookedAsOf(LocalDate.MaxIsoValue) - ledger.ProvisionsUsedAsOf(asOf)).Dong);
    }

    public static void Handle(CompleteClassificationRun command,
        [WriteAggregate(nameof(CompleteClassificationRun.RunId))] IEventStream<ClassificationRun> run,
        [WriteAggregate(nameof(CompleteClassificationRun.CapitalStreamId), Required = false)] IEventStream<FundCapitalStream> capital,
        ProvisionsBooked booked, Instant now)
    {
        var decision = ClassificationCompletion.Decide(run.Aggregate!, booked, Guid.CreateVersion7(), command.By, now);
        if (decision.Booked is { } provision) capital.AppendOne(provision);
        if (decision.Completed is { } completed) run.AppendOne(completed);
    }
}

/// <summary>What the completion appends: the provision change booked on the capital stream (none when the month is
/// booked already) and the run's completion (none when the run is completed already).</summary>
public sealed record ClassificationCompletion(ProvisionBooked? Booked, ClassificationRunCompleted? Completed)
{
    /// <summary>The pure decision. A completed run changes nothing. Otherwise the run completes, and the month's provision
    /// change is booked unless an entry booked it already (then the run completes on that entry with no change): the
    /// change is the provisions the run requires less the provisions held so far (booked − used).</summary>
    public static ClassificationCompletion Decide(ClassificationRun run, ProvisionsBooked booked, Guid newEntryId, Actor by, Instant now)
    {
        if (run.Completed) return new(null, null);
        var required = run.ProvisionRequired;
        if (booked.EntryForMonth is { } entryId)
            return new(null, new ClassificationRunCompleted(run.Id, run.Month, required, 0, entryId, now));
        var change = required - booked.Total;
        return new(new ProvisionBooked(newEntryId, run.Month, run.AsOf, Money.Of(required), Money.Of(change), run.Id, by, now),
            new ClassificationRunCompleted(run.Id, run.Month, required, change, newEntryId, now));
    }
}
