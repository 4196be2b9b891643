using HtxFund.Infrastructure.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Wolverine.Runtime;

namespace HtxFund.Infrastructure.Nodes;

/// <summary>Part of <c>/health/ready</c>, informational only (always healthy): this node's mode, its Wolverine node number,
/// how many nodes are alive, whether it leads, and the agents (async projections, durability) it runs. With
/// <c>HtxFund:Nodes=Single</c> it only says so.</summary>
internal sealed class NodeHealthCheck(IWolverineRuntime runtime, NpgsqlDataSource dataSource, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var mode = configuration.GetValue("HtxFund:Nodes", NodeMode.Single);
        if (mode == NodeMode.Single)
            return HealthCheckResult.Healthy("Single node: projections and jobs run here.", new Dictionary<string, object> { ["mode"] = "Single" });
        try
        {
            var status = await NodeStatus.ReadAsync(dataSource, runtime.Options.UniqueNodeId, ct);
            var data = new Dictionary<string, object>
            {
                ["mode"] = "Multiple",
                ["nodeId"] = runtime.Options.UniqueNodeId,
                ["nodeNumber"] = status.NodeNumber,
                ["liveNodes"] = status.LiveNodes,
                ["leader"] = status.Leader,
                ["agents"] = status.Agents,
            };
            return HealthCheckResult.Healthy(
                $"Node {status.NodeNumber} of {status.LiveNodes}{(status.Leader ? " (leader)" : "")}; agents: {(status.Agents.Count == 0 ? "none" : string.Join(", ", status.Agents))}.",
                data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Healthy("Multiple nodes: node status not readable right now.");
        }
    }
}

/// <summary>What <c>wolverine_nodes</c> and <c>wolverine_node_assignments</c> say about one node.</summary>
public sealed record NodeStatus(int NodeNumber, int LiveNodes, bool Leader, IReadOnlyList<string> Agents)
{
    /// <summary>The agent the elected leader runs (<c>wolverine://leader/</c>).</summary>
    public static bool IsLeaderAgent(string uri) => uri.StartsWith("wolverine://leader", StringComparison.Ordinal);

    public static async Task<NodeStatus> ReadAsync(NpgsqlDataSource dataSource, Guid nodeId, CancellationToken ct)
    {
        var schema = Persistence.WolverineSchema;
        await using var cmd = dataSource.CreateCommand(
            $"""
             SELECT coalesce((SELECT node_number FROM {schema}.wolverine_nodes WHERE id = $1), 0),
                    (SELECT count(*) FROM {schema}.wolverine_nodes)::int,
                    array(SELECT id FROM {schema}.wolverine_node_assignments WHERE node_id = $1 ORDER BY id)
             """);
        cmd.Parameters.AddWithValue(nodeId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var agents = reader.GetFieldValue<string[]>(2);
        return new NodeStatus(reader.GetInt32(0), reader.GetInt32(1), agents.Any(IsLeaderAgent), agents.Where(a => !IsLeaderAgent(a)).ToList());
    }
}
