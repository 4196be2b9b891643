using Alba;
using HtxFund.Identity;
using HtxFund.Policy;
using HtxFund.Policy.GettingHistory;
using HtxFund.Tests.Policy.Fixtures;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Policy;

/// <summary>The repayment backdating window, the credit check's age and the dissolution threshold are versioned with
/// the policy: adopted with validation, visible in its history, read with their former configured defaults from
/// versions adopted before they were part of it.</summary>
public sealed class keeping_operating_rules_in_the_policy(AppFixture fixture) : PolicyContext(fixture)
{
    private static object Adopt(FundPolicySettings settings, int expectedVersion = 1) =>
        new { settings, reason = "Quy chế cho vay sửa đổi", expectedVersion };

    [Fact]
    public async Task the_defaults_are_the_values_the_deployment_settings_had()
    {
        var json = await (await Get("/api/policy", await TokenFor(Roles.Accountant))).ReadJson();

        var settings = json.GetProperty("settings");
        settings.GetProperty("repaymentBackdateDays").GetInt32().ShouldBe(30);
        settings.GetProperty("creditCheckMaxAgeDays").GetInt32().ShouldBe(30);
        settings.GetProperty("dissolutionThresholdPercent").GetDecimal().ShouldBe(20m);
        FundPolicy.Default.Settings.RepaymentBackdateDays.ShouldBe(FundPolicySettings.DefaultRepaymentBackdateDays);
    }

    [Fact]
    public async Task an_admin_adopts_new_values_which_the_policy_and_its_history_show()
    {
        var token = await TokenFor(Roles.Admin);

        var adopted = await PutPolicy(Adopt(FundPolicySettings.Default with
        {
            RepaymentBackdateDays = 7, CreditCheckMaxAgeDays = 90, DissolutionThresholdPercent = 25.5m,
        }), token);

        adopted.Context.Response.StatusCode.ShouldBe(200, await adopted.ReadAsTextAsync());
        var policy = await (await Get("/api/policy", token)).Read<FundPolicy>();
        (policy.Version, policy.Settings.RepaymentBackdateDays, policy.Settings.CreditCheckMaxAgeDays, policy.Settings.DissolutionThresholdPercent)
            .ShouldBe((2, 7, 90, 25.5m));
        var history = await (await Get("/api/policy/history", token)).Read<List<FundPolicyVersion>>();
        history[1].Changes.ShouldBe(new[]
        {
            new PolicyChange("repaymentBackdateDays", "30 ngày", "7 ngày"),
            new PolicyChange("creditCheckMaxAgeDays", "30 ngày", "90 ngày"),
            new PolicyChange("dissolutionThresholdPercent", "20 %", "25.5 %"),
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("backdate", -1, "repayment_backdate_days.out_of_range")]
    [InlineData("backdate", 366, "repayment_backdate_days.out_of_range")]
    [InlineData("credit_check", 0, "credit_check_max_age_days.out_of_range")]
    [InlineData("credit_check", 366, "credit_check_max_age_days.out_of_range")]
    [InlineData("threshold", 0, "dissolution_threshold_percent.out_of_range")]
    [InlineData("threshold", 101, "dissolution_threshold_percent.out_of_range")]
    public async Task values_outside_their_range_are_refused_and_change_nothing(string what, int value, string code)
    {
        var settings = what switch
        {
            "backdate" => FundPolicySettings.Default with { RepaymentBackdateDays = value },
            "credit_check" => FundPolicySettings.Default with { CreditCheckMaxAgeDays = value },
            _ => FundPolicySettings.Default with { DissolutionThresholdPercent = value },
        };

        var refused = await PutPolicy(Adopt(settings), await TokenFor(Roles.Admin));

        await refused.ShouldBeRefusal(400, code);
        (await EventCount()).ShouldBe(0);
    }

    [Theory]
    [InlineData(0, 1, 0.01)]
    [InlineData(365, 365, 100)]
    public async Task the_edges_of_each_range_are_accepted(int backdate, int creditCheck, decimal threshold)
    {
        var adopted = await PutPolicy(Adopt(FundPolicySettings.Default with
        {
            RepaymentBackdateDays = backdate, CreditCheckMaxAgeDays = creditCheck, DissolutionThresholdPercent = threshold,
        }), await TokenFor(Roles.Admin));

        adopted.Context.Response.StatusCode.ShouldBe(200, await adopted.ReadAsTextAsync());
    }

    [Fact]
    public async Task a_version_adopted_before_these_rules_were_in_the_policy_reads_them_as_the_defaults()
    {
        var token = await TokenFor(Roles.Admin);
        (await PutPolicy(Adopt(FundPolicySettings.Default with { SingleBorrowerLimitPercent = 12m, RepaymentBackdateDays = 5 }), token))
            .Context.Response.StatusCode.ShouldBe(200);
        // what an older version of the app stored: the event and the snapshot without the three settings
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            const string without = "#- '{settings,repaymentBackdateDays}' #- '{settings,creditCheckMaxAgeDays}' #- '{settings,dissolutionThresholdPercent}'";
            await using var events = new NpgsqlCommand($"UPDATE htxfund.mt_events SET data = data {without} WHERE type = 'fund_policy_adopted'", conn);
            (await events.ExecuteNonQueryAsync()).ShouldBe(1);
            await using var snapshot = new NpgsqlCommand(
                $"UPDATE htxfund.mt_doc_fundpolicystream SET data = jsonb_set(data, '{{latest}}', (data -> 'latest') {without})", conn);
            (await snapshot.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var policy = await (await Get("/api/policy", token)).Read<FundPolicy>();
        var version2 = (await (await Get("/api/policy/history", token)).Read<List<FundPolicyVersion>>())[1];

        policy.Settings.SingleBorrowerLimitPercent.ShouldBe(12m);
        (policy.Settings.RepaymentBackdateDays, policy.Settings.CreditCheckMaxAgeDays, policy.Settings.DissolutionThresholdPercent).ShouldBe((30, 30, 20m));
        version2.Settings.RepaymentBackdateDays.ShouldBe(30);
    }
}
