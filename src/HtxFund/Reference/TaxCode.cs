namespace HtxFund.Reference;

/// <summary>
/// Outcome of <see cref="TaxCode.Validate"/>. <see cref="Normalised"/> is the input trimmed, in NFC and with
/// all whitespace removed (null only when the input was empty); <see cref="ErrorCode"/> is one of
/// <see cref="TaxCode.ErrorCodes"/> and <see cref="Message"/> a Vietnamese explanation, both null when valid.
/// </summary>
public sealed record TaxCodeCheck(bool IsValid, string? Normalised, string? ErrorCode, string? Message)
{
    /// <summary>True for a valid 14-character code of a dependent unit (branch, representative office).</summary>
    public bool IsDependentUnit => IsValid && Normalised!.Length == 14;

    /// <summary>The 10-digit code of the unit itself (for a branch: of its parent), when valid.</summary>
    public string? HeadOfficeCode => IsValid ? Normalised![..10] : null;
}

/// <summary>
/// Unique identifier of a tổ hợp tác, hợp tác xã or liên hiệp hợp tác xã, which is also its tax code
/// (Law on Cooperatives 17/2023/QH15 Art 46; Decree 92/2024/ND-CP Art 14): 10 digits N1…N10, or
/// 10 digits + "-" + 3 digits (001–999) for a dependent unit such as a branch.
/// N10 is a check digit: A = 31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9,
/// N10 = 10 − (A mod 11). When A mod 11 = 0 the result would be 10, which is not a digit: such a
/// 9-digit prefix is never issued, so no 10-digit code with it is valid.
/// Checked against published codes: 0100109106 (Viettel), 0100112437 (Vietcombank),
/// 0101248141 (FPT), 0300588569 (Vinamilk).
/// </summary>
public static class TaxCode
{
    /// <summary>Stable error codes returned in <see cref="TaxCodeCheck.ErrorCode"/>.</summary>
    public static class ErrorCodes
    {
        public const string Required = "tax_code.required";
        public const string Format = "tax_code.format";
        public const string CheckDigit = "tax_code.check_digit";
        public const string BranchSuffix = "tax_code.branch_suffix";
    }

    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    public static TaxCodeCheck Validate(string? input)
    {
        var normalised = VietnameseText.Normalize(input).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (normalised.Length == 0)
        {
            return Refused(null, ErrorCodes.Required, "Mã số thuế (mã số hợp tác xã) là bắt buộc.");
        }

        var isMain = normalised.Length == 10 && AllDigits(normalised);
        var isDependent = normalised.Length == 14 && AllDigits(normalised[..10]) && normalised[10] == '-' && AllDigits(normalised[11..]);
        if (!isMain && !isDependent)
        {
            return Refused(normalised, ErrorCodes.Format,
                "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với đơn vị phụ thuộc (ví dụ 0100109106 hoặc 0100109106-001).");
        }

        var expected = CheckDigitOf(normalised.AsSpan(0, 9));
        if (expected is null || expected.Value != normalised[9] - '0')
        {
            return Refused(normalised, ErrorCodes.CheckDigit,
                $"Mã số thuế {normalised[..10]} không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.");
        }

        if (isDependent && normalised[11..] == "000")
        {
            return Refused(normalised, ErrorCodes.BranchSuffix,
                "Ba chữ số cuối của mã số đơn vị phụ thuộc phải từ 001 đến 999.");
        }

        return new TaxCodeCheck(true, normalised, null, null);
    }

    /// <summary>True when <paramref name="input"/> is a valid tax code (10 digits or 10+3 digits).</summary>
    public static bool IsValid(string? input) => Validate(input).IsValid;

    /// <summary>
    /// The check digit (N10) for a 9-digit prefix. Throws <see cref="ArgumentException"/> when the prefix is not
    /// exactly 9 ASCII digits, or when its check value would be 10 (such prefixes are never issued).
    /// </summary>
    public static string ComputeCheckDigit(string first9)
    {
        ArgumentNullException.ThrowIfNull(first9);
        if (first9.Length != 9 || !AllDigits(first9))
        {
            throw new ArgumentException($"Expected exactly 9 digits, got '{first9}'.", nameof(first9));
        }

        var digit = CheckDigitOf(first9)
            ?? throw new ArgumentException($"The prefix '{first9}' has check value 10; no tax code is issued with it.", nameof(first9));
        return ((char)('0' + digit)).ToString();
    }

    /// <summary>The full 10-digit tax code for a 9-digit prefix (prefix + <see cref="ComputeCheckDigit"/>).</summary>
    public static string Generate(string first9) => first9 + ComputeCheckDigit(first9);

    /// <summary>The code of dependent unit <paramref name="branch"/> (1–999) of a valid 10-digit code, e.g. "0100109106-001".</summary>
    public static string Branch(string headOfficeCode, int branch)
    {
        var check = Validate(headOfficeCode);
        if (!check.IsValid || check.IsDependentUnit)
        {
            throw new ArgumentException($"'{headOfficeCode}' is not a valid 10-digit tax code.", nameof(headOfficeCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(branch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(branch, 999);
        return $"{check.Normalised}-{branch:000}";
    }

    private static int? CheckDigitOf(ReadOnlySpan<char> first9)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += Weights[i] * (first9[i] - '0');
        }

        var remainder = sum % 11;
        return remainder == 0 ? null : 10 - remainder;
    }

    private static bool AllDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static TaxCodeCheck Refused(string? normalised, string errorCode, string message) =>
        new(false, normalised, errorCode, message);
}
