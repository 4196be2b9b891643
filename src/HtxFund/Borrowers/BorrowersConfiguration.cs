using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Borrowers;

public static class BorrowersConfiguration
{
    public static StoreOptions ConfigureBorrowers(this StoreOptions opts)
    {
        // The related-party stream's inline snapshot holds the fund's links: one document per fund, read by id.
        opts.Projections.Snapshot<RelatedPartyRegister>(SnapshotLifecycle.Inline);
        return opts;
    }
}
