using System.Diagnostics.CodeAnalysis;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Files;

/// <summary>Why a file was refused: a stable code and a Vietnamese message.</summary>
public sealed record FileRefusal(string Code, string Message)
{
    public const string Required = "file.required";
    public const string Empty = "file.empty";
    public const string TooLarge = "file.too_large";
    public const string TypeNotAllowed = "file.type_not_allowed";

    public const string TypeNotAllowedMessage = "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).";

    public static FileRefusal NoFile() => new(Required, "Vui lòng chọn tệp đính kèm.");

    public static FileRefusal EmptyFile() => new(Empty, "Tệp đính kèm không có nội dung (0 byte).");

    public static FileRefusal Oversized(FileLimits limits) =>
        new(TooLarge, $"Tệp đính kèm vượt quá dung lượng cho phép ({limits.MaxBytesWording}).");

    public static FileRefusal UnknownType() => new(TypeNotAllowed, TypeNotAllowedMessage);

    public static FileRefusal Damaged(FileKind kind) =>
        new(TypeNotAllowed, $"Tệp có phần đầu của tệp {kind.DisplayName()} nhưng không hoàn chỉnh hoặc bị hỏng. {TypeNotAllowedMessage}");

    /// <summary>The refusal as one field error, e.g. field "documents[2]" when a form carries several files.</summary>
    public FieldError ToFieldError(string field = "file") => new(field, Code, Message);

    /// <summary>The refusal as the house 400 validation ProblemDetails (<c>fieldCodes</c> carries the code).</summary>
    public ProblemDetails ToProblem(string field = "file") => Problems.Validation(field, Code, Message);
}

/// <summary>What the bytes of a file are: an accepted kind with its content type, or a refusal.</summary>
public sealed record FileInspection(FileKind? Kind, string? ContentType, FileRefusal? Refusal)
{
    [MemberNotNullWhen(true, nameof(Kind), nameof(ContentType))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAccepted => Refusal is null;

    public static FileInspection Accepted(FileKind kind) => new(kind, kind.ContentType(), null);

    public static FileInspection Refused(FileRefusal refusal) => new(null, null, refusal);
}

/// <summary>
/// Decides what a file really is from its bytes (magic numbers plus cheap structural checks), never from its
/// declared name, extension or content type. Pure: no I/O.
/// </summary>
public static class FileInspector
{
    /// <summary>How far from the end the end marker of a PDF (<c>%%EOF</c>) or a PNG (the <c>IEND</c> chunk) may be:
    /// the 1 024 bytes readers such as Acrobat search.</summary>
    public const int EndMarkerWindow = 1024;

    /// <summary>How far from the end a JPEG's end-of-image marker (FF D9) may be. Some cameras and phones append
    /// trailers (padding, maker data) after the image; a little is tolerated, a whole appended archive is not.</summary>
    public const int JpegTrailerWindow = 64 * 1024;

    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;
    private static ReadOnlySpan<byte> PdfEnd => "%%EOF"u8;
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PngIhdr => [0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static ReadOnlySpan<byte> PngIend => "IEND"u8;
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> JpegEnd => [0xFF, 0xD9];

    /// <summary>Empty, too large, or not a well-formed PDF, JPEG or PNG is refused; anything else is accepted
    /// with its detected kind.</summary>
    public static FileInspection Inspect(ReadOnlySpan<byte> content, FileLimits limits)
    {
        if (content.IsEmpty) return FileInspection.Refused(FileRefusal.EmptyFile());
        if (content.Length > limits.MaxBytes) return FileInspection.Refused(FileRefusal.Oversized(limits));

        if (content.StartsWith(PdfSignature)) return Checked(FileKind.Pdf, IsWellFormedPdf(content));
        if (content.StartsWith(PngSignature)) return Checked(FileKind.Png, IsWellFormedPng(content));
        if (content.StartsWith(JpegStart)) return Checked(FileKind.Jpeg, IsWellFormedJpeg(content));
        return FileInspection.Refused(FileRefusal.UnknownType());
    }

    private static FileInspection Checked(FileKind kind, bool wellFormed) =>
        wellFormed ? FileInspection.Accepted(kind) : FileInspection.Refused(FileRefusal.Damaged(kind));

    /// <summary>"%PDF-" then a version "1.x" or "2.x", and "%%EOF" in the last 1 024 bytes.</summary>
    private static bool IsWellFormedPdf(ReadOnlySpan<byte> content)
    {
        if (content.Length < PdfSignature.Length + 3 + PdfEnd.Length) return false;
        var version = content.Slice(PdfSignature.Length, 3);
        if (version[0] is not ((byte)'1' or (byte)'2') || version[1] != (byte)'.' || !char.IsAsciiDigit((char)version[2])) return false;
        return Tail(content, EndMarkerWindow).IndexOf(PdfEnd) >= 0;
    }

    /// <summary>The signature, an IHDR chunk of 13 bytes with a non-zero width and height right after it,
    /// and an IEND chunk in the last 1 024 bytes.</summary>
    private static bool IsWellFormedPng(ReadOnlySpan<byte> content)
    {
        const int ihdrEnd = 8 + 8 + 13 + 4; // signature, length+type, data, CRC
        if (content.Length < ihdrEnd + 12) return false;
        if (!content.Slice(8).StartsWith(PngIhdr)) return false;
        var width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content.Slice(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content.Slice(20, 4));
        if (width == 0 || height == 0) return false;
        return Tail(content[ihdrEnd..], EndMarkerWindow).IndexOf(PngIend) >= 0;
    }

    /// <summary>SOI and a marker (FF D8 FF xx) and an end-of-image marker (FF D9) in the last 64 KiB.</summary>
    private static bool IsWellFormedJpeg(ReadOnlySpan<byte> content)
    {
        if (content.Length < 4 + JpegEnd.Length) return false;
        // The byte after FF D8 FF is a marker code: never 00 (stuffing) nor FF.
        if (content[3] is 0x00 or 0xFF) return false;
        return Tail(content[4..], JpegTrailerWindow).IndexOf(JpegEnd) >= 0;
    }

    private static ReadOnlySpan<byte> Tail(ReadOnlySpan<byte> content, int window) =>
        content.Length <= window ? content : content[^window..];
}
