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
        return opts;
    }
}
