using HtxFund.Collateral;
using HtxFund.Collateral.Reading;
using HtxFund.Identity;
using HtxFund.Policy;
using HtxFund.Tests.Collateral.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Collateral;

/// <summary>A policy asking 50 % coverage from 300,000,000 ₫ (none below), and an application of 400,000,000 ₫.</summary>
public sealed class requiring_a_minimum_coverage(AppFixture fixture) : CollateralContext(fixture)
{
    private async Task<Alba.IScenarioResult> AdoptCoverage(params CoverageBand[] bands)
    {
        var settings = FundPolicySettings.Default with { Collateral = CollateralSettings.Default with { MinimumCoverage = bands } };
        var token = await TokenFor(Roles.Admin);
        return await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Put.Json(new { settings, reason = "Quy chế cho vay: khoản vay từ 300 triệu đồng cần tài sản bảo đảm", expectedVersion = 1 }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
    }

    private async Task<Guid> GivenAnApplicationUnderAPolicyAskingHalfCoverage()
    {
        await Ok(AdoptCoverage(new CoverageBand(0, 0m), new CoverageBand(300_000_000, 50m)));
        return await Submitted(Request(amount: 400_000_000, investment: 600_000_000, equity: 200_000_000));
    }

    private async Task<Alba.IScenarioResult> Exempt(Guid id, string token) =>
        await Transition(id, "collateral-exemption", new { reason = "HTX có dòng tiền ổn định 5 năm, đánh giá rủi ro thấp", reference = "15/QĐ-QHTX" }, token);

    [Fact]
    public async Task a_recommendation_to_approve_below_the_minimum_is_refused_until_the_director_exempts_the_application()
    {
        var id = await GivenAnApplicationUnderAPolicyAskingHalfCoverage();
        // a land use right of 300,000,000 ₫ pledged in full: 150,000,000 ₫ deductible, 37.5 % of 400,000,000 ₫
        var item = await LandUseRight();
        await Ok(Value(item, 300_000_000, "2026-11-20"));
        await Ok(Pledge(item, id, 100m));
        var events = await EventCount();

        await (await Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)))
            .ShouldBeRefusal(422, "appraisal.coverage_below_minimum");
        (await EventCount()).ShouldBe(events);

        (await Exempt(id, await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        await Ok(Exempt(id, await TokenFor(Roles.Director)));
        await (await Exempt(id, await TokenFor(Roles.Director))).ShouldBeRefusal(409, "collateral_exemption.already_recorded");

        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)));
        var collateral = await (await Get($"/api/loans/{id}/collateral", await TokenFor(Roles.CreditOfficer))).Read<LoanCollateralView>();
        (collateral.DeductibleValue, collateral.CoveragePercent, collateral.RequiredCoveragePercent).ShouldBe((150_000_000L, (decimal?)37.5m, (decimal?)50m));
        collateral.Exemption.ShouldNotBeNull().Reference.ShouldBe("15/QĐ-QHTX");
    }

    [Fact]
    public async Task enough_collateral_needs_no_exemption_and_a_recommendation_to_reject_is_never_held_back()
    {
        var id = await GivenAnApplicationUnderAPolicyAskingHalfCoverage();
        await Ok(Transition(id, "appraisal", Appraisal(400_000_000, "Reject"), await TokenFor(Roles.CreditOfficer)));

        // a deposit of 200,000,000 ₫ pledged in full: 100 % deductible, exactly 50 % of 400,000,000 ₫
        var deposit = await RegisterItem(new { cooperativeId = CooperativeId, type = "Deposit", owner = "Hợp tác xã", description = "Sổ tiết kiệm 12 tháng tại Agribank Ea Kar" });
        deposit.Context.Response.StatusCode.ShouldBe(201, await deposit.ReadAsTextAsync());
        var item = (await deposit.ReadJson()).GetProperty("value").GetGuid();
        await Ok(Value(item, 200_000_000, "2026-11-21"));
        await Ok(Pledge(item, id, 100m));

        await Ok(Transition(id, "appraisal", Appraisal(400_000_000), await TokenFor(Roles.CreditOfficer)));
    }

    [Fact]
    public async Task bands_out_of_order_are_refused()
    {
        var events = await EventCount();
        await (await AdoptCoverage(new CoverageBand(500_000_000, 50m), new CoverageBand(100_000_000, 20m)))
            .ShouldBeRefusal(400, "collateral.minimum_coverage_invalid");
        (await EventCount()).ShouldBe(events);
    }
}
