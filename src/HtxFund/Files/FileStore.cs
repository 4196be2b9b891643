using HtxFund.Identity;
using Marten;
using Wolverine.Marten;
using NodaTime;

namespace HtxFund.Files;

/// <summary>
/// Stores accepted files in PostgreSQL through Marten, in the caller's session and therefore in the caller's
/// fund (tenant) and transaction: a file is committed together with the events that mention it, or not at all.
/// No authorisation here: callers decide who may read what, typically from <see cref="StoredFile.Owner"/>.
/// </summary>
public static class FileStore
{
    public const int MaxOwnerLength = 200;

    /// <summary>Queues the file's metadata and content for insertion in <paramref name="session"/> (committed by the
    /// caller's SaveChanges, e.g. Wolverine's transaction) and returns the reference to put in an event.</summary>
    public static StoredFileRef Save(IDocumentSession session, FileUpload upload, string owner, Actor actor, Instant now)
    {
        var prepared = Prepare(upload, owner, actor, now);
        foreach (var op in prepared.Operations()) op.Execute(session);
        return prepared.Ref;
    }

    /// <summary>The two documents of a file, not yet stored: for an endpoint that stays pure and returns
    /// <see cref="PreparedFile.Operations"/> as Marten side effects instead of touching a session.</summary>
    public static PreparedFile Prepare(FileUpload upload, string owner, Actor actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(owner) || owner.Length > MaxOwnerLength)
        {
            throw new ArgumentException($"A file owner is required, at most {MaxOwnerLength} characters.", nameof(owner));
        }

        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()),
            FileName = upload.FileName,
            ContentType = upload.ContentType,
            Kind = upload.Kind,
            SizeBytes = upload.SizeBytes,
            Sha256 = upload.Sha256,
            Owner = owner,
            UploadedBy = actor.UserId,
            UploadedByName = actor.UserName,
            UploadedAt = now,
        };
        return new PreparedFile(file, new StoredFileContent { Id = file.Id, Content = upload.Content });
    }

    /// <summary>The metadata alone, or null when no such file exists in the session's fund.</summary>
    public static Task<StoredFile?> FindAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        session.LoadAsync<StoredFile>(id, ct);

    /// <summary>The metadata of every file of an owner in the session's fund, oldest first. Never reads content.</summary>
    public static async Task<IReadOnlyList<StoredFile>> ListByOwnerAsync(IQuerySession session, string owner, CancellationToken ct) =>
        await session.Query<StoredFile>().Where(x => x.Owner == owner)
            .OrderBy(x => x.UploadedAt).ThenBy(x => x.Id).ToListAsync(ct);

    /// <summary>The file and its bytes, or null when no such file exists in the session's fund. The bytes are checked
    /// against the recorded size and SHA-256; a mismatch is an impossible state and throws.</summary>
    public static async Task<LoadedFile?> LoadAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var file = await session.LoadAsync<StoredFile>(id, ct);
        if (file is null) return null;
        var content = await session.LoadAsync<StoredFileContent>(id, ct)
                      ?? throw new InvalidOperationException($"Stored file {id} has no content.");
        if (content.Content.LongLength != file.SizeBytes || FileUpload.Hash(content.Content) != file.Sha256)
        {
            throw new InvalidOperationException($"Stored file {id} does not match its recorded size and SHA-256.");
        }
        return new LoadedFile(file, content.Content);
    }

    /// <summary>The HTTP answer for a download: the stored content type, an attachment with the (Vietnamese) name,
    /// nosniff, ETag = SHA-256 (304 on a matching If-None-Match), private caching only. Authorise first.</summary>
    public static FileDownload Download(LoadedFile loaded) => new(loaded.File, loaded.Content);
}

/// <summary>A file's two documents, ready to be inserted in the caller's fund and transaction.</summary>
public sealed record PreparedFile(StoredFile Metadata, StoredFileContent Content)
{
    public StoredFileRef Ref => Metadata.ToRef();

    /// <summary>Inserts (never overwrites) of both documents, as Wolverine Marten side effects.</summary>
    public IMartenOp[] Operations() => [MartenOps.Insert(Metadata), MartenOps.Insert(Content)];
}
