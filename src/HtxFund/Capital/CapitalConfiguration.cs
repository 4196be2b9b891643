using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Capital;

public static class CapitalConfiguration
{
    public static StoreOptions ConfigureCapital(this StoreOptions opts)
    {
        // The capital stream's inline snapshot is the fund's ledger: one document per fund, read by id.
        opts.Projections.Snapshot<FundCapitalLedger>(SnapshotLifecycle.Inline);
        return opts;
    }
}
