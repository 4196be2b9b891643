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
}
