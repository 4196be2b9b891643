using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Infrastructure.Jobs;

/// <summary>The heartbeat command: proves the Hangfire → Wolverine → Marten path works end to end.</summary>
public sealed record RecordHeartbeat(string Source);

/// <summary>The last heartbeat the system recorded (one document).</summary>
public sealed record SystemHeartbeat
{
    public const string SingletonId = "heartbeat";
    public string Id { get; init; } = SingletonId;
    public Instant LastBeatAt { get; init; }
    public long Count { get; init; }
    public string Source { get; init; } = "";
}

public static class RecordHeartbeatHandler
{
    public static async Task Handle(RecordHeartbeat command, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var current = await session.LoadAsync<SystemHeartbeat>(SystemHeartbeat.SingletonId, ct) ?? new SystemHeartbeat();
        session.Store(current with { LastBeatAt = clock.GetCurrentInstant(), Count = current.Count + 1, Source = command.Source });
    }
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class HeartbeatJob(IMessageBus bus)
{
    public const string Id = "heartbeat";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new RecordHeartbeat("hangfire"), ct);
}
