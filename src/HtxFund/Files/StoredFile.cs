using NodaTime;

namespace HtxFund.Files;

/// <summary>
/// What is known about a stored file, without its bytes (those are in <see cref="StoredFileContent"/> under the
/// same id), so listing files never loads content. A Marten document of the uploader's fund (conjoined tenancy);
/// never changed once stored.
/// </summary>
public sealed record StoredFile
{
    public Guid Id { get; init; }
    /// <summary>Sanitised name, extension matching <see cref="Kind"/>.</summary>
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required FileKind Kind { get; init; }
    public required long SizeBytes { get; init; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; init; }
    /// <summary>What the file belongs to, set by the caller ("application:{guid}"); callers authorise by it.</summary>
    public required string Owner { get; init; }
    public required Guid UploadedBy { get; init; }
    public required string UploadedByName { get; init; }
    public required Instant UploadedAt { get; init; }

    public StoredFileRef ToRef() => new(Id, FileName, ContentType, SizeBytes, Sha256);
}

/// <summary>The bytes of a <see cref="StoredFile"/> (same id). Kept apart so metadata queries never read them.</summary>
public sealed record StoredFileContent
{
    public Guid Id { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>A stored file as events and read models carry it.</summary>
public sealed record StoredFileRef(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256);

/// <summary>A stored file with its bytes, as loaded for a download.</summary>
public sealed record LoadedFile(StoredFile File, byte[] Content);
