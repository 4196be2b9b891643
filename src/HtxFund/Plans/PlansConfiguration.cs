using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Plans;

public static class PlansConfiguration
{
    public static StoreOptions ConfigurePlans(this StoreOptions opts)
    {
        // The plan stream's inline snapshot is the plan in force: one document per fund and year, read by id.
        opts.Projections.Snapshot<AnnualPlan>(SnapshotLifecycle.Inline);
        return opts;
    }
}
