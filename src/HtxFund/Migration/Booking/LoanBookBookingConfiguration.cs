using HtxFund.Loans.Migrating;
using Marten;

namespace HtxFund.Migration.Booking;

public static class LoanBookBookingConfiguration
{
    /// <summary>The migrated loan's marker and opening balance are known to the event store from the start, so a stream
    /// holding them reads back in any process, whether or not a projection handles them yet.</summary>
    public static StoreOptions ConfigureLoanBookBooking(this StoreOptions opts)
    {
        opts.Events.AddEventType<LoanMigrated>();
        opts.Events.AddEventType<LoanOpeningBalanceRecorded>();
        return opts;
    }
}
