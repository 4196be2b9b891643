using Alba;
using HtxFund.Identity;
using HtxFund.Policy;
using HtxFund.Policy.GettingHistory;
using HtxFund.Tests.Policy.Fixtures;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Policy;

/// <summary>Who decides risk handling, with whose approval, the 5-year rule and the council's review cadence are versioned
/// with the policy: defaults from Decree 45/2021 Art 28–29, adopted with validation, in the history, read as the defaults
/// from versions adopted before they existed.</summary>
public sealed class keeping_the_risk_handling_rules_in_the_policy(AppFixture fixture) : PolicyContext(fixture)
{
    private static object Adopt(RiskHandlingSettings risk) =>
        new { settings = FundPolicySettings.Default with { RiskHandling = risk }, reason = "Quy chế xử lý rủi ro sửa đổi", expectedVersion = 1 };

    [Fact]
    public async Task the_defaults_are_the_chairman_the_provincial_alliance_five_years_and_a_quarter()
    {
        var risk = (await (await Get("/api/policy", await TokenFor(Roles.Accountant))).Read<FundPolicy>()).Settings.RiskHandling;

        risk.ShouldBe(new RiskHandlingSettings(5, Roles.Chairman, "Liên minh Hợp tác xã tỉnh", 3));
    }

    [Fact]
    public async Task an_admin_adopts_new_values_which_the_history_shows()
    {
        var token = await TokenFor(Roles.Admin);

        (await PutPolicy(Adopt(new RiskHandlingSettings(6, Roles.BoardMember, "Đại hội thành viên", 1)), token)).Context.Response.StatusCode.ShouldBe(200);

        var history = await (await Get("/api/policy/history", token)).Read<List<FundPolicyVersion>>();
        history[1].Changes.ShouldBe(new[]
        {
            new PolicyChange("riskHandling.minYearsFromProvisionUseToWriteOff", "5 năm", "6 năm"),
            new PolicyChange("riskHandling.decidingRole", "Chủ tịch Quỹ", "Thành viên Hội đồng quản lý"),
            new PolicyChange("riskHandling.approvingBody", "Liên minh Hợp tác xã tỉnh", "Đại hội thành viên"),
            new PolicyChange("riskHandling.reviewEveryMonths", "3 tháng", "1 tháng"),
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(4, "Chairman", "Liên minh Hợp tác xã tỉnh", 3, "risk_handling.min_years_out_of_range")]
    [InlineData(5, "Accountant", "Liên minh Hợp tác xã tỉnh", 3, "risk_handling.deciding_role_unknown")]
    [InlineData(5, "Chairman", " ", 3, "risk_handling.approving_body.required")]
    [InlineData(5, "Chairman", "Liên minh Hợp tác xã tỉnh", 4, "risk_handling.review_every_months_out_of_range")]
    public async Task values_the_decree_does_not_allow_are_refused_and_change_nothing(int years, string role, string body, int months, string code)
    {
        var refused = await PutPolicy(Adopt(new RiskHandlingSettings(years, role, body, months)), await TokenFor(Roles.Admin));

        await refused.ShouldBeRefusal(400, code);
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task a_version_adopted_before_risk_handling_was_in_the_policy_reads_it_as_the_defaults()
    {
        var token = await TokenFor(Roles.Admin);
        (await PutPolicy(Adopt(new RiskHandlingSettings(7, Roles.Director, "UBND tỉnh", 2)), token)).Context.Response.StatusCode.ShouldBe(200);
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var events = new NpgsqlCommand("UPDATE htxfund.mt_events SET data = data #- '{settings,riskHandling}' WHERE type = 'fund_policy_adopted'", conn);
            (await events.ExecuteNonQueryAsync()).ShouldBe(1);
            await using var snapshot = new NpgsqlCommand(
                "UPDATE htxfund.mt_doc_fundpolicystream SET data = jsonb_set(data, '{latest}', (data -> 'latest') #- '{settings,riskHandling}')", conn);
            (await snapshot.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var policy = await (await Get("/api/policy", token)).Read<FundPolicy>();

        policy.Settings.RiskHandling.ShouldBe(RiskHandlingSettings.Default);
    }
}
