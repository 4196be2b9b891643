using System.Diagnostics;
using HtxFund.Tests.Infrastructure.Reliability.Fixtures;
using HtxFund.Tests.Support;
using Xunit.Abstractions;

namespace HtxFund.Tests.Infrastructure.Reliability;

/// <summary>
/// kill -9 of the app in the middle of a load of repayments, then a restart: the store holds every acknowledged
/// repayment exactly once and none that was refused; a request whose answer was lost with the process is either
/// stored once or not at all, and sending it again with the same Idempotency-Key settles it exactly once.
/// Full size: <c>ops/chaos kill</c>.
/// </summary>
public sealed class killing_the_app_during_repayments(AppFixture fixture, ITestOutputHelper output) : FailureContext(fixture, output)
{
    [Fact]
    public async Task every_acknowledged_repayment_is_stored_exactly_once_after_the_app_is_killed_mid_load_and_restarted()
    {
        var loans = await DisbursedLoans(Scale.Loans);
        var database = await PostgresCluster.CopyDatabaseAsync(Fixture.ConnectionString, TestDatabase.ServerConnectionString, "kill");
        try
        {
            await using var app = new AppProcess(database, Clock.GetCurrentInstant(), "kill-9");
            await app.StartAsync();
            var load = new RepaymentLoad(app.BaseAddress, loans, Today, FutureDate) { Token = await SignIn(app) };
            var restarts = new List<double>();

            for (var cycle = 1; cycle <= Scale.Cycles; cycle++)
            {
                using var stop = new CancellationTokenSource();
                var running = load.RunAsync(Scale.Writers, Scale.Readers, stop.Token);
                await LoadPhaseAsync(load, app, cycle);

                stop.Cancel(); // no new requests; the ones in flight are cut by the kill
                await app.KillAsync();
                await running;

                var restart = Stopwatch.StartNew();
                await app.StartAsync();
                restarts.Add(restart.Elapsed.TotalSeconds);
                load.Token = await SignIn(app);
            }

            // Before anything is retried: a lost answer is stored once or not at all, never twice.
            var before = await StoreAudit.RunAsync(database, load.Sent, 0);
            before.Duplicates.ShouldBe(0, before.ToString());
            var (audit, replayed) = await SettleAndAuditAsync(load, database, replay: 5);
            Report("kill -9 during repayments",
                $"{audit} kills={Scale.Cycles} restart_to_ready_s={string.Join("/", restarts.Select(r => r.ToString("0.0")))} " +
                $"replayed_same_key={replayed} reads_ok={load.Reads.Ok} [{Scale}]");

            audit.AcknowledgedFirst.ShouldBeGreaterThan(0);
            audit.Refused.ShouldBeGreaterThan(0, "the load includes refusals (future value dates, reused bank references)");
            audit.Clean.ShouldBeTrue(audit.ToString());
            load.Sent.ShouldAllBe(s => !s.Unresolved);
            load.BadAnswers.ShouldBeEmpty();
            app.Starts.ShouldBe(Scale.Cycles + 1);
            await LoansAgreeWithTheirEvents(app, load.Token, loans, database);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
