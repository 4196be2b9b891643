using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Infrastructure.Http.Idempotency;

/// <summary>Forgets idempotency records older than <see cref="Retention"/>; clients retry within minutes, not days.</summary>
public sealed record PurgeIdempotencyRecords
{
    public static readonly Duration Retention = Duration.FromDays(2);
}

public static class PurgeIdempotencyRecordsHandler
{
    public static void Handle(PurgeIdempotencyRecords _, IDocumentSession session, IClock clock)
    {
        var cutoff = (clock.GetCurrentInstant() - PurgeIdempotencyRecords.Retention).ToUnixTimeSeconds();
        session.DeleteWhere<IdempotencyRecord>(x => x.CreatedAtUnixSeconds < cutoff);
    }
}

/// <summary>Hangfire recurring job (daily): only sends the Wolverine command.</summary>
public sealed class PurgeIdempotencyRecordsJob(IMessageBus bus)
{
    public const string Id = "idempotency-purge";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new PurgeIdempotencyRecords(), ct);
}
