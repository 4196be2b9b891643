using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Accounting.Periods;

/// <summary>How far the asynchronous journal projection has posted: the global event sequence its shard has processed
/// (every event up to it is in the journal, in every fund), read from the daemon's progress.</summary>
public static class JournalProgress
{
    /// <summary>The journal projection's name (its shards are "{name}:{key}").</summary>
    public const string ProjectionName = Journal.JournalProjection.Name;

    /// <summary>The lowest sequence the journal's shards have processed, or null when the journal has no shard yet.</summary>
    public static async Task<long?> ThroughAsync(IDocumentStore store, CancellationToken ct)
    {
        var all = await store.Advanced.AllProjectionProgress(token: ct);
        var sequences = all.Where(s => ShardName.TryParse(s.ShardName, out var name) && name is { IsHighWaterMark: false } && name.Name == ProjectionName)
            .Select(s => s.Sequence).ToList();
        return sequences.Count == 0 ? null : sequences.Min();
    }
}

/// <summary>Thrown by a handler that needs the journal to have posted up to <paramref name="Needed"/> when it has not yet:
/// the handler's retry policy tries the message again later (no waiting in the handler).</summary>
public sealed class JournalBehind(long needed, long? through)
    : Exception($"The journal has posted the events up to {through?.ToString() ?? "none"}; {needed} is needed.")
{
    public long Needed { get; } = needed;
    public long? Through { get; } = through;
}
