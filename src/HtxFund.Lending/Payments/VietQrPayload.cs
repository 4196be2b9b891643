using System.Globalization;
using System.Text;

namespace HtxFund.Lending.Payments;

/// <summary>
/// The text of a VietQR code (NAPAS 247 inter-bank transfer to an account, an EMVCo merchant-presented QR payload) that
/// every Vietnamese banking app scans into a transfer form with the beneficiary, and, for a dynamic code, the amount and
/// the transfer content filled in. Fields (ID, 2-digit length, value), in this order:
/// <code>
/// 00 "01"                      payload format indicator
/// 01 "12" | "11"               point of initiation: 12 dynamic (with an amount), 11 static (payer types the amount)
/// 38 merchant account          00 GUID "A000000727" (NAPAS)
///                              01 beneficiary: 00 the bank's 6-digit BIN (acquirer id), 01 the account number
///                              02 service code "QRIBFTTA" (inter-bank fund transfer to an account)
/// 53 "704"                     currency, VND (ISO 4217)
/// 54 amount                    whole đồng, digits only, no separator (dynamic codes only)
/// 58 "VN"                      country
/// 62 additional data           08 purpose of transaction: the transfer content (≤ 25 characters)
/// 63 CRC                       CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of everything before it, "6304" included,
///                              4 upper-case hex digits
/// </code>
/// The transfer content is limited to ASCII letters, digits and spaces: banks drop or mangle anything else.
/// </summary>
public sealed record VietQrPayload(string BankBin, string AccountNumber, long? Amount, string Purpose)
{
    public const string NapasGuid = "A000000727";
    public const string TransferToAccount = "QRIBFTTA";
    public const int MaxPurposeLength = 25;
    public const int MaxAccountLength = 19;
    public const long MaxAmount = 9_999_999_999_999; // 13 digits: field 54 is at most 13 characters

    /// <summary>Why <paramref name="bankBin"/>, <paramref name="accountNumber"/>, <paramref name="amount"/> and
    /// <paramref name="purpose"/> make no valid payload, or null.</summary>
    public static string? Problem(string? bankBin, string? accountNumber, long? amount, string? purpose)
    {
        if (bankBin is not { Length: 6 } || !bankBin.All(char.IsAsciiDigit)) return "The bank BIN must be 6 digits.";
        if (string.IsNullOrEmpty(accountNumber) || accountNumber.Length > MaxAccountLength || !accountNumber.All(char.IsAsciiLetterOrDigit))
            return $"The account number must be 1 to {MaxAccountLength} ASCII letters or digits.";
        if (amount is <= 0 or > MaxAmount) return $"The amount must be between 1 and {MaxAmount} đồng.";
        if (purpose is null || purpose.Length > MaxPurposeLength || !purpose.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '))
            return $"The transfer content must be at most {MaxPurposeLength} ASCII letters, digits or spaces.";
        return null;
    }

    /// <summary>Whether the code carries an amount (point of initiation 12).</summary>
    public bool IsDynamic => Amount is not null;

    /// <summary>The payload text to encode in the QR code. Throws <see cref="ArgumentException"/> for invalid fields.</summary>
    public string Build()
    {
        if (Problem(BankBin, AccountNumber, Amount, Purpose) is { } problem) throw new ArgumentException(problem);
        var merchant = Tlv("00", NapasGuid) + Tlv("01", Tlv("00", BankBin) + Tlv("01", AccountNumber)) + Tlv("02", TransferToAccount);
        var text = new StringBuilder()
            .Append(Tlv("00", "01"))
            .Append(Tlv("01", IsDynamic ? "12" : "11"))
            .Append(Tlv("38", merchant))
            .Append(Tlv("53", "704"));
        if (Amount is { } amount) text.Append(Tlv("54", amount.ToString(CultureInfo.InvariantCulture)));
        text.Append(Tlv("58", "VN"));
        if (Purpose.Length > 0) text.Append(Tlv("62", Tlv("08", Purpose)));
        text.Append("6304");
        return text.Append(Crc16(text.ToString())).ToString();
    }

    /// <summary>Reads a payload built by <see cref="Build"/> (or any NAPAS transfer-to-account code): its CRC must match,
    /// its fields be well formed. Throws <see cref="FormatException"/> otherwise.</summary>
    public static VietQrPayload Parse(string payload)
    {
        if (payload.Length < 8 || payload[^8..^4] != "6304") throw new FormatException("The payload does not end with its CRC (63).");
        if (!string.Equals(Crc16(payload[..^4]), payload[^4..], StringComparison.Ordinal)) throw new FormatException("The CRC does not match.");
        var fields = Fields(payload[..^8]);
        if (fields.GetValueOrDefault("00") != "01") throw new FormatException("Unknown payload format (00).");
        if (fields.GetValueOrDefault("53") != "704" || fields.GetValueOrDefault("58") != "VN") throw new FormatException("Not a VND code of Vietnam.");
        var merchant = Fields(fields.GetValueOrDefault("38") ?? throw new FormatException("No merchant account (38)."));
        if (merchant.GetValueOrDefault("00") != NapasGuid) throw new FormatException("Not a NAPAS code (38/00).");
        var beneficiary = Fields(merchant.GetValueOrDefault("01") ?? throw new FormatException("No beneficiary (38/01)."));
        long? amount = fields.TryGetValue("54", out var a)
            ? long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException("The amount (54) is not whole đồng.")
            : null;
        var purpose = fields.TryGetValue("62", out var extra) ? Fields(extra).GetValueOrDefault("08") ?? "" : "";
        return new VietQrPayload(beneficiary.GetValueOrDefault("00") ?? "", beneficiary.GetValueOrDefault("01") ?? "", amount, purpose);
    }

    /// <summary>The top-level fields of an EMVCo TLV text, by id, in order; throws <see cref="FormatException"/> when a
    /// length runs past the end or an id repeats.</summary>
    public static IReadOnlyDictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>();
        var at = 0;
        while (at < text.Length)
        {
            if (at + 4 > text.Length || !int.TryParse(text.AsSpan(at + 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || at + 4 + length > text.Length)
                throw new FormatException($"Malformed field at position {at}.");
            if (!fields.TryAdd(text.Substring(at, 2), text.Substring(at + 4, length))) throw new FormatException($"Field {text.Substring(at, 2)} repeats.");
            at += 4 + length;
        }
        return fields;
    }

    /// <summary>CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of the ASCII text, as 4
    /// upper-case hex digits (check value of "123456789": 29B1).</summary>
    public static string Crc16(string text)
    {
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc.ToString("X4", CultureInfo.InvariantCulture);
    }

    private static string Tlv(string id, string value) =>
        value.Length is > 0 and <= 99 ? id + value.Length.ToString("00", CultureInfo.InvariantCulture) + value
        : throw new ArgumentException($"Field {id} must be 1 to 99 characters.");
}
