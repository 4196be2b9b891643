using System.Globalization;
using Wolverine;

namespace HtxFund.Infrastructure.Nodes;

/// <summary>
/// How fast several nodes notice each other and a dead node (configuration <c>HtxFund:Cluster:*</c>, seconds; used only
/// with <c>HtxFund:Nodes=Multiple</c>). Every node writes a heartbeat row (<c>wolverine.wolverine_nodes</c>) every
/// <see cref="HeartbeatSeconds"/>; a node whose heartbeat is older than <see cref="StaleNodeSeconds"/> on two checks in a
/// row is removed and the leader gives its agents (async projections, durability agents) to the survivors. A node that
/// stops cleanly hands its agents over at once. Defaults: heartbeat 2 s, stale after 10 s, full assignment check every
/// 5 s: a killed node's projection resumes elsewhere in about 15 s.
/// </summary>
public sealed record ClusterTiming(double HeartbeatSeconds, double StaleNodeSeconds, double AssignmentCheckSeconds, double FirstHeartbeatSeconds)
{
    public const string Section = "HtxFund:Cluster";
    public static readonly ClusterTiming Default = new(2, 10, 5, 1);

    public static ClusterTiming From(IConfiguration configuration)
    {
        double Read(string key, double fallback) =>
            configuration[$"{Section}:{key}"] is { Length: > 0 } text
                ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var v && v > 0 ? v
                    : throw new InvalidOperationException($"{Section}:{key} must be a positive number of seconds (got {text}).")
                : fallback;
        var timing = new ClusterTiming(
            Read(nameof(HeartbeatSeconds), Default.HeartbeatSeconds),
            Read(nameof(StaleNodeSeconds), Default.StaleNodeSeconds),
            Read(nameof(AssignmentCheckSeconds), Default.AssignmentCheckSeconds),
            Read(nameof(FirstHeartbeatSeconds), Default.FirstHeartbeatSeconds));
        if (timing.StaleNodeSeconds < 2 * timing.HeartbeatSeconds)
            throw new InvalidOperationException(
                $"{Section}:StaleNodeSeconds ({timing.StaleNodeSeconds}) must be at least twice HeartbeatSeconds ({timing.HeartbeatSeconds}), or live nodes would be ejected.");
        return timing;
    }

    public void ApplyTo(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = TimeSpan.FromSeconds(HeartbeatSeconds);
        durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(FirstHeartbeatSeconds);
        durability.StaleNodeTimeout = TimeSpan.FromSeconds(StaleNodeSeconds);
        durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(AssignmentCheckSeconds);
    }
}
