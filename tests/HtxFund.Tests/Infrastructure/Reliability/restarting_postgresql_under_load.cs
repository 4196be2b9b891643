using System.Diagnostics;
using System.Net;
using HtxFund.Tests.Infrastructure.Reliability.Fixtures;
using Xunit.Abstractions;

namespace HtxFund.Tests.Infrastructure.Reliability;

/// <summary>
/// PostgreSQL restarted (immediate: like a crash, then fast) under a load of repayments and reads, on a durable cluster
/// of the test's own: while it is down the app answers 503 ProblemDetails (Vietnamese, stable code, Retry-After), never
/// a 500; when it is back the app recovers by itself (same process, ready again, new requests acknowledged), and every
/// acknowledged repayment is stored exactly once. Full size: <c>ops/chaos pg-restart</c>.
/// </summary>
public sealed class restarting_postgresql_under_load(AppFixture fixture, ITestOutputHelper output) : FailureContext(fixture, output)
{
    [Fact]
    public async Task the_app_answers_503_during_a_database_restart_recovers_by_itself_and_loses_nothing_acknowledged()
    {
        var loans = await DisbursedLoans(Scale.Loans);
        await using var cluster = await PostgresCluster.StartAsync("pgrestart");
        var database = await PostgresCluster.CopyDatabaseAsync(Fixture.ConnectionString, cluster.ServerConnectionString, "restart");
        await using var app = new AppProcess(database, Clock.GetCurrentInstant(), "pg-restart");
        await app.StartAsync();
        var pid = app.ProcessId;
        var load = new RepaymentLoad(app.BaseAddress, loans, Today, FutureDate) { Token = await SignIn(app) };
        using var http = RepaymentLoad.Client(app.BaseAddress);
        var outages = new List<string>();

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Scale.Writers, Scale.Readers, stop.Token);
        for (var cycle = 1; cycle <= Scale.Cycles; cycle++)
        {
            await LoadPhaseAsync(load, app, cycle);

            var mode = cycle % 2 == 1 ? "immediate" : "fast";
            var unavailableBefore = load.Unavailable503;
            var down = Stopwatch.StartNew();
            await cluster.StopAsync(mode);
            // While it is down: clear 503s to the load, and readiness says so.
            await Eventually.True(() => load.Unavailable503 > unavailableBefore, TimeSpan.FromSeconds(60),
                () => $"no 503 while the database was down: {string.Join(", ", load.Statuses)}");
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            await cluster.StartAgainAsync();
            var downFor = down.Elapsed;

            // Back: the same process becomes ready by itself and acknowledges new repayments.
            var recovering = Stopwatch.StartNew();
            await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            var acknowledgedAtRestart = load.AcknowledgedCount;
            await Eventually.True(() => load.AcknowledgedCount >= acknowledgedAtRestart + 3, TimeSpan.FromSeconds(60),
                () => $"no repayment acknowledged after the database came back: {string.Join(", ", load.Statuses)}\n{app.Tail()}");
            outages.Add($"{mode}:down_{downFor.TotalSeconds:0.0}s/recovered_{recovering.Elapsed.TotalSeconds:0.0}s");
        }
        stop.Cancel();
        await running;
        app.ProcessId.ShouldBe(pid, "the app was not restarted");
        app.Starts.ShouldBe(1);

        var (audit, replayed) = await SettleAndAuditAsync(load, database, replay: 5);
        var reads = load.Reads;
        Report("PostgreSQL restart under load",
            $"{audit} restarts={string.Join(" ", outages)} answers_503={load.Unavailable503} answers_500=0 " +
            $"reads={reads.Total} (ok {reads.Ok}, 503 {reads.Unavailable}, other {reads.Other}) replayed_same_key={replayed} [{Scale}]");

        load.BadAnswers.ShouldBeEmpty($"every 5xx must be the database's 503 ProblemDetails\n{app.UnhandledExceptions()}");
        load.Statuses.Keys.ShouldNotContain(k => k.StartsWith("500"));
        audit.Clean.ShouldBeTrue(audit.ToString());
        load.Sent.ShouldAllBe(s => !s.Unresolved);
        await LoansAgreeWithTheirEvents(app, load.Token, loans, database);
    }
}
