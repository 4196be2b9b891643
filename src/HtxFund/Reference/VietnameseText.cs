using System.Globalization;
using System.Text;

namespace HtxFund.Reference;

/// <summary>
/// Text helpers for Vietnamese input: canonical storage form (<see cref="Normalize"/>),
/// a search key that ignores diacritics and case (<see cref="Fold"/>), and an NFC check.
/// Pure functions, no I/O, culture-invariant.
/// </summary>
public static class VietnameseText
{
    /// <summary>
    /// Canonical form for storing and comparing user input: removes every Unicode control (Cc) and
    /// format (Cf) character (zero-width spaces, BOM, bidi marks, …), turns every whitespace run —
    /// including tabs, line breaks and no-break spaces — into one space, trims, and returns NFC.
    /// Whitespace control characters (tab, CR, LF, …) count as whitespace rather than being dropped,
    /// so "Nguyễn\tVăn" becomes "Nguyễn Văn", not "NguyễnVăn". Null gives "".
    /// Never throws: ill-formed UTF-16 (lone surrogates) is replaced by U+FFFD, and Unicode noncharacters
    /// (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF), which .NET's normalisation refuses, are dropped. (Requests carrying either are
    /// refused before they get here: Infrastructure/Http/InputText.)
    /// </summary>
    public static string Normalize(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format || IsNoncharacter(rune))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
        }

        // Dropping a format character can bring a base letter and a combining mark together,
        // so compose only after filtering.
        return Nfc(builder.ToString());
    }

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …).</summary>
    public static bool IsNoncharacter(Rune rune) =>
        rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>Unicode Normalization Form C that never throws: text .NET cannot normalise (lone surrogates,
    /// noncharacters) first has lone surrogates replaced by U+FFFD and noncharacters dropped.</summary>
    public static string Nfc(string s) => Normalized(s, NormalizationForm.FormC);

    private static string Normalized(string s, NormalizationForm form)
    {
        try
        {
            return s.Normalize(form);
        }
        catch (ArgumentException)
        {
            var builder = new StringBuilder(s.Length);
            foreach (var rune in s.EnumerateRunes())
            {
                if (!IsNoncharacter(rune)) builder.Append(rune.ToString());
            }
            return builder.ToString().Normalize(form);
        }
    }

    /// <summary>
    /// Search key: <see cref="Normalize"/>, then decompose (NFD), drop non-spacing marks (tones, breve,
    /// circumflex, horn), map đ/Đ to d, lower-case invariantly and collapse whitespace.
    /// "Đắk Lắk", "ĐẮK LẮK", "Dak Lak", "dak  lak" and "Đăk Lăk" all fold to "dak lak".
    /// Punctuation is kept; callers that want to ignore it strip it themselves.
    /// Use only for matching, never for display or storage.
    /// </summary>
    public static string Fold(string? s)
    {
        var normalized = Normalize(s);
        if (normalized.Length == 0)
        {
            return normalized;
        }

        var decomposed = Normalized(normalized, NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' or 'Ð' => 'd', // U+0111, U+0110, and U+00D0 (Icelandic eth, a common look-alike typo)
                _ => char.ToLowerInvariant(c),
            });
        }

        // Marks are gone; recompose whatever is left (e.g. compatibility letters) and re-collapse.
        return Normalize(builder.ToString());
    }

    /// <summary>True when <paramref name="s"/> is already in Unicode Normalization Form C (false for ill-formed UTF-16).</summary>
    public static bool IsNfc(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        try
        {
            return s.IsNormalized(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
