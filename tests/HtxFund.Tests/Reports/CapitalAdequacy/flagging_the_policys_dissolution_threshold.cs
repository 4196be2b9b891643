using Alba;
using HtxFund.Identity;
using HtxFund.Policy;
using HtxFund.Tests.Reports.Fixtures;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

/// <summary>The capital-adequacy report flags outstanding / equity against the threshold of the fund's policy.</summary>
public sealed class flagging_the_policys_dissolution_threshold(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    [Fact]
    public async Task the_report_compares_outstanding_to_equity_with_the_threshold_the_policy_sets()
    {
        await BuildPortfolio();
        var underDefault = await Report();
        underDefault.OutstandingToEquityPercent!.Value.ShouldBeInRange(10.01m, 19.99m);
        (underDefault.DissolutionThresholdPercent, underDefault.BelowDissolutionThreshold).ShouldBe((20m, true));

        var admin = await TokenFor(Roles.Admin);
        var adopted = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings = FundPolicySettings.Default with { DissolutionThresholdPercent = 10m }, reason = "Điều lệ quỹ", expectedVersion = 1 })
                .ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        adopted.Context.Response.StatusCode.ShouldBe(200, await adopted.ReadAsTextAsync());

        var underPolicy = await Report(AsOfText);
        (underPolicy.DissolutionThresholdPercent, underPolicy.BelowDissolutionThreshold).ShouldBe((10m, false));
        underPolicy.Figures.Single(f => f.Code == "equity.below_threshold").Label.ShouldContain("Dưới ngưỡng 10%");
    }
}
