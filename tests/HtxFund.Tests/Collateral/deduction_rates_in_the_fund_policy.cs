using HtxFund.Collateral;
using HtxFund.Identity;
using HtxFund.Policy;
using HtxFund.Tests.Collateral.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Collateral;

public sealed class deduction_rates_in_the_fund_policy(AppFixture fixture) : CollateralContext(fixture)
{
    private Task<Alba.IScenarioResult> Adopt(CollateralSettings rates, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(new { settings = FundPolicySettings.Default with { Collateral = rates }, reason = "Quy chế cho vay sửa đổi 2026", expectedVersion = 1 })
            .ToUrl("/api/policy");
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task the_defaults_are_the_decree_86_maximum_rates_and_an_adopted_rate_values_the_collateral()
    {
        var policy = await (await Get("/api/policy", await TokenFor(Roles.CreditOfficer))).Read<FundPolicy>();
        policy.Settings.Collateral.ShouldBe(new CollateralSettings(50m, 50m, 30m, 30m, 30m, 100m, 0m, 0m));

        var item = await LandUseRight();
        await Ok(Value(item, 300_000_000, "2026-11-20"));
        var loan = await SignedLoan(400_000_000);
        await Ok(Pledge(item, loan, 100m));
        await Ok(Adopt(CollateralSettings.Default with { LandUseRightPercent = 40m }, await TokenFor(Roles.Admin)));

        (await Item(item)).DeductionRatePercent.ShouldBe(40m);
        var collateral = await (await Get($"/api/loans/{loan}/collateral", await TokenFor(Roles.CreditOfficer)))
            .Read<HtxFund.Collateral.Reading.LoanCollateralView>();
        collateral.DeductibleValue.ShouldBe(120_000_000, "300,000,000 × 40 %");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(33.333)]
    public async Task a_rate_outside_0_to_100_percent_is_refused_and_appends_nothing(decimal rate)
    {
        var events = await EventCount();

        await (await Adopt(CollateralSettings.Default with { DepositPercent = rate }, await TokenFor(Roles.Admin)))
            .ShouldBeRefusal(400, "collateral.rate_out_of_range");

        (await EventCount()).ShouldBe(events);
    }
}
