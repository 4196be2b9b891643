using System.Text;
using SkiaSharp;

namespace HtxFund.Tests.Files;

/// <summary>Tiny but real files of every accepted kind, and the usual disguises.</summary>
public static class FileSamples
{
    private const string PdfBody =
        "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n" +
        "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n" +
        "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n";

    private const string PdfTrailer =
        "xref\n0 4\n0000000000 65535 f \ntrailer <</Size 4 /Root 1 0 R>>\nstartxref\n0\n%%EOF\n";

    public static byte[] Pdf() => Encoding.Latin1.GetBytes(PdfBody + PdfTrailer);

    /// <summary>A PDF of exactly <paramref name="size"/> bytes (a comment line pads it).</summary>
    public static byte[] PdfOfSize(long size)
    {
        var head = Encoding.Latin1.GetBytes(PdfBody);
        var tail = Encoding.Latin1.GetBytes(PdfTrailer);
        var padding = size - head.Length - tail.Length;
        if (padding < 2) throw new ArgumentOutOfRangeException(nameof(size));
        var bytes = new byte[size];
        head.CopyTo(bytes, 0);
        bytes[head.Length] = (byte)'%';
        bytes.AsSpan(head.Length + 1, (int)padding - 2).Fill((byte)'x');
        bytes[head.Length + padding - 1] = (byte)'\n';
        tail.CopyTo(bytes, head.Length + padding);
        return bytes;
    }

    /// <summary>A 1×1 transparent PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly Lazy<byte[]> JpegBytes = new(() =>
    {
        using var bitmap = new SKBitmap(2, 2);
        bitmap.Erase(new SKColor(0x2E, 0x7D, 0x32));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    });

    /// <summary>A 2×2 JPEG encoded by SkiaSharp.</summary>
    public static byte[] Jpeg() => (byte[])JpegBytes.Value.Clone();

    /// <summary>The start of a Windows executable ("MZ", then the DOS stub).</summary>
    public static byte[] Exe()
    {
        var bytes = new byte[512];
        "MZ"u8.CopyTo(bytes);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 78);
        return bytes;
    }

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    /// <summary>An empty ZIP archive (end of central directory only).</summary>
    public static byte[] Zip() => [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
}
