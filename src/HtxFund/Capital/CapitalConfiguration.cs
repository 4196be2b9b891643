using Marten;

namespace HtxFund.Capital;

public static class CapitalConfiguration
{
    public static StoreOptions ConfigureCapital(this StoreOptions opts)
    {
        return opts;
    }
}
