using HtxFund.Infrastructure.Http;
using HtxFund.Lending.Accounting;

namespace HtxFund.Accounting.Setup;

/// <summary>
/// The pure rules of a new version of the accounting setup (docs/accounting.md), over a chart and a mapping whose fields
/// are well formed (<see cref="AdoptAccountingSetup.Validator"/>): account numbers unique; every <see cref="PostingKind"/>
/// mapped exactly once, to two different accounts of the chart; the off-balance kinds on off-balance accounts only and no
/// other kind on them; and no account the journal already used removed or given another kind (its ledger would change
/// meaning). Each error names its field (<c>chart[i].number</c>, <c>mapping[i].debit</c>, ...) so a form shows it in place.
/// </summary>
public static class AccountingSetupRules
{
    /// <summary>The kinds that move off-balance accounts (principal and interest tracked off the balance sheet).</summary>
    public static bool IsOffBalance(PostingKind kind) =>
        kind.ToString().StartsWith("OffBalance", StringComparison.Ordinal) || kind.ToString().StartsWith("PrincipalOffBalance", StringComparison.Ordinal);

    public static IReadOnlyList<FieldError> Errors(ChartOfAccounts chart, AccountingMapping mapping, ChartOfAccounts current,
        IReadOnlySet<string> used)
    {
        var errors = new List<FieldError>();
        var accounts = chart.Accounts;
        for (var i = 0; i < accounts.Count; i++)
            if (accounts.Take(i).Any(a => a.Number == accounts[i].Number))
                errors.Add(new($"chart[{i}].number", "account.number_duplicate", $"Số hiệu tài khoản {accounts[i].Number} đã có ở dòng trên."));
        foreach (var number in used.Order(StringComparer.Ordinal))
        {
            if (current.Find(number) is not { } before) continue;
            var index = accounts.ToList().FindIndex(a => a.Number == number);
            if (index < 0)
                errors.Add(new("chart", "account.in_use_removed",
                    $"Tài khoản {number} ({before.Name}) đã có bút toán trên sổ: không được xoá khỏi hệ thống tài khoản."));
            else if (accounts[index].Kind != before.Kind)
                errors.Add(new($"chart[{index}].kind", "account.in_use_kind_changed",
                    $"Tài khoản {number} đã có bút toán trên sổ: không được đổi loại tài khoản."));
        }

        var rules = mapping.Rules;
        foreach (var kind in Enum.GetValues<PostingKind>().Where(k => rules.All(r => r.Kind != k)))
            errors.Add(new("mapping", "mapping.kind_missing", $"Chưa định khoản cho nghiệp vụ {PostingKindText.Name(kind)}."));
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rules.Take(i).Any(r => r.Kind == rule.Kind))
            {
                errors.Add(new($"mapping[{i}].kind", "mapping.kind_duplicate", $"Nghiệp vụ {PostingKindText.Name(rule.Kind)} đã được định khoản ở dòng trên."));
                continue;
            }
            if (rule.Debit == rule.Credit)
                errors.Add(new($"mapping[{i}].credit", "mapping.same_account", "Tài khoản ghi Nợ và tài khoản ghi Có phải khác nhau."));
            foreach (var (side, number, label) in new[] { ("debit", rule.Debit, "ghi Nợ"), ("credit", rule.Credit, "ghi Có") })
            {
                if (chart.Find(number) is not { } account)
                    errors.Add(new($"mapping[{i}].{side}", "mapping.account_not_in_chart", $"Tài khoản {label} {number} không có trong hệ thống tài khoản."));
                else if (IsOffBalance(rule.Kind) && account.Kind != AccountKind.OffBalance)
                    errors.Add(new($"mapping[{i}].{side}", "mapping.off_balance_on_balance_account",
                        $"Nghiệp vụ ngoại bảng {PostingKindText.Name(rule.Kind)} chỉ được ghi vào tài khoản ngoài bảng ({number} không phải)."));
                else if (!IsOffBalance(rule.Kind) && account.Kind == AccountKind.OffBalance)
                    errors.Add(new($"mapping[{i}].{side}", "mapping.on_balance_off_balance_account",
                        $"Nghiệp vụ {PostingKindText.Name(rule.Kind)} không được ghi vào tài khoản ngoài bảng {number}."));
            }
        }
        return errors;
    }
}
