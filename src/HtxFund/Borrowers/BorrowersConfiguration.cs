using Marten;

namespace HtxFund.Borrowers;

public static class BorrowersConfiguration
{
    public static StoreOptions ConfigureBorrowers(this StoreOptions opts)
    {
        return opts;
    }
}
