using Marten;

namespace HtxFund.Migration.Uploading;

public static class LoanBookImportsConfiguration
{
    /// <summary>The loan book imports (one document per upload, in the fund's tenant), found by their file's hash.</summary>
    public static StoreOptions ConfigureLoanBookImports(this StoreOptions opts)
    {
        opts.Schema.For<LoanBookImport>().Duplicate(x => x.Sha256).Index(x => x.UploadedAt);
        return opts;
    }
}
