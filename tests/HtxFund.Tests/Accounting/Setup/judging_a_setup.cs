using FsCheck;
using FsCheck.Xunit;
using HtxFund.Accounting.Setup;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending.Accounting;

namespace HtxFund.Tests.Accounting.Setup;

/// <summary>The pure rules of a setup (<see cref="AccountingSetupRules"/>) over the default chart and mapping and random
/// changes to them: the defaults pass in any order of their lines, and each kind of breach is named at its field.</summary>
public class judging_a_setup
{
    private static readonly ChartOfAccounts Chart = AccountingDefaults.Chart;
    private static readonly IReadOnlyList<PostingRule> Rules = AccountingDefaults.Mapping.Rules;
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    private static IReadOnlyList<FieldError> Errors(ChartOfAccounts chart, IReadOnlyList<PostingRule> rules, IReadOnlySet<string>? used = null) =>
        AccountingSetupRules.Errors(chart, new AccountingMapping(rules), Chart, used ?? None);

    [Fact]
    public void the_off_balance_kinds_are_the_four_that_move_0041_and_0042()
    {
        Enum.GetValues<PostingKind>().Where(AccountingSetupRules.IsOffBalance).ShouldBe([PostingKind.OffBalanceInterestIncreased,
            PostingKind.OffBalanceInterestDecreased, PostingKind.PrincipalOffBalanceIn, PostingKind.PrincipalOffBalanceOut], ignoreOrder: true);
    }

    [Property(MaxTest = 100)]
    public bool the_defaults_pass_in_any_order_with_any_accounts_used(int seed, int usedMask)
    {
        var shuffled = Rules.OrderBy(_ => new Random(seed).Next()).ToArray();
        var used = Chart.Accounts.Where((_, i) => (usedMask >> (i % 31) & 1) == 1).Select(a => a.Number).ToHashSet();
        return Errors(Chart, shuffled, used).Count == 0;
    }

    [Property(MaxTest = 100)]
    public bool a_rule_crediting_its_debit_account_is_named_at_its_credit(NonNegativeInt index)
    {
        var i = index.Get % Rules.Count;
        var rules = Rules.Select((r, k) => k == i ? r with { Credit = r.Debit } : r).ToArray();
        return Errors(Chart, rules).Single() is { Code: "mapping.same_account" } e && e.Field == $"mapping[{i}].credit";
    }

    [Property(MaxTest = 100)]
    public bool an_unmapped_kind_is_named(NonNegativeInt index)
    {
        var i = index.Get % Rules.Count;
        var rules = Rules.Where((_, k) => k != i).ToArray();
        return Errors(Chart, rules).Single() is { Code: "mapping.kind_missing", Field: "mapping" };
    }

    [Property(MaxTest = 100)]
    public bool moving_a_rule_across_the_balance_sheet_line_is_refused(NonNegativeInt index)
    {
        var i = index.Get % Rules.Count;
        var rule = Rules[i];
        // an off-balance kind onto cash, any other kind onto the off-balance contra account
        var moved = AccountingSetupRules.IsOffBalance(rule.Kind) ? rule with { Debit = AccountingDefaults.Cash }
            : rule with { Debit = AccountingDefaults.OffBalanceContra };
        var expected = AccountingSetupRules.IsOffBalance(rule.Kind) ? "mapping.off_balance_on_balance_account" : "mapping.on_balance_off_balance_account";
        var rules = Rules.Select((r, k) => k == i ? moved : r).ToArray();
        return Errors(Chart, rules).Any(e => e.Code == expected && e.Field == $"mapping[{i}].debit");
    }

    [Property(MaxTest = 100)]
    public bool a_used_account_can_be_renamed_but_not_removed_nor_change_kind(NonNegativeInt index)
    {
        var account = Chart.Accounts[index.Get % Chart.Accounts.Count];
        var used = new HashSet<string> { account.Number };
        var renamed = new ChartOfAccounts(Chart.Accounts.Select(a => a == account ? a with { Name = a.Name + " (đổi tên)" } : a).ToArray());
        var otherKind = account.Kind == AccountKind.Equity ? AccountKind.Liability : AccountKind.Equity;
        var rekinded = new ChartOfAccounts(Chart.Accounts.Select(a => a == account ? a with { Kind = otherKind } : a).ToArray());
        var removed = new ChartOfAccounts(Chart.Accounts.Where(a => a != account).ToArray());
        return Errors(renamed, Rules, used).All(e => e.Code != "account.in_use_kind_changed" && e.Code != "account.in_use_removed")
            && Errors(rekinded, Rules, used).Any(e => e.Code == "account.in_use_kind_changed")
            && Errors(removed, Rules, used).Any(e => e.Code == "account.in_use_removed");
    }
}
