using System.Diagnostics;
using HtxFund.Tests.Infrastructure.Reliability.Fixtures;
using Npgsql;
using Xunit.Abstractions;

namespace HtxFund.Tests.Infrastructure.Reliability;

/// <summary>
/// The disk of the database fills up under a load of repayments: PostgreSQL's cluster lives on a tmpfs of its own
/// (mount -t tmpfs -o size=...), a ballast file takes all but a few hundred kilobytes, and the load writes until
/// PostgreSQL cannot extend its files (ENOSPC). The app answers 503 <c>database.storage_full</c> in Vietnamese,
/// nothing acknowledged is lost, no event is half written; once the ballast is deleted the same app and the
/// same server take repayments again. (WAL kept in recycled segments by a checkpoint first; when the WAL itself cannot
/// grow PostgreSQL stops instead, see docs/operations.md.) Full size: <c>ops/chaos disk-full</c>.
/// </summary>
public sealed class filling_the_database_disk(AppFixture fixture, ITestOutputHelper output) : FailureContext(fixture, output)
{
    [Fact]
    public async Task a_full_disk_is_answered_503_storage_full_without_losing_or_corrupting_anything_and_writes_resume_once_space_is_freed()
    {
        var loans = await DisbursedLoans(Scale.Loans);
        // Room for the copied database, its WAL and the load; the full size writes more, so it gets a bigger disk.
        var diskMegabytes = Scale.Cycles * Scale.Phase.TotalSeconds * Scale.Writers > 200 ? 400 : 160;
        await using var cluster = await PostgresCluster.StartAsync("diskfull", diskMegabytes: diskMegabytes);
        var database = await PostgresCluster.CopyDatabaseAsync(Fixture.ConnectionString, cluster.ServerConnectionString, "diskfull");
        await using var app = new AppProcess(database, Clock.GetCurrentInstant(), "disk-full");
        await app.StartAsync();
        var pid = app.ProcessId;
        var load = new RepaymentLoad(app.BaseAddress, loans, Today, FutureDate) { Token = await SignIn(app) };
        var ballast = Path.Combine(cluster.Directory, "ballast");
        var phases = new List<string>();
        long readsOkWhileFull = 0;

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Scale.Writers, Scale.Readers, stop.Token);
        for (var cycle = 1; cycle <= Scale.Cycles; cycle++)
        {
            await LoadPhaseAsync(load, app, cycle);

            // Spare WAL segments first (switch, checkpoint: recycled), so that the data files are what runs out.
            await SpareWalSegments(cluster);
            var full = Stopwatch.StartNew();
            // Reads over open connections go on; a connection opened now fails (PostgreSQL cannot write its relation
            // cache file) and is answered 503 storage_full too: counted, not required.
            var readsAtFull = load.Reads.Ok;
            await Shell.RunAsync($"fallocate -l {Math.Max(0, cluster.FreeBytes() - 256 * 1024)} {Shell.Quote(ballast)}");
            var fullBefore = load.Statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.StorageFullCode);
            await Eventually.True(
                () => load.Statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.StorageFullCode) > fullBefore,
                TimeSpan.FromMinutes(2), () => $"no 503 storage_full with {cluster.FreeBytes()} bytes free: {string.Join(", ", load.Statuses)}\n{app.Tail()}");
            var timeToFull = full.Elapsed;

            File.Delete(ballast);
            readsOkWhileFull += load.Reads.Ok - readsAtFull;
            var freed = Stopwatch.StartNew();
            var acknowledgedAtFree = load.AcknowledgedCount;
            await Eventually.True(() => load.AcknowledgedCount >= acknowledgedAtFree + 3, TimeSpan.FromSeconds(90),
                () => $"no repayment acknowledged after the space was freed: {string.Join(", ", load.Statuses)}\n{app.Tail()}");
            phases.Add($"full_after_{timeToFull.TotalSeconds:0.0}s/writes_back_{freed.Elapsed.TotalSeconds:0.0}s");
        }
        stop.Cancel();
        await running;
        (await cluster.IsRunningAsync()).ShouldBeTrue("PostgreSQL kept running");
        app.ProcessId.ShouldBe(pid, "the app was not restarted");

        var (audit, _) = await SettleAndAuditAsync(load, database);
        var reads = load.Reads;
        Report("disk full (data files) under load",
            $"{audit} fills={string.Join(" ", phases)} answers_503_storage_full={load.Statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.StorageFullCode)} " +
            $"answers_503_unavailable={load.Statuses.GetValueOrDefault("503:" + global::HtxFund.Infrastructure.Http.DatabaseFailures.UnavailableCode)} " +
            $"reads={reads.Total} (ok {reads.Ok} of which while full {readsOkWhileFull}, 503 {reads.Unavailable}, other {reads.Other}) disk={diskMegabytes}MB tmpfs [{Scale}]");

        load.BadAnswers.ShouldBeEmpty($"every 5xx must be the database's 503 ProblemDetails\n{app.UnhandledExceptions()}");
        audit.Clean.ShouldBeTrue(audit.ToString());
        load.Sent.ShouldAllBe(s => !s.Unresolved);
        await LoansAgreeWithTheirEvents(app, load.Token, loans, database);
    }

    private static async Task SpareWalSegments(PostgresCluster cluster)
    {
        await using var conn = new NpgsqlConnection(cluster.ServerConnectionString);
        await conn.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var write = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS spare_wal(x int); INSERT INTO spare_wal VALUES (1); SELECT pg_switch_wal();", conn);
            await write.ExecuteNonQueryAsync();
        }
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", conn);
        await checkpoint.ExecuteNonQueryAsync();
    }
}
