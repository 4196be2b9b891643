using System.Globalization;
using System.Text.RegularExpressions;
using HtxFund.Migration.Template;
using HtxFund.Reference;
using NodaTime;

namespace HtxFund.Migration.Reading;

/// <summary>
/// The cells of one data row, read by header with the template's rules: each bad cell adds a refusal pointing at it
/// (sheet, row, header, "C12") and marks the row <see cref="Failed"/>; the reading methods then return null. Pure.
/// </summary>
public sealed partial class LoanBookCells(LoanBookSheet sheet, int row, IReadOnlyDictionary<string, int> columns, object?[] values,
    List<RowRefusal> refusals)
{
    public static readonly LocalDate EarliestRecord = new(1990, 1, 1);
    public static readonly LocalDate EarliestRegistration = new(1945, 1, 1);
    public const long MaxAmount = 1_000_000_000_000_000;

    public int Row => row;
    public bool Failed { get; private set; }

    public CellAddress At(string header) =>
        new(sheet.Name, row, header, columns.TryGetValue(header, out var i) ? LoanBookTemplate.ColumnLetters(i) + row : null);

    public void Refuse(string header, string code, string message)
    {
        refusals.Add(new RowRefusal(At(header), code, message));
        Failed = true;
    }

    public bool IsEmpty(string header) => Raw(header) is null or "" || Raw(header) is string s && s.Trim().Length == 0;

    private object? Raw(string header) => columns.TryGetValue(header, out var i) && i < values.Length ? values[i] : null;

    /// <summary>Empty: null, refused when the column is required.</summary>
    private bool Missing(string header)
    {
        if (!IsEmpty(header)) return false;
        if (sheet[header].Required) Refuse(header, LoanBookCodes.Required, $"Cột \"{header}\" là bắt buộc.");
        return true;
    }

    public string? Text(string header)
    {
        if (Missing(header)) return null;
        var raw = Raw(header) switch
        {
            string s => s,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        };
        // C0 and C1 controls and DEL; a line break (Alt+Enter in a cell) is kept.
        if (raw.Any(c => char.IsControl(c) && c is not ('\n' or '\r')))
        {
            Refuse(header, LoanBookCodes.ControlCharacter, "Ô chứa ký tự điều khiển (không in được); hãy xóa và gõ lại nội dung.");
            return null;
        }
        var text = VietnameseText.Normalize(raw);
        if (text.Length > sheet[header].MaxLength)
        {
            Refuse(header, LoanBookCodes.TextTooLong, $"Nội dung dài quá {sheet[header].MaxLength} ký tự.");
            return null;
        }
        // A text a spreadsheet would run as a formula when the file is opened again (CSV/formula injection).
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !PlainNumber().IsMatch(text))
        {
            Refuse(header, LoanBookCodes.FormulaText, "Nội dung không được bắt đầu bằng =, +, - hoặc @ (có thể bị hiểu là công thức).");
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    public LocalDate? Date(string header, LocalDate earliest, LocalDate? notAfter)
    {
        if (Missing(header)) return null;
        LocalDate date;
        switch (Raw(header))
        {
            case DateTime d:
                date = LocalDate.FromDateTime(d);
                break;
            case string s when DayMonthYear().Match(s.Trim()) is { Success: true } m:
                var (day, month, year) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
                if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
                {
                    Refuse(header, LoanBookCodes.DateImpossible, $"Ngày {s.Trim()} không có trên lịch.");
                    return null;
                }
                date = new LocalDate(year, month, day);
                break;
            default:
                Refuse(header, LoanBookCodes.DateInvalid, "Ngày phải là ô kiểu ngày hoặc văn bản dạng dd/mm/yyyy (ví dụ 05/03/2024).");
                return null;
        }
        if (date < earliest)
        {
            Refuse(header, LoanBookCodes.DateTooEarly, $"Ngày {Show(date)} trước {Show(earliest)}.");
            return null;
        }
        if (notAfter is { } last && date > last)
        {
            Refuse(header, LoanBookCodes.DateAfterCutOver, $"Ngày {Show(date)} sau ngày chuyển đổi {Show(last)}.");
            return null;
        }
        return date;
    }

    /// <summary>Whole đồng: a number cell, or text "5000000", "5.000.000" or "5 000 000" (with an optional ₫/đ/VND).</summary>
    public long? Amount(string header, bool zeroAllowed = false)
    {
        if (Missing(header)) return null;
        decimal value;
        switch (Raw(header))
        {
            case double d when !double.IsFinite(d):
                Refuse(header, LoanBookCodes.AmountInvalid, "Số tiền không hợp lệ.");
                return null;
            case double d:
                value = (decimal)d;
                break;
            case string s when GroupedAmount().Match(s.Trim()) is { Success: true } m:
                var digits = m.Groups["int"].Value.Replace(".", "").Replace(" ", "").Replace("\u00A0", "");
                value = decimal.Parse(digits, CultureInfo.InvariantCulture);
                if (m.Groups["frac"].Success) value += 0.5m; // any fraction of a đồng: refused below as a decimal
                if (m.Groups["sign"].Success) value = -value;
                break;
            default:
                Refuse(header, LoanBookCodes.AmountInvalid, "Số tiền phải là số đồng (ví dụ 5000000 hoặc 5.000.000).");
                return null;
        }
        if (value < 0)
        {
            Refuse(header, LoanBookCodes.AmountNegative, "Số tiền không được âm.");
            return null;
        }
        if (value != decimal.Truncate(value))
        {
            Refuse(header, LoanBookCodes.AmountDecimal, "Số tiền phải là số đồng nguyên, không có phần lẻ.");
            return null;
        }
        if (value == 0 && !zeroAllowed)
        {
            Refuse(header, LoanBookCodes.AmountZero, "Số tiền phải lớn hơn 0.");
            return null;
        }
        if (value > MaxAmount)
        {
            Refuse(header, LoanBookCodes.AmountTooLarge, "Số tiền vượt quá 10^15 đồng.");
            return null;
        }
        return (long)value;
    }

    /// <summary>A percentage a year above 0 and at most 100 (a number cell, or text 6,5 / 6.5).</summary>
    public decimal? Rate(string header)
    {
        if (Missing(header)) return null;
        decimal? rate = Raw(header) switch
        {
            double d when double.IsFinite(d) && Math.Abs(d) < 1e9 => Math.Round((decimal)d, 6),
            string s when decimal.TryParse(s.Trim().TrimEnd('%').Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var r) => r,
            _ => null,
        };
        if (rate is not { } value || value <= 0 || value > 100)
        {
            Refuse(header, LoanBookCodes.RateOutOfRange, "Lãi suất phải là số phần trăm một năm, lớn hơn 0 và không quá 100.");
            return null;
        }
        return value;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int? Number(string header, int min, int max)
    {
        if (Missing(header)) return null;
        long? n = Raw(header) switch
        {
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => (long)d,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) => v,
            _ => null,
        };
        if (n is null)
        {
            Refuse(header, LoanBookCodes.NumberInvalid, "Phải là một số nguyên.");
            return null;
        }
        if (n < min || n > max)
        {
            Refuse(header, LoanBookCodes.NumberOutOfRange, $"Phải từ {min} đến {max}.");
            return null;
        }
        return (int)n;
    }

    public T? Choice<T>(string header, IReadOnlyDictionary<string, T> words) where T : struct
    {
        if (Missing(header)) return null;
        var text = VietnameseText.Normalize(Convert.ToString(Raw(header), CultureInfo.InvariantCulture));
        foreach (var (word, value) in words)
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase)) return value;
        Refuse(header, LoanBookCodes.UnknownValue, $"Giá trị \"{Clip(text)}\" không có trong danh sách: {string.Join(", ", words.Keys)}.");
        return null;
    }

    /// <summary>Có / Không; empty is Không.</summary>
    public bool Flag(string header)
    {
        if (IsEmpty(header)) return false;
        var words = new Dictionary<string, bool> { [LoanBookTemplate.Yes] = true, [LoanBookTemplate.No] = false };
        return Choice(header, words) ?? false;
    }

    /// <summary>A tax code with its check digit (the one rule, <see cref="Reference.TaxCode"/>), normalised.</summary>
    public string? TaxCode(string header)
    {
        var text = Text(header);
        if (text is null) return null;
        var check = Reference.TaxCode.Validate(text);
        if (check.IsValid) return check.Normalised;
        Refuse(header, LoanBookCodes.TaxCode, check.Message!);
        return null;
    }

    /// <summary>A national ID (CCCD 12 digits, or the old CMND of 9).</summary>
    public string? NationalId(string header)
    {
        var text = Text(header);
        if (text is null) return null;
        if (text.All(char.IsAsciiDigit) && text.Length is 9 or 12) return text;
        Refuse(header, LoanBookCodes.NationalId, "Số CCCD gồm 12 chữ số (hoặc CMND cũ 9 chữ số).");
        return null;
    }

    private static string Show(LocalDate date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4})$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?<sign>-)?\s*(?<int>\d{1,3}(?:[.\u00A0 ]\d{3})+|\d+)(?:,(?<frac>\d+))?\s*(?:₫|đ|VND|đồng)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GroupedAmount();

    [GeneratedRegex(@"^[+-]?\d+(?:[.,]\d+)?$")]
    private static partial Regex PlainNumber();
}
