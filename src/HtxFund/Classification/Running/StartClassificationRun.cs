using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Reports;
using JasperFx.Core;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Classification.Running;

/// <summary>Step 1 of a classification run (<see cref="ClassificationRunner"/>): start the run stream
/// <paramref name="RunId"/> of <paramref name="Month"/> (yyyy-MM) as of <paramref name="AsOf"/>, the month's last day,
/// unless it exists. Invoked by the runner for the fund's tenant, in its own transaction.</summary>
public sealed record StartClassificationRun(Guid RunId, string Month, LocalDate AsOf, Actor By);

/// <summary>The run as it is after the start: new, or as an earlier runner left it (completed, or where it stopped).</summary>
public sealed record ClassificationRunState(ClassificationRun Run);

/// <summary>How many loans are active at the run's date (counted only for a run that does not exist yet).</summary>
public sealed record ActiveLoans(int Count);

/// <summary>
/// Starts the run on Wolverine's aggregate workflow: the run stream fetched for writing (absent for a new run), the
/// active loans counted from the loans' snapshot columns (<see cref="LoanBook.CountActiveAsync"/>, no document read),
/// the decision (<see cref="ClassificationStart.Decide"/>), the append and the commit. A concurrent start of the same
/// month fails on the stream's version (Marten: the stream exists already) and is decided again, then finds the run the
/// other one started.
/// </summary>
public static class StartClassificationRunHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException(StreamConflicts.IsConflict)
            .RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    public static async Task<ActiveLoans> LoadAsync(StartClassificationRun command, ClassificationRun? run, IDocumentSession session,
        CancellationToken ct) =>
        new(run is null ? await LoanBook.CountActiveAsync(session, command.AsOf, ct) : 0);

    public static (ClassificationRunState, Events) Handle(StartClassificationRun command,
        [WriteAggregate(nameof(StartClassificationRun.RunId), Required = false)] ClassificationRun? run, ActiveLoans active, Instant now)
    {
        if (ClassificationStart.Decide(command, run, active.Count, now) is not { } started) return (new(run!), []);
        return (new(new ClassificationRun().Apply(started)), [started]);
    }
}

/// <summary>The pure decision of the start.</summary>
public static class ClassificationStart
{
    /// <summary>A run that exists is left as it is (null: nothing to append, whether completed or interrupted); otherwise
    /// it starts over the <paramref name="activeLoans"/> loans active at the month's end (the loans themselves are
    /// streamed by the run, so the event lists none).</summary>
    public static ClassificationRunStarted? Decide(StartClassificationRun command, ClassificationRun? run, int activeLoans, Instant now) =>
        run is not null ? null : new ClassificationRunStarted(command.RunId, command.Month, command.AsOf, [], command.By, now, activeLoans);
}
