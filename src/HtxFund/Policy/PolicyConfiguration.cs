using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Policy;

public static class PolicyConfiguration
{
    public static StoreOptions ConfigurePolicy(this StoreOptions opts)
    {
        // The policy stream's inline snapshot is the policy in force: one document per fund, read by id.
        opts.Projections.Snapshot<FundPolicyStream>(SnapshotLifecycle.Inline);
        return opts;
    }
}
