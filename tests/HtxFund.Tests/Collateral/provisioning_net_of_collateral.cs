using HtxFund.Tests.Support;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Collateral;
using HtxFund.Collateral.Reading;
using HtxFund.Identity;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Collateral.Fixtures;
using NodaTime;

namespace HtxFund.Tests.Collateral;

/// <summary>A loan of 400,000,000 ₫ paid out on 22/11/2026 (36 months, 6 months' grace, interest monthly) that never
/// pays: unpaid since 22/12/2026, 99 days past due on 31/03/2027, group 4 (specific rate 50 %, general 0.75 %). A land use
/// right valued 300,000,000 ₫ on 20/11/2026 is pledged to it in full on 22/11/2026.</summary>
public sealed class provisioning_net_of_collateral(AppFixture fixture) : CollateralContext(fixture)
{
    private Guid _loan, _item;

    private async Task GivenAGroup4LoanSecuredByALandUseRight()
    {
        _loan = await SignedLoan(400_000_000, "7/2026/HĐTD-secured");
        await Disbursed(_loan, 400_000_000);
        _item = await LandUseRight();
        await Ok(Value(_item, 300_000_000, "2026-11-20"));
        await Ok(Pledge(_item, _loan, 100m));
        AdvanceTo(new LocalDate(2027, 4, 1));
    }

    private async Task<ClassificationRunView> RunMarch()
    {
        var result = await Post("/api/classification-runs", new { month = "2027-03" }, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<ClassificationRunView>();
    }

    private async Task<CapitalAdequacyReport> Report(long? sequence = null)
    {
        var url = "/api/reports/capital-adequacy?asOf=2027-03-31" + (sequence is { } s ? $"&sequence={s}" : "");
        var result = await Get(url, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalAdequacyReport>();
    }

    [Fact]
    public async Task a_group_4_loan_is_provisioned_on_its_principal_less_half_the_land_use_rights_value_and_the_run_keeps_the_collateral_used()
    {
        await GivenAGroup4LoanSecuredByALandUseRight();

        var run = await RunMarch();

        var loan = run.Loans.ShouldHaveSingleItem();
        loan.Group.ShouldBe(4);
        // deductible 50 % × 300,000,000 × 100 % = 150,000,000; specific 50 % × (400,000,000 − 150,000,000) = 125,000,000;
        // general 0.75 % × 400,000,000 = 3,000,000
        (loan.DeductibleCollateral, loan.SpecificProvision, loan.GeneralProvision, loan.ProvisionRequired)
            .ShouldBe((150_000_000L, 125_000_000L, 3_000_000L, 128_000_000L));
        var valuation = (await Item(_item)).Valuations.ShouldHaveSingleItem().ValuationId;
        loan.Collateral.ShouldNotBeNull().ShouldHaveSingleItem()
            .ShouldBe(new CollateralUsed(_item, CollateralType.LandUseRight, valuation, 300_000_000, new LocalDate(2026, 11, 20), 50m, 100m, 150_000_000));
        run.ProvisionBooked.ShouldBe(128_000_000);

        var report = await Report();
        (report.ProvisionsRequired, report.DeductibleCollateral).ShouldBe((128_000_000L, 150_000_000L));
        report.ByDebtGroup[3].ProvisionRequired.ShouldBe(128_000_000);
        report.Figures.Single(f => f.Code == "provisions.deductible_collateral").Value.ShouldBe(150_000_000m);
    }

    [Fact]
    public async Task a_revaluation_recorded_after_the_run_and_the_report_changes_neither_the_completed_run_nor_the_report_reproduced_at_its_sequence()
    {
        await GivenAGroup4LoanSecuredByALandUseRight();
        var run = await RunMarch();
        var report = await Report();
        report.ProvisionsRequired.ShouldBe(128_000_000);

        // revalued at 600,000,000 ₫ as of 15/03/2027, a date before the cut-off, but recorded on 01/04/2027, after both
        await Ok(Value(_item, 600_000_000, "2027-03-15"));

        (await RunMarch()).ShouldBeEquivalentTo(run);
        var reproduced = await Report(report.HighestSequence);
        (reproduced.ProvisionsRequired, reproduced.DeductibleCollateral).ShouldBe((128_000_000L, 150_000_000L));
        reproduced.Figures.ShouldBe(report.Figures);

        // the report as the log stands now sees the revaluation: 50 % × (400,000,000 − 50 % × 600,000,000) + 3,000,000
        var now = await Report();
        (now.ProvisionsRequired, now.DeductibleCollateral).ShouldBe((53_000_000L, 300_000_000L));
    }

    [Fact]
    public async Task a_pledge_released_after_the_report_is_still_counted_when_the_report_is_reproduced()
    {
        await GivenAGroup4LoanSecuredByALandUseRight();
        var report = await Report();
        report.DeductibleCollateral.ShouldBe(150_000_000);
        // the loan is repaid in full on 01/04/2027, which releases the pledge after the report's sequence
        var payoff = (await Position(_loan, "2027-04-01")).Payoff;
        await Ok(Tracked(async () => await Repay(_loan, payoff, "2027-04-01")));
        (await Item(_item)).PledgedPercent.ShouldBe(0m);

        (await Report(report.HighestSequence)).DeductibleCollateral.ShouldBe(150_000_000);
        (await Report()).DeductibleCollateral.ShouldBe(150_000_000, "released on 01/04/2027, after the as-of date");
    }
}
