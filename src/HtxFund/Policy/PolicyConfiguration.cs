using Marten;

namespace HtxFund.Policy;

public static class PolicyConfiguration
{
    public static StoreOptions ConfigurePolicy(this StoreOptions opts)
    {
        return opts;
    }
}
