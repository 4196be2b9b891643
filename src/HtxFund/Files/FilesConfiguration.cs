using Marten;

namespace HtxFund.Files;

public static class FilesConfiguration
{
    /// <summary>Attached files: metadata and content as two documents of the uploader's fund (conjoined, like
    /// every document); the metadata is looked up by owner.</summary>
    public static StoreOptions ConfigureFiles(this StoreOptions opts)
    {
        opts.Schema.For<StoredFile>().Index(x => x.Owner);
        opts.Schema.For<StoredFileContent>();
        return opts;
    }
}
