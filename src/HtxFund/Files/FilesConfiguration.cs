using Marten;

namespace HtxFund.Files;

public static class FilesConfiguration
{
    public static StoreOptions ConfigureFiles(this StoreOptions opts)
    {
        return opts;
    }
}
