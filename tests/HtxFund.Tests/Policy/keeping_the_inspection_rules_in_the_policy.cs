using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Policy;
using HtxFund.Policy.GettingHistory;
using HtxFund.Tests.Policy.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Policy;

/// <summary>When an inspection of loan use falls due and when its officer is told are versioned with the policy: defaults
/// 30 and 3 days, adopted with validation, in the history.</summary>
public sealed class keeping_the_inspection_rules_in_the_policy(AppFixture fixture) : PolicyContext(fixture)
{
    private static object Adopt(InspectionSettings inspections) =>
        new { settings = FundPolicySettings.Default with { Inspections = inspections }, reason = "Quy chế kiểm tra sử dụng vốn vay", expectedVersion = 1 };

    [Fact]
    public async Task the_defaults_are_thirty_days_after_disbursement_and_a_notice_three_days_before()
    {
        var settings = (await (await Get("/api/policy", await TokenFor(Roles.CreditOfficer))).Read<FundPolicy>()).Settings.Inspections;

        settings.ShouldBe(new InspectionSettings(30, 3));
    }

    [Fact]
    public async Task an_admin_adopts_new_values_which_the_history_shows()
    {
        var token = await TokenFor(Roles.Admin);

        (await PutPolicy(Adopt(new InspectionSettings(15, 5)), token)).Context.Response.StatusCode.ShouldBe(200);

        var history = await (await Get("/api/policy/history", token)).Read<List<FundPolicyVersion>>();
        history[1].Changes.ShouldBe(new[]
        {
            new PolicyChange("inspections.dueDays", "30 ngày sau giải ngân", "15 ngày sau giải ngân"),
            new PolicyChange("inspections.noticeDaysBefore", "3 ngày trước hạn", "5 ngày trước hạn"),
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(0, 3, "inspections.due_days_out_of_range")]
    [InlineData(181, 3, "inspections.due_days_out_of_range")]
    [InlineData(30, -1, "inspections.notice_days_out_of_range")]
    [InlineData(30, 31, "inspections.notice_days_out_of_range")]
    public async Task days_out_of_range_are_refused_and_change_nothing(int dueDays, int noticeDays, string code)
    {
        var refused = await PutPolicy(Adopt(new InspectionSettings(dueDays, noticeDays)), await TokenFor(Roles.Admin));

        await refused.ShouldBeRefusal(400, code);
        (await EventCount()).ShouldBe(0);
    }
}
