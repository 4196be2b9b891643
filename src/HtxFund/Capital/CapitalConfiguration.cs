using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Capital;

public static class CapitalConfiguration
{
    public static StoreOptions ConfigureCapital(this StoreOptions opts)
    {
        // The capital stream's snapshot is the fund's ledger: one document per fund holding the sums of each value date. It is kept by
        // the async daemon, not inline: inline, every repayment and disbursement rewrote the whole document (1.3 MB
        // for a fund with 250 loans, growing with every entry) inside its transaction and under the fund's lock, which
        // capped repayments at a few per second (load test, docs/benchmarks.md). The daemon now rewrites it once per
        // batch of events. Readers never see it stale: writes fetch it with FetchForWriting and reads with
        // FetchLatest (FundCapital.LedgerAsync), both of which fold the events after the stored snapshot.
        opts.Projections.Snapshot<FundCapitalLedger>(SnapshotLifecycle.Async);
        // Keep each fund's last fetched ledger in memory (node-local, a baseline only: the events after it are still
        // read and the append's version check is untouched), so a write reads only the few newest events.
        opts.Events.CacheAggregatesForWriting<FundCapitalLedger>(sizeLimit: 1000);
        // The ledger snapshot holds per-day sums, not the entries: each entry is a small document of its own, written
        // in the event's transaction, read a page at a time by GET /api/capital (by value day, then sequence).
        opts.Projections.Add<CapitalLedgerEntryProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CapitalLedgerEntry>()
            .Duplicate(x => x.ValueDay)
            .Duplicate(x => x.Sequence);
        return opts;
    }
}
