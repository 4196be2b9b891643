using System.Security.Cryptography;
using System.Text;

namespace HtxFund.Lending.Payments;

/// <summary>
/// The loan's payment reference (mã thanh toán): what a cooperative types into a bank transfer's content so the fund can
/// tell which loan a credit on its bank statement repays. <c>HTX</c> + 12 characters derived from the loan id + 1 check
/// character, 16 in all, upper-case ASCII letters and digits only (fits VietQR's 25-character transfer content with
/// room to spare).
/// <list type="bullet">
/// <item><b>Stable</b>: a pure function of the loan id; nothing is stored, so every loan (old or new) has one and it never
/// changes, not even when the contract number is corrected or the loan is restructured.</item>
/// <item><b>Unique per fund</b>: the 12 characters are the first 60 bits of SHA-256 of the loan id, in Crockford's base 32
/// (0-9 A-Z without I, L, O, U, so no character can be mistaken for another). Two loans collide with probability about
/// n²/2⁶¹ (4 × 10⁻⁹ for 100,000 loans); the id is not used raw because version-7 ids begin with their creation time and
/// two loans created in the same millisecond would share a prefix. The contract number is not used because it is free
/// text (<c>01/2026/HĐTD</c>): stripped to letters and digits two numbers may coincide.</item>
/// <item><b>Typos detected</b>: the last character is a check over the 12 in GF(32) (<see cref="CheckCharacter"/>), which
/// catches every single wrong character and every swap of two adjacent different characters.</item>
/// <item><b>Forgiving reading</b> (<see cref="TryParse"/>, <see cref="FindIn"/>): lower case, spaces and hyphens are
/// accepted, and I/L read as 1 and O as 0 (Crockford), as people and banks write them.</item>
/// </list>
/// </summary>
public sealed record PaymentReference
{
    public const string Prefix = "HTX";
    public const int BodyLength = 12;
    public const int Length = 3 + BodyLength + 1;

    /// <summary>Crockford's base 32: digits and upper-case letters without I, L, O, U.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private PaymentReference(string value) => Value = value;

    /// <summary>The reference as printed: <c>HTX</c> + 12 + check, e.g. <c>HTX5N2K8Q1R7T3VW</c>.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>The reference of loan <paramref name="loanId"/>.</summary>
    public static PaymentReference For(Guid loanId)
    {
        var hash = SHA256.HashData(loanId.ToByteArray(bigEndian: true));
        ulong bits = 0;
        for (var i = 0; i < 8; i++) bits = bits << 8 | hash[i];
        bits >>= 4; // the first 60 bits
        var body = new char[BodyLength];
        for (var i = BodyLength - 1; i >= 0; i--)
        {
            body[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
        var text = new string(body);
        return new PaymentReference(Prefix + text + CheckCharacter(text));
    }

    /// <summary>The check character of <paramref name="body"/> (characters of <see cref="Alphabet"/>): each character's
    /// value taken as an element of GF(32) (polynomial x⁵ + x² + 1), weighted by α^k for the k-th character from the
    /// right (k = 1, 2, …), summed. A wrong character changes the sum by e·α^k ≠ 0, a swap of two different characters
    /// a and b at k and k+1 by (a + b)·α^k·(1 + α) ≠ 0 (the check character itself has weight α⁰ = 1), so both are always
    /// detected.</summary>
    public static char CheckCharacter(string body)
    {
        var sum = 0;
        foreach (var c in body)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0) throw new ArgumentException($"'{c}' is not a payment reference character.", nameof(body));
            sum ^= value;
            sum <<= 1; // times α
            if ((sum & 32) != 0) sum ^= 0b100101;
        }
        return Alphabet[sum];
    }

    /// <summary>Reads a reference as a person or a bank wrote it (case, spaces, hyphens, I/L/O ignored as in Crockford);
    /// false when it is not 16 characters starting with HTX or its check character does not match.</summary>
    public static bool TryParse(string? text, out PaymentReference reference)
    {
        reference = null!;
        if (text is null) return false;
        var normal = new StringBuilder(Length);
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '.') continue;
            if (normal.Length >= Length) return false;
            normal.Append(normal.Length < Prefix.Length ? char.ToUpperInvariant(c) : Canonical(c));
        }
        return TryExact(normal.ToString(), out reference);
    }

    /// <summary>The references a transfer's content (a bank statement line) carries, each once, in order: every run of
    /// 16 characters starting with HTX (any case) whose check character matches.</summary>
    public static IReadOnlyList<PaymentReference> FindIn(string? content)
    {
        if (string.IsNullOrEmpty(content)) return [];
        var found = new List<PaymentReference>();
        var upper = content.ToUpperInvariant();
        for (var at = upper.IndexOf(Prefix, StringComparison.Ordinal); at >= 0 && at + Length <= upper.Length;
             at = upper.IndexOf(Prefix, at + 1, StringComparison.Ordinal))
        {
            var candidate = Prefix + new string(upper.AsSpan(at + Prefix.Length, Length - Prefix.Length).ToArray().Select(Canonical).ToArray());
            if (TryExact(candidate, out var reference) && !found.Contains(reference)) found.Add(reference);
        }
        return found;
    }

    private static bool TryExact(string text, out PaymentReference reference)
    {
        reference = null!;
        if (text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var body = text.Substring(Prefix.Length, BodyLength);
        if (body.Any(c => Alphabet.IndexOf(c) < 0) || Alphabet.IndexOf(text[^1]) < 0) return false;
        if (CheckCharacter(body) != text[^1]) return false;
        reference = new PaymentReference(text);
        return true;
    }

    private static char Canonical(char c) => char.ToUpperInvariant(c) switch
    {
        'I' or 'L' => '1',
        'O' => '0',
        var u => u,
    };
}
