using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HtxFund.Files;

/// <summary>
/// A file that passed inspection: its detected kind and content type, a sanitised name and its SHA-256.
/// Only made by <see cref="ReadAsync(IFormFile?, FileLimits, CancellationToken)"/>, <see cref="ReadAsync(Stream, string?, FileLimits, CancellationToken)"/>
/// and <see cref="FromBytes"/>, so holding one means the checks ran. Do not change <see cref="Content"/> afterwards.
/// </summary>
public sealed class FileUpload
{
    private FileUpload(string fileName, FileKind kind, byte[] content)
    {
        FileName = fileName;
        Kind = kind;
        Content = content;
        Sha256 = Hash(content);
    }

    public string FileName { get; }
    public FileKind Kind { get; }
    public string ContentType => Kind.ContentType();
    public byte[] Content { get; }
    public long SizeBytes => Content.LongLength;
    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public string Sha256 { get; }

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Checks bytes already in memory (tests, seeders, documents the server renders). The declared
    /// name is only used, sanitised, as the stored name.</summary>
    public static UploadResult FromBytes(string? declaredName, byte[]? content, FileLimits limits)
    {
        if (content is null) return UploadResult.Refused(FileRefusal.NoFile());
        var inspection = FileInspector.Inspect(content, limits);
        return inspection.IsAccepted
            ? UploadResult.Accepted(new FileUpload(FileNames.Sanitise(declaredName, inspection.Kind.Value), inspection.Kind.Value, content))
            : UploadResult.Refused(inspection.Refusal);
    }

    /// <summary>A file the server rendered itself (a report export of <paramref name="kind"/>): not inspected, since
    /// no user supplied the bytes. Never call it with uploaded content.</summary>
    public static FileUpload Rendered(string fileName, FileKind kind, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new FileUpload(FileNames.Sanitise(fileName, kind), kind, content);
    }

    /// <summary>An uploaded workbook that the loan book reader opened as an xlsx package (FileInspector accepts no
    /// workbooks as attachments; the reader is this kind's inspection). Stored so that the booking can read it again.</summary>
    public static FileUpload ReadWorkbook(string? declaredName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new FileUpload(FileNames.Sanitise(declaredName, FileKind.Xlsx), FileKind.Xlsx, content);
    }

    /// <summary>Reads a multipart file part. The declared size is checked before reading, and at most
    /// MaxBytes + 1 bytes are read whatever it claims, so an oversized upload is never taken into memory whole.
    /// The part's declared content type is ignored.</summary>
    public static async Task<UploadResult> ReadAsync(IFormFile? file, FileLimits limits, CancellationToken ct)
    {
        if (file is null) return UploadResult.Refused(FileRefusal.NoFile());
        if (file.Length == 0) return UploadResult.Refused(FileRefusal.EmptyFile());
        if (file.Length > limits.MaxBytes) return UploadResult.Refused(FileRefusal.Oversized(limits));
        await using var stream = file.OpenReadStream();
        return await ReadAsync(stream, file.FileName, limits, ct, file.Length);
    }

    /// <summary>Reads a stream, at most MaxBytes + 1 bytes of it.</summary>
    public static Task<UploadResult> ReadAsync(Stream stream, string? declaredName, FileLimits limits, CancellationToken ct) =>
        ReadAsync(stream, declaredName, limits, ct, sizeHint: null);

    private static async Task<UploadResult> ReadAsync(Stream stream, string? declaredName, FileLimits limits,
        CancellationToken ct, long? sizeHint)
    {
        var cap = limits.MaxBytes + 1;
        var initial = (int)Math.Min(cap, sizeHint is > 0 ? sizeHint.Value + 1 : 64 * 1024);
        var buffer = new byte[initial];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length >= cap) break;
                Array.Resize(ref buffer, (int)Math.Min(cap, Math.Max(buffer.Length * 2L, 64 * 1024)));
            }
            var n = await stream.ReadAsync(buffer.AsMemory(read, buffer.Length - read), ct);
            if (n == 0) break;
            read += n;
        }

        if (read > limits.MaxBytes) return UploadResult.Refused(FileRefusal.Oversized(limits));
        if (read != buffer.Length) Array.Resize(ref buffer, read);
        return FromBytes(declaredName, buffer, limits);
    }
}

/// <summary>An accepted <see cref="FileUpload"/> or the refusal.</summary>
public sealed record UploadResult(FileUpload? Upload, FileRefusal? Refusal)
{
    [MemberNotNullWhen(true, nameof(Upload))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Upload is not null;

    public static UploadResult Accepted(FileUpload upload) => new(upload, null);

    public static UploadResult Refused(FileRefusal refusal) => new(null, refusal);
}
