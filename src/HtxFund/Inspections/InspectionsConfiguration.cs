using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Inspections;

public static class InspectionsConfiguration
{
    public static StoreOptions ConfigureInspections(this StoreOptions opts)
    {
        // The inspection, kept inline per inspection stream: commands load it through Wolverine's aggregate workflow; the
        // officer's list, the Director's dashboard and the minutes read the document.
        opts.Projections.Snapshot<LoanUseInspection>(SnapshotLifecycle.Inline);
        opts.Schema.For<LoanUseInspection>().Index(x => x.LoanId).Index(x => x.DueOn);
        return opts;
    }
}
