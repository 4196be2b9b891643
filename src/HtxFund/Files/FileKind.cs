namespace HtxFund.Files;

/// <summary>The only kinds of file HtxFund accepts, always detected from the bytes, never from a name.</summary>
public enum FileKind
{
    Pdf,
    Jpeg,
    Png,
}

public static class FileKinds
{
    public static string ContentType(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The canonical extension, with its dot, given to a stored name that has none of the kind's.</summary>
    public static string Extension(this FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every extension (lower case, with its dot) that names this kind.</summary>
    public static IReadOnlyList<string> Extensions(this FileKind kind) => kind switch
    {
        FileKind.Pdf => [".pdf"],
        FileKind.Jpeg => [".jpg", ".jpeg", ".jpe", ".jfif"],
        FileKind.Png => [".png"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string DisplayName(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF",
        FileKind.Jpeg => "JPEG",
        FileKind.Png => "PNG",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
