using System.Text;

namespace HtxFund.Lending;

/// <summary>The word read for a zero tens digit before a units digit (105): northern "linh" or southern "lẻ".</summary>
public enum ZeroTensWord
{
    /// <summary>"một trăm linh năm" (northern usage, common in official documents).</summary>
    Linh,

    /// <summary>"một trăm lẻ năm" (southern usage).</summary>
    Le,
}

/// <summary>
/// Reads an amount of đồng in Vietnamese words, as written on decision letters and receipts
/// ("Bằng chữ: Một tỷ năm trăm triệu đồng").
/// Rules applied per group of three digits:
/// <list type="bullet">
/// <item>a zero tens digit before a units digit reads "linh" (or "lẻ"): 105 = "một trăm linh năm";</item>
/// <item>tens 1 reads "mười", tens 2–9 read "… mươi": 10 = "mười", 20 = "hai mươi";</item>
/// <item>units 1 after "mươi" reads "mốt" (21 = "hai mươi mốt"), but "một" after "mười" and "linh" (11, 101);</item>
/// <item>units 5 after "mười"/"mươi" reads "lăm" (15, 25), but "năm" alone or after "linh" (5, 105);</item>
/// <item>units 4 after "mươi" reads "tư" (24 = "hai mươi tư"), "bốn" elsewhere (14, 104);</item>
/// <item>an inner group with hundreds 0 still reads "không trăm" (1.000.005 = "một triệu không trăm linh năm");
///   all-zero groups are skipped.</item>
/// </list>
/// Scales are nghìn (10³), triệu (10⁶), tỷ (10⁹); above a tỷ the count of tỷ is read recursively
/// (10¹² = "một nghìn tỷ").
/// </summary>
public static class VietnameseAmountInWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private const long Billion = 1_000_000_000;

    /// <summary>The amount in words with a capital first letter and the trailing "đồng".</summary>
    public static string Read(Money amount, ZeroTensWord zeroTens = ZeroTensWord.Linh)
    {
        var words = ReadNumber(amount.Dong, zeroTens);
        var sentence = words + " đồng";
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    /// <summary>A whole number in lower-case Vietnamese words ("không" for 0, "âm …" for negatives).</summary>
    public static string ReadNumber(long number, ZeroTensWord zeroTens = ZeroTensWord.Linh)
    {
        if (number == 0)
            return Digits[0];
        var builder = new StringBuilder();
        if (number < 0)
        {
            builder.Append("âm ");
            // long.MinValue has no positive counterpart; read it through decimal-free unsigned arithmetic.
            AppendNumber(builder, (ulong)(-(number + 1)) + 1, full: false, zeroTens);
        }
        else
        {
            AppendNumber(builder, (ulong)number, full: false, zeroTens);
        }
        return builder.ToString();
    }

    /// <param name="full">true when a higher part was already read, so a leading zero hundreds reads "không trăm".</param>
    private static void AppendNumber(StringBuilder builder, ulong number, bool full, ZeroTensWord zeroTens)
    {
        if (number >= Billion)
        {
            AppendNumber(builder, number / Billion, full, zeroTens);
            builder.Append(" tỷ");
            var rest = number % Billion;
            if (rest > 0)
            {
                builder.Append(' ');
                AppendNumber(builder, rest, full: true, zeroTens);
            }
            return;
        }

        ReadOnlySpan<(ulong Scale, string Name)> scales = [(1_000_000, "triệu"), (1_000, "nghìn"), (1, "")];
        var first = true;
        foreach (var (scale, name) in scales)
        {
            var group = (int)(number / scale % 1000);
            if (group == 0)
                continue;
            if (!first)
                builder.Append(' ');
            AppendGroup(builder, group, full || !first, zeroTens);
            if (name.Length > 0)
                builder.Append(' ').Append(name);
            first = false;
        }
    }

    private static void AppendGroup(StringBuilder builder, int group, bool full, ZeroTensWord zeroTens)
    {
        var hundreds = group / 100;
        var tens = group / 10 % 10;
        var units = group % 10;
        var parts = new List<string>(4);
        var hasHundreds = hundreds > 0 || full;
        if (hasHundreds)
            parts.Add(Digits[hundreds] + " trăm");

        switch (tens)
        {
            case 0 when units > 0:
                if (hasHundreds)
                    parts.Add(zeroTens == ZeroTensWord.Linh ? "linh" : "lẻ");
                parts.Add(Digits[units]);
                break;
            case 1:
                parts.Add("mười");
                if (units > 0)
                    parts.Add(units == 5 ? "lăm" : Digits[units]);
                break;
            case >= 2:
                parts.Add(Digits[tens] + " mươi");
                if (units > 0)
                    parts.Add(units switch { 1 => "mốt", 4 => "tư", 5 => "lăm", _ => Digits[units] });
                break;
        }
        builder.AppendJoin(' ', parts);
    }
}
