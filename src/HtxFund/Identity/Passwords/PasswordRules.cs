using System.Collections.Frozen;
using System.Text;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Identity.Passwords;

/// <summary>
/// The one home of the password rule, after NIST SP 800-63B-4 §3.1.1.2 (memorized secrets): length over complexity.
/// A password is refused when it is shorter than <see cref="SecurityOptions.MinPasswordLength"/> (15 by default: the
/// guideline's minimum for a password that is the only factor, as it is here) or longer than <see cref="MaxLength"/>
/// characters (Unicode code points), when it is on the shipped list of common passwords (<c>common-passwords.txt</c>,
/// compared case-insensitively), when it is one character repeated, or when it contains the user's own name. There are no
/// composition rules (no "a digit and a capital letter"): the guideline says they SHALL NOT be imposed.
/// Creating a user, changing and resetting a password, and a cooperative's sign-up all ask this class.
/// </summary>
public static class PasswordRules
{
    public const int MaxLength = 128;
    public const string Field = "password";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>How many passwords the shipped list holds (for the docs and a test that it was really loaded).</summary>
    public static int CommonCount => Common.Value.Count;

    /// <summary>Null when <paramref name="password"/> may be used by <paramref name="userName"/> (null: not known yet);
    /// otherwise the refusal of field <paramref name="field"/> with its code and Vietnamese message.</summary>
    public static ProblemDetails? Refusal(string password, string? userName, SecurityOptions security, string field = Field)
    {
        var length = password.EnumerateRunes().Count();
        if (length < security.MinPasswordLength)
            return Problems.Validation(field, "password.too_short",
                $"Mật khẩu phải có ít nhất {security.MinPasswordLength} ký tự. Một câu dễ nhớ gồm vài từ là mật khẩu tốt.");
        if (length > MaxLength)
            return Problems.Validation(field, "password.too_long", $"Mật khẩu không được dài quá {MaxLength} ký tự.");
        var folded = Fold(password);
        if (Common.Value.Contains(folded))
            return Problems.Validation(field, "password.common",
                "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.");
        if (folded.EnumerateRunes().Distinct().Count() == 1)
            return Problems.Validation(field, "password.repetitive", "Mật khẩu không được chỉ gồm một ký tự lặp lại.");
        if (userName is { Length: >= 3 } name && folded.Contains(Fold(name), StringComparison.Ordinal))
            return Problems.Validation(field, "password.contains_user_name", "Mật khẩu không được chứa tên đăng nhập.");
        return null;
    }

    /// <summary>Whether <paramref name="password"/> is on the shipped list (case-insensitive).</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(Fold(password));

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The common-password list {ResourceName} is not embedded in the application.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            words.Add(Fold(line.Trim()));
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    public const string ResourceName = "identity/common-passwords.txt";
}
