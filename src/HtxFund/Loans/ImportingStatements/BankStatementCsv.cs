using System.Globalization;
using HtxFund.Reference;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Loans.ImportingStatements;

/// <summary>
/// The bank statement CSV (documented in README): UTF-8 (a BOM is ignored), one payment a line,
/// <c>date;amount;reference;contract_number;description</c> with the date as dd/MM/yyyy, the amount in whole đồng
/// (digits only), the bank reference unique in the fund, and the contract number of the loan. A first line starting
/// with <c>date</c> or <c>ngày</c> is a header. Blank lines are skipped; the description may contain semicolons.
/// </summary>
public static class BankStatementCsv
{
    public const int MaxBytes = 1_000_000;
    public const int MaxLines = 5_000;
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("dd/MM/yyyy");

    public static IReadOnlyList<BankStatementLine> Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var result = new List<BankStatementLine>();
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(raw)) continue;
            if (result.Count == 0 && i == 0 && (raw.StartsWith("date", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("ngày", StringComparison.OrdinalIgnoreCase)))
                continue;
            result.Add(ParseLine(i + 1, raw));
        }
        return result;
    }

    private static BankStatementLine ParseLine(int number, string raw)
    {
        var fields = raw.Split(';', 5);
        string F(int n) => n < fields.Length ? fields[n].Trim() : "";
        var reference = VietnameseText.Normalize(F(2)) ?? "";
        var contract = VietnameseText.Normalize(F(3)) ?? "";
        var description = F(4);
        BankStatementLine Unmatched(string code, string reason, LocalDate? date = null, long? amount = null) =>
            new(number, raw, date, amount, reference, contract, description, StatementLineStatus.Unmatched, code, reason, null, null);
        if (fields.Length < 4)
            return Unmatched("statement.too_few_fields", "Dòng phải có ít nhất 4 cột: ngày;số tiền;số tham chiếu;số hợp đồng.");
        var date = DatePattern.Parse(F(0));
        if (!date.Success) return Unmatched("statement.date_format", $"Ngày \"{F(0)}\" không đúng dạng dd/MM/yyyy.");
        if (!(F(1).Length is > 0 and <= 16 && F(1).All(char.IsAsciiDigit)) || !long.TryParse(F(1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return Unmatched("statement.amount_format", $"Số tiền \"{F(1)}\" phải là số nguyên đồng, chỉ gồm chữ số.", date.Value);
        if (amount <= 0) return Unmatched("statement.amount_not_positive", "Số tiền phải lớn hơn 0.", date.Value, amount);
        if (reference.Length is 0 or > 100) return Unmatched("statement.reference_missing", "Thiếu số tham chiếu ngân hàng (tối đa 100 ký tự).", date.Value, amount);
        if (contract.Length == 0) return Unmatched("statement.contract_missing", "Thiếu số hợp đồng tín dụng.", date.Value, amount);
        return new(number, raw, date.Value, amount, reference, contract, description, StatementLineStatus.Matched, null, null, null, null);
    }
}
