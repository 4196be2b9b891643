using System.Globalization;
using System.Text;
using HtxFund.Reference;

namespace HtxFund.Files;

/// <summary>File names as stored and as sent back: safe to show, to save on any operating system and to put
/// in a header. Pure functions.</summary>
public static class FileNames
{
    public const int MaxLength = 200;

    /// <summary>The name given when none usable was declared ("tệp đính kèm").</summary>
    public const string DefaultStem = "tep-dinh-kem";

    private static readonly string[] AllExtensions =
        Enum.GetValues<FileKind>().SelectMany(k => k.Extensions()).ToArray();

    /// <summary>
    /// The declared name made safe for a file of <paramref name="kind"/>: only the last path segment is kept
    /// ("../../etc/passwd.pdf" → "passwd.pdf", "C:\Users\a\hoso.pdf" → "hoso.pdf"), control and format
    /// characters are dropped and whitespace collapsed, the result is NFC, characters Windows forbids become
    /// '_', leading dots and trailing dots/spaces go. The extension follows the content: a name ending in another
    /// accepted kind's extension gets the detected one instead ("hoso.png" holding a PDF → "hoso.pdf"), any other
    /// name gets it appended ("hoso.exe" → "hoso.exe.pdf"). At most 200 characters, cut between whole characters.
    /// </summary>
    public static string Sanitise(string? declared, FileKind kind)
    {
        var name = VietnameseText.Normalize(LastSegment(declared ?? string.Empty));
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }
        name = builder.ToString().TrimStart('.', ' ').TrimEnd('.', ' ');

        var extension = Path.GetExtension(name);
        var stem = name;
        if (kind.Extensions().Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            stem = name[..^extension.Length];
        }
        else
        {
            if (AllExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) stem = name[..^extension.Length];
            extension = kind.Extension();
        }

        stem = stem.TrimEnd('.', ' ');
        if (stem.Length == 0) stem = DefaultStem;
        return Truncate(stem, MaxLength - extension.Length) + extension;
    }

    /// <summary><c>attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded</c> (RFC 6266 and
    /// RFC 5987/8187), so Vietnamese names arrive intact and old clients still get a readable name.</summary>
    public static string ContentDisposition(string fileName, bool inline = false) =>
        $"{(inline ? "inline" : "attachment")}; filename=\"{AsciiFallback(fileName)}\"; filename*=UTF-8''{Rfc5987Encode(fileName)}";

    /// <summary>The name without diacritics ("Báo cáo đợt 1.pdf" → "Bao cao dot 1.pdf"); anything still outside
    /// printable ASCII, quotes and backslashes become '_'.</summary>
    public static string AsciiFallback(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                '"' or '\\' or '%' => '_',
                >= ' ' and <= '~' => c,
                _ => '_',
            });
        }
        return builder.ToString();
    }

    /// <summary>RFC 5987 value-chars: attr-chars as they are, every other UTF-8 byte as %XX (upper-case hex).</summary>
    public static string Rfc5987Encode(string value)
    {
        var builder = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string LastSegment(string name)
    {
        var cut = name.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? name : name[(cut + 1)..];
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting a letter from its marks or a surrogate pair.</summary>
    private static string Truncate(string s, int max)
    {
        if (s.Length <= max) return s;
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(s);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (length + element.Length > max) break;
            length += element.Length;
        }
        return s[..length].TrimEnd('.', ' ');
    }
}
