using HtxFund.Accounting;
using HtxFund.Accounting.Setup;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Support;
using Marten.Events;
using NodaTime;

namespace HtxFund.Tests.Accounting.Setup;

/// <summary>The chief accountant adopts versions of the fund's chart of accounts and mapping; the books' readers see the
/// version in force and the history; a setup that breaks a rule is refused with its code and appends nothing.</summary>
public sealed class adopting_the_accounting_setup(AppFixture fixture) : IntegrationContext(fixture)
{
    private static List<Dictionary<string, object?>> DefaultChart() => AccountingDefaults.Chart.Accounts
        .Select(a => new Dictionary<string, object?> { ["number"] = a.Number, ["name"] = a.Name, ["kind"] = a.Kind.ToString(), ["tracksObject"] = a.TracksObject })
        .ToList();

    private static List<Dictionary<string, object?>> DefaultMapping() => AccountingDefaults.Mapping.Rules
        .Select(r => new Dictionary<string, object?> { ["kind"] = r.Kind.ToString(), ["debit"] = r.Debit, ["credit"] = r.Credit })
        .ToList();

    private static Dictionary<string, object?> Rule(List<Dictionary<string, object?>> mapping, PostingKind kind) =>
        mapping.Single(r => (string)r["kind"]! == kind.ToString());

    private async Task<Alba.IScenarioResult> Adopt(int expectedVersion, List<Dictionary<string, object?>> chart, List<Dictionary<string, object?>> mapping,
        string? reason = "Mở tài khoản chi tiết theo yêu cầu quản lý của quỹ.", string role = Roles.ChiefAccountant) =>
        await Post("/api/accounting/setup", new { expectedVersion, chart, mapping, reason }, await TokenFor(role));

    private async Task<long> BooksVersion()
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Events.FetchStreamStateAsync(FundBooks.StreamId))?.Version ?? 0;
    }

    private async Task<AccountingSetupView> InForce(string role = Roles.Accountant, string fund = FundA)
    {
        var result = await Get("/api/accounting/setup", await TokenFor(role, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<AccountingSetupView>();
    }

    [Fact]
    public async Task the_defaults_are_version_1_and_an_adopted_version_is_in_force_with_its_history()
    {
        var first = await InForce();
        first.Version.ShouldBe(1);
        first.Chart.Select(a => a.Number).ShouldBe(AccountingDefaults.Chart.Accounts.Select(a => a.Number).Order(StringComparer.Ordinal));
        first.Mapping.Count.ShouldBe(Enum.GetValues<PostingKind>().Length);
        first.AdoptedBy.ShouldBeNull();

        var chart = DefaultChart();
        chart.Add(new() { ["number"] = "51511", ["name"] = "Doanh thu lãi cho vay hợp tác xã", ["kind"] = "Income", ["tracksObject"] = false });
        var mapping = DefaultMapping();
        Rule(mapping, PostingKind.InterestAccrued)["credit"] = "51511";
        Rule(mapping, PostingKind.InterestAccrualReversed)["debit"] = "51511";
        var result = await Adopt(1, chart, mapping);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());

        var second = await InForce(Roles.Director);
        second.Version.ShouldBe(2);
        second.Chart.Single(a => a.Number == "51511").ShouldBe(new LedgerAccount("51511", "Doanh thu lãi cho vay hợp tác xã", AccountKind.Income));
        second.Mapping.Single(r => r.Kind == PostingKind.InterestAccrued).ShouldBe(new PostingRule(PostingKind.InterestAccrued, "13881", "51511"));
        second.AdoptedBy.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        second.Reason.ShouldBe("Mở tài khoản chi tiết theo yêu cầu quản lý của quỹ.");

        // the adopted version goes on: version 3 from version 2
        Rule(mapping, PostingKind.InterestAccrued)["credit"] = "5151";
        Rule(mapping, PostingKind.InterestAccrualReversed)["debit"] = "5151";
        (await Adopt(2, chart, mapping, "Hợp nhất lại doanh thu lãi.")).Context.Response.StatusCode.ShouldBe(201);

        var versions = await (await Get("/api/accounting/setup/versions", await TokenFor(Roles.Chairman))).Read<IReadOnlyList<AccountingSetupVersion>>();
        versions.Select(v => (v.Version, v.AdoptedBy, v.Reason)).ShouldBe([
            (3, UserName(FundA, Roles.ChiefAccountant), "Hợp nhất lại doanh thu lãi."),
            (2, UserName(FundA, Roles.ChiefAccountant), "Mở tài khoản chi tiết theo yêu cầu quản lý của quỹ."),
            (1, null, null)]);
        versions[0].AdoptedAt.ShouldBe(Clock.GetCurrentInstant());
        versions[0].Accounts.ShouldBe(AccountingDefaults.Chart.Accounts.Count + 1);

        // another fund keeps its own setup; only the books' readers read it; only the chief accountant adopts
        (await InForce(Roles.Accountant, FundB)).Version.ShouldBe(1);
        (await Get("/api/accounting/setup", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/accounting/setup/versions", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        (await Adopt(3, chart, mapping, role: Roles.Accountant)).Context.Response.StatusCode.ShouldBe(403);
        (await Adopt(3, chart, mapping, role: Roles.Director)).Context.Response.StatusCode.ShouldBe(403);
        (await BooksVersion()).ShouldBe(2);
    }

    public static TheoryData<string, int, string> Breaches() => new()
    {
        { "number_not_digits", 400, "account.number_format" },
        { "number_too_short", 400, "account.number_format" },
        { "number_duplicate", 400, "account.number_duplicate" },
        { "name_empty", 400, "account.name_required" },
        { "name_too_long", 400, "account.name_required" },
        { "kind_unmapped", 400, "mapping.kind_missing" },
        { "kind_mapped_twice", 400, "mapping.kind_duplicate" },
        { "debit_is_credit", 400, "mapping.same_account" },
        { "account_not_in_chart", 400, "mapping.account_not_in_chart" },
        { "off_balance_kind_on_balance_sheet", 400, "mapping.off_balance_on_balance_account" },
        { "kind_on_off_balance_account", 400, "mapping.on_balance_off_balance_account" },
        { "used_account_removed", 400, "account.in_use_removed" },
        { "used_account_kind_changed", 400, "account.in_use_kind_changed" },
        { "reason_missing", 400, "reason.required" },
        { "stale_version", 409, "setup.version_conflict" },
        { "unchanged", 422, "setup.unchanged" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task a_setup_breaking_a_rule_is_refused_with_its_code_and_appends_nothing(string breach, int status, string code)
    {
        // the journal has lines on 1121 and 4111: a charter contribution posted by the journal's projection
        var contribution = await Post("/api/capital/contributions", new
        {
            amount = 10_000_000_000L, source = "Ngân sách tỉnh", decisionNumber = "1543/QĐ-UBND", decisionDate = "2026-01-10", valueDate = "2026-01-15",
        }, await TokenFor(Roles.ChiefAccountant));
        contribution.Context.Response.StatusCode.ShouldBe(201, await contribution.ReadAsTextAsync());
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var (chart, mapping, reason, version) = (DefaultChart(), DefaultMapping(), "Sửa hệ thống tài khoản.", 1);
        Dictionary<string, object?> Account(string number) => chart.Single(a => (string)a["number"]! == number);
        switch (breach)
        {
            case "number_not_digits": Account("711")["number"] = "71a"; break;
            case "number_too_short": Account("711")["number"] = "71"; break;
            case "number_duplicate": Account("711")["number"] = "414"; break;
            case "name_empty": Account("711")["name"] = "  "; break;
            case "name_too_long": Account("711")["name"] = new string('t', 201); break;
            case "kind_unmapped": mapping.Remove(Rule(mapping, PostingKind.RecoveryReceived)); break;
            case "kind_mapped_twice": mapping.Add(new() { ["kind"] = "RecoveryReceived", ["debit"] = "1121", ["credit"] = "711" }); break;
            case "debit_is_credit": Rule(mapping, PostingKind.RecoveryReceived)["credit"] = "1121"; break;
            case "account_not_in_chart": Rule(mapping, PostingKind.RecoveryReceived)["credit"] = "7111"; break;
            case "off_balance_kind_on_balance_sheet": Rule(mapping, PostingKind.PrincipalOffBalanceIn)["debit"] = "1283"; break;
            case "kind_on_off_balance_account": Rule(mapping, PostingKind.RecoveryReceived)["credit"] = "009"; break;
            case "used_account_removed":
                chart.Remove(Account("4111"));
                foreach (var r in mapping) foreach (var side in new[] { "debit", "credit" }) if ((string)r[side]! == "4111") r[side] = "4118";
                break;
            case "used_account_kind_changed": Account("4111")["kind"] = "Liability"; break;
            case "reason_missing": reason = " "; break;
            case "stale_version": version = 0; break;
            case "unchanged": break;
            default: throw new ArgumentOutOfRangeException(nameof(breach));
        }
        var events = await EventCount();

        await (await Adopt(version, chart, mapping, reason)).ShouldBeRefusal(status, code);

        (await EventCount()).ShouldBe(events);
        (await BooksVersion()).ShouldBe(0);
        (await InForce()).ShouldSatisfyAllConditions(s => s.Version.ShouldBe(1), s => s.AccountsInUse.ShouldBe(["1121", "4111"]));
    }

    [Fact]
    public async Task a_refusal_names_the_field_of_each_error()
    {
        var (chart, mapping) = (DefaultChart(), DefaultMapping());
        chart.Single(a => (string)a["number"]! == "711")["number"] = "71a";
        var index = chart.FindIndex(a => (string)a["number"]! == "71a");
        var malformed = await Adopt(1, chart, mapping);
        malformed.Context.Response.StatusCode.ShouldBe(400);
        (await malformed.ReadJson()).GetProperty("fieldCodes").GetProperty($"chart[{index}].number")[0].GetString().ShouldBe("account.number_format");

        chart = DefaultChart();
        Rule(mapping, PostingKind.Disbursement)["credit"] = "1283";
        var rule = mapping.FindIndex(r => (string)r["kind"]! == "Disbursement");
        var broken = await Adopt(1, chart, mapping);
        broken.Context.Response.StatusCode.ShouldBe(400);
        (await broken.ReadJson()).GetProperty("fieldCodes").GetProperty($"mapping[{rule}].credit")[0].GetString().ShouldBe("mapping.same_account");
    }
}
