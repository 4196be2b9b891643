using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Collateral;

public static class CollateralConfiguration
{
    public static StoreOptions ConfigureCollateral(this StoreOptions opts)
    {
        // The item, kept inline per item stream in the transaction that appends: commands load it through Wolverine's
        // aggregate workflow, the register pages and the provisioning read the document.
        opts.Projections.Snapshot<CollateralItem>(SnapshotLifecycle.Inline);
        opts.Schema.For<CollateralItem>().Index(x => x.CooperativeId);
        return opts;
    }
}
