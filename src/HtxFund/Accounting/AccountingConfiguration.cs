using HtxFund.Accounting.Journal;
using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Accounting;

public static class AccountingConfiguration
{
    public static StoreOptions ConfigureAccounting(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(AccountingSetupAdopted), typeof(InterestAccrualBooked), typeof(AccountingPeriodClosed),
            typeof(AccountingPeriodReopened)]);
        opts.Projections.Snapshot<FundBooks>(SnapshotLifecycle.Inline);
        opts.Schema.For<JournalLine>()
            .Duplicate(x => x.Month).Duplicate(x => x.PostingDay).Duplicate(x => x.Account).Duplicate(x => x.ObjectId)
            .Duplicate(x => x.LoanId).Duplicate(x => x.EventSequence).Duplicate(x => x.VoucherNumber);
        // The journal: asynchronous, over the whole log in its order; a rebuild starts from an empty journal and empty state.
        opts.Projections.Add(new JournalProjection(), ProjectionLifecycle.Async, JournalProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<JournalLine>();
            o.DeleteViewTypeOnTeardown<JournalFundState>();
            o.DeleteViewTypeOnTeardown<JournalLoanState>();
        });
        opts.Schema.For<JournalFundState>();
        opts.Schema.For<JournalLoanState>();
        return opts;
    }
}
