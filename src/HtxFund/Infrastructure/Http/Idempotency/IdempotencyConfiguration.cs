using HtxFund.Infrastructure.Jobs;
using Marten;

namespace HtxFund.Infrastructure.Http.Idempotency;

public static class IdempotencyConfiguration
{
    public static StoreOptions ConfigureIdempotency(this StoreOptions opts)
    {
        // Keyed by fund and user inside the id, so the records need no tenancy of their own.
        opts.Schema.For<IdempotencyRecord>().SingleTenanted().Index(x => x.CreatedAtUnixSeconds);
        return opts;
    }

    /// <summary>The daily purge of spent records (02:30 in the fund's time zone).</summary>
    public static IServiceCollection AddHtxFundIdempotency(this IServiceCollection services) =>
        services.AddRecurringJob<PurgeIdempotencyRecordsJob>(PurgeIdempotencyRecordsJob.Id, j => j.Run(CancellationToken.None), "30 2 * * *");
}
