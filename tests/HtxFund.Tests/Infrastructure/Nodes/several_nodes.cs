using System.Diagnostics;
using Alba;
using Xunit.Abstractions;
using static HtxFund.Tests.Infrastructure.Nodes.Cluster;

namespace HtxFund.Tests.Infrastructure.Nodes;

/// <summary>Several nodes with HtxFund:Nodes=Multiple on one database: Wolverine runs each async projection on exactly
/// one node and moves it when that node goes away. Each test has its own database and nodes.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class several_nodes(ITestOutputHelper output)
{
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60);

    /// <summary>The async projections and subscriptions Wolverine distributes: the lending totals, the accounting journal and the
    /// notices subscription (the fund's capital
    /// ledger has none: its lines are inline, its figures summed when read).</summary>
    private const int AsyncProjections = 3;

    [Fact]
    public async Task the_async_projection_runs_on_exactly_one_of_three_nodes_and_counts_events_appended_through_any_of_them()
    {
        await using var cluster = await CreateAsync();
        var nodes = new[] { await cluster.StartNodeAsync(), await cluster.StartNodeAsync(), await cluster.StartNodeAsync() };
        var ids = nodes.Select(NodeId).ToList();

        await Eventually(async () => (await cluster.LiveNodes()).Count == 3 && (await cluster.OwnersOf(Projection)).Count == 1,
            "the three nodes are registered and the projection is assigned", Failover);
        var owner = (await cluster.OwnersOf(Projection)).Single();
        ids.ShouldContain(owner);

        await DisburseThrough(nodes[1], 3, 100_000_000);
        await DisburseThrough(nodes[2], 2, 50_000_000);
        await Eventually(async () => await cluster.Totals() is { TranchesDisbursed: 5 }, "the five disbursements are counted", Failover);

        (await cluster.Totals())!.AmountDisbursed.ShouldBe(400_000_000);
        (await cluster.OwnersOf(Projection)).Count.ShouldBe(1, "the projection runs on exactly one node");
    }

    [Fact]
    public async Task when_the_node_running_the_projection_stops_another_node_takes_it_over_and_catches_up()
    {
        await using var cluster = await CreateAsync();
        var nodes = new List<IAlbaHost> { await cluster.StartNodeAsync(), await cluster.StartNodeAsync() };
        await Eventually(async () => (await cluster.OwnersOf(Projection)).Count == 1, "the projection is assigned", Failover);
        var ownerId = (await cluster.OwnersOf(Projection)).Single();
        var owner = nodes.Single(n => NodeId(n) == ownerId);
        var survivor = nodes.Single(n => n != owner);
        await DisburseThrough(survivor, 2, 10_000_000);
        await Eventually(async () => await cluster.Totals() is { TranchesDisbursed: 2 }, "the first events are counted", Failover);

        var watch = Stopwatch.StartNew();
        await cluster.StopNodeAsync(owner);
        await DisburseThrough(survivor, 3, 10_000_000); // appended while nobody runs the projection
        var moved = await Eventually(async () => (await cluster.OwnersOf(Projection)).SingleOrDefault() == NodeId(survivor),
            "the survivor runs the projection", Failover);
        await Eventually(async () => await cluster.Totals() is { TranchesDisbursed: 5, AmountDisbursed: 50_000_000 },
            "the survivor has counted the events appended meanwhile", Failover);
        output.WriteLine($"clean stop: projection reassigned {moved.TotalSeconds:0.0} s after the stop began, caught up after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task when_a_node_process_running_a_projection_is_killed_the_surviving_node_takes_it_over_and_catches_up()
    {
        await using var cluster = await CreateAsync();
        // The separate process starts alone, so it runs every projection; when the second node joins, the leader may hand
        // some of them over (Wolverine balances agents between nodes), and the process keeps at least one.
        var (process, url) = await cluster.StartProcessNodeAsync(TimeSpan.FromSeconds(120));
        var killed = await NodeIdOf(url);
        await Eventually(async () => (await cluster.ProjectionAssignments()) is { Count: AsyncProjections } all && all.Values.All(n => n == killed),
            "the process runs every projection", Failover);
        var survivor = await cluster.StartNodeAsync();
        await Eventually(async () => (await cluster.LiveNodes()).Count == 2, "both nodes are registered", Failover);
        await DisburseThrough(survivor, 2, 10_000_000);
        await Eventually(async () => await cluster.Totals() is { TranchesDisbursed: 2 } && await cluster.ProjectionsCaughtUp(AsyncProjections),
            "the projections count events appended through the other node", Failover);
        await Eventually(async () => (await cluster.ProjectionAssignments()).Values.Contains(killed), "the process still runs a projection", Failover);
        var taken = (await cluster.ProjectionAssignments()).Where(a => a.Value == killed).Select(a => a.Key).ToList();
        output.WriteLine($"the process ran {string.Join(", ", taken)} when it was killed");

        var watch = Stopwatch.StartNew();
        process.Kill(); // SIGKILL: no goodbye, its heartbeat just stops
        await process.WaitForExitAsync();
        await DisburseThrough(survivor, 3, 10_000_000);
        var moved = await Eventually(async () =>
            {
                var now = await cluster.ProjectionAssignments();
                return taken.All(agent => now.TryGetValue(agent, out var node) && node == NodeId(survivor));
            }, "the survivor runs the projections the killed process ran", Failover);
        await Eventually(async () => await cluster.Totals() is { TranchesDisbursed: 5, AmountDisbursed: 50_000_000 } && await cluster.ProjectionsCaughtUp(AsyncProjections),
            "the survivor has caught every projection up with the events appended after the kill", Failover);
        var caughtUp = watch.Elapsed;
        await Eventually(async () => (await cluster.LiveNodes()).SequenceEqual([NodeId(survivor)]), "the killed node's row is removed", Failover);
        output.WriteLine($"SIGKILL: projections reassigned {moved.TotalSeconds:0.0} s after the kill, caught up after {caughtUp.TotalSeconds:0.0} s, " +
                         $"dead node removed after {watch.Elapsed.TotalSeconds:0.0} s " +
                         $"(heartbeat {AppFixture.ClusterTestTiming["HtxFund:Cluster:HeartbeatSeconds"]} s, stale after {AppFixture.ClusterTestTiming["HtxFund:Cluster:StaleNodeSeconds"]} s)");
    }
}
