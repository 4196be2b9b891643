using System.Text;
using HtxFund.Reference;

namespace HtxFund.Infrastructure.Http;

/// <summary>What is wrong with a piece of text a client sent (<see cref="InputText.Check"/>).</summary>
public enum TextFault
{
    None,
    /// <summary>A C0 control other than tab, line feed and carriage return, DEL, or a C1 control (U+0080–U+009F).</summary>
    ControlCharacter,
    /// <summary>A Unicode noncharacter: U+FDD0–U+FDEF, or U+xFFFE/U+xFFFF in any plane. Never meant for interchange, and
    /// .NET's Unicode normalisation refuses them.</summary>
    Noncharacter,
    /// <summary>Not Unicode: a lone (unpaired) surrogate, or bytes that are not UTF-8.</summary>
    InvalidUnicode,
    /// <summary>Longer than <see cref="InputText.MaxLength"/>.</summary>
    TooLong,
}

/// <summary>
/// The one rule for text that comes from outside (every JSON string of a request body, every query-string value, route
/// value and page form field), checked once at the edge (<see cref="PlainTextJsonConverter"/>,
/// <see cref="RequestTargetGuardMiddleware"/>) so that no endpoint, page or normaliser meets it: no control characters
/// (tab, line feed and carriage return allowed), no Unicode noncharacters, no lone surrogates, at most
/// <see cref="MaxLength"/> characters. Each field's own, shorter bound is its validator's (<see cref="TextLimits"/>).
/// </summary>
public static class InputText
{
    /// <summary>The longest text any field takes (<see cref="TextLimits.Analysis"/>): a backstop for fields and
    /// endpoints added later.</summary>
    public const int MaxLength = TextLimits.Analysis;

    public static TextFault Check(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength) return TextFault.TooLong;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return TextFault.InvalidUnicode;
                if (VietnameseText.IsNoncharacter(new Rune(c, text[i + 1]))) return TextFault.Noncharacter; // U+1FFFE … U+10FFFF
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c)) return TextFault.InvalidUnicode;
            if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is >= '\u007F' and <= '\u009F') return TextFault.ControlCharacter;
            if (VietnameseText.IsNoncharacter(new Rune(c))) return TextFault.Noncharacter;
        }
        return TextFault.None;
    }

    /// <summary>The field code of a fault (<c>text.control_character</c>, <c>text.noncharacter</c>,
    /// <c>text.invalid_unicode</c>, <c>text.too_long</c>).</summary>
    public static string Code(TextFault fault) => fault switch
    {
        TextFault.ControlCharacter => "text.control_character",
        TextFault.Noncharacter => "text.noncharacter",
        TextFault.InvalidUnicode => "text.invalid_unicode",
        TextFault.TooLong => "text.too_long",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    public static string Message(TextFault fault) => fault switch
    {
        TextFault.ControlCharacter => "Văn bản chứa ký tự điều khiển không được phép (chỉ cho phép xuống dòng và tab).",
        TextFault.Noncharacter => "Văn bản chứa ký tự Unicode không dùng để trao đổi dữ liệu (ví dụ U+FFFE, U+FFFF).",
        TextFault.InvalidUnicode => "Văn bản không phải Unicode hợp lệ (ký tự thay thế – surrogate – đứng lẻ, hoặc mã hóa UTF-8 sai).",
        TextFault.TooLong => $"Văn bản không được dài quá {MaxLength} ký tự.",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    public static FieldError Refusal(string field, TextFault fault) => new(field, Code(fault), Message(fault));
}

/// <summary>The maximum lengths of free-text fields, by kind of field, so that every command bounds its text the same
/// way (<see cref="Validation.RequiredText{T}"/>, <see cref="Validation.OptionalText{T}"/>).</summary>
public static class TextLimits
{
    /// <summary>Document numbers and references: decision, contract, bank and approval references.</summary>
    public const int Reference = 100;
    /// <summary>Names of people, organisations and banks, sources, short labels.</summary>
    public const int Name = 200;
    /// <summary>Descriptions: a loan's purpose, an address, a collateral item.</summary>
    public const int Description = 500;
    /// <summary>Reasons, notes, comments, questions and answers.</summary>
    public const int Note = 2000;
    /// <summary>The appraisal's financial analysis: the longest text of the API.</summary>
    public const int Analysis = 4000;
}
