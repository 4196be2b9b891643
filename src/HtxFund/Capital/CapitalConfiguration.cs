using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Capital;

public static class CapitalConfiguration
{
    public static StoreOptions ConfigureCapital(this StoreOptions opts)
    {
        // The ledger is its lines, one small document per event that moves capital or cash (the capital stream's own
        // events and the loans' disbursements, repayments and reversals), written in the event's transaction. Its figures
        // are summed from the lines by the database when a decision or a report needs them (CapitalLedgerSums): no document
        // holds the fund's totals, so concurrent repayments of different loans never write the same document.
        opts.Projections.Add<CapitalLedgerEntryProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CapitalLedgerEntry>(); // its columns and index: CapitalLedgerEntry
        // Mirror events of earlier builds stay in existing capital streams: known, so those streams still read; never folded.
        opts.Events.AddEventTypes([typeof(LoanTranchePaidOut), typeof(LoanRepaymentReceived), typeof(LoanRepaymentReceiptReversed)]);
        return opts;
    }
}
