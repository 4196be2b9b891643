namespace HtxFund.Files;

/// <summary>The only kinds of file HtxFund accepts, always detected from the bytes, never from a name.</summary>
public enum FileKind
{
    Pdf,
    Jpeg,
    Png,
    /// <summary>Rendered by the server only (report exports); never detected in, so never accepted from, an upload.</summary>
    Json,
    /// <summary>Rendered by the server only (report exports, UTF-8 with BOM).</summary>
    Csv,
    /// <summary>Rendered by the server only (report exports, Office Open XML workbook).</summary>
    Xlsx,
}

public static class FileKinds
{
    public static string ContentType(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.Json => "application/json",
        FileKind.Csv => "text/csv; charset=utf-8",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The canonical extension, with its dot, given to a stored name that has none of the kind's.</summary>
    public static string Extension(this FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Jpeg => ".jpg",
        FileKind.Png => ".png",
        FileKind.Json => ".json",
        FileKind.Csv => ".csv",
        FileKind.Xlsx => ".xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every extension (lower case, with its dot) that names this kind.</summary>
    public static IReadOnlyList<string> Extensions(this FileKind kind) => kind switch
    {
        FileKind.Pdf => [".pdf"],
        FileKind.Jpeg => [".jpg", ".jpeg", ".jpe", ".jfif"],
        FileKind.Png => [".png"],
        FileKind.Json => [".json"],
        FileKind.Csv => [".csv"],
        FileKind.Xlsx => [".xlsx"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string DisplayName(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF",
        FileKind.Jpeg => "JPEG",
        FileKind.Png => "PNG",
        FileKind.Json => "JSON",
        FileKind.Csv => "CSV",
        FileKind.Xlsx => "XLSX",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
