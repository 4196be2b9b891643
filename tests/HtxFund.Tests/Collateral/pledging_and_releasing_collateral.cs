using HtxFund.Collateral;
using HtxFund.Collateral.Pledging;
using HtxFund.Collateral.Reading;
using HtxFund.Identity;
using HtxFund.Tests.Collateral.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Collateral;

public sealed class pledging_and_releasing_collateral(AppFixture fixture) : CollateralContext(fixture)
{
    private async Task<Guid> Pledged(Guid item, Guid loan, decimal share, string? pledgedOn = null)
    {
        var result = await Pledge(item, loan, share, pledgedOn);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<PledgeReceipt>()).PledgeId;
    }

    [Fact]
    public async Task an_item_is_pledged_in_shares_to_several_loans_of_its_borrower_and_never_beyond_100_percent()
    {
        var item = await LandUseRight();
        await Ok(Value(item, 300_000_000, "2026-11-20"));
        var first = await SignedLoan(400_000_000);
        await Disbursed(first, 400_000_000);
        var second = await SignedLoan(100_000_000);
        await Pledged(item, first, 60m);
        var (events, version) = (await EventCount(), await StreamVersion(item));

        await (await Pledge(item, second, 40.01m)).ShouldBeRefusal(422, "collateral.over_pledged");
        (await EventCount()).ShouldBe(events);
        (await StreamVersion(item)).ShouldBe(version);

        await Pledged(item, second, 40m);
        (await Item(item)).PledgedPercent.ShouldBe(100m);
        await (await Pledge(item, second, 1m)).ShouldBeRefusal(409, "collateral.already_pledged");

        // the first loan's collateral today: 300,000,000 × 50 % × 60 % = 90,000,000 ₫ of 400,000,000 ₫ outstanding = 22.5 %
        var collateral = await (await Get($"/api/loans/{first}/collateral", await TokenFor(Roles.Director))).Read<LoanCollateralView>();
        (collateral.DeductibleValue, collateral.CoverageBase, collateral.CoveragePercent).ShouldBe((90_000_000L, 400_000_000L, (decimal?)22.5m));
        collateral.Used.ShouldHaveSingleItem().ShouldBe(new CollateralUsed(item, CollateralType.LandUseRight,
            (await Item(item)).Valuations[0].ValuationId, 300_000_000, new LocalDate(2026, 11, 20), 50m, 60m, 90_000_000));
        // the second, not disbursed: 300,000,000 × 50 % × 40 % = 60,000,000 ₫ of the 100,000,000 ₫ approved
        var second_ = await (await Get($"/api/loans/{second}/collateral", Coop)).Read<LoanCollateralView>();
        (second_.DeductibleValue, second_.CoverageBase, second_.CoveragePercent).ShouldBe((60_000_000L, 100_000_000L, (decimal?)60m));
    }

    [Fact]
    public async Task a_pledge_to_another_borrowers_loan_or_an_unknown_loan_is_refused_and_appends_nothing()
    {
        var item = await LandUseRight();
        var theirs = await SignedLoan(100_000_000, coopToken: await AnotherCooperative());
        var events = await EventCount();

        await (await Pledge(item, theirs, 50m)).ShouldBeRefusal(422, "collateral.other_borrower");
        await (await Pledge(item, Guid.NewGuid(), 50m)).ShouldBeRefusal(404, "loan.not_found");
        await (await Pledge(Guid.NewGuid(), theirs, 50m)).ShouldBeRefusal(404, "collateral.not_found");
        await (await Pledge(item, theirs, 0m)).ShouldBeRefusal(400, "share_percent.out_of_range");
        await (await Pledge(item, theirs, 101m)).ShouldBeRefusal(400, "share_percent.out_of_range");

        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_pledge_is_not_released_while_its_loan_is_open_and_appends_nothing()
    {
        var item = await LandUseRight();
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);
        var pledge = await Pledged(item, loan, 100m);
        var (events, version) = (await EventCount(), await StreamVersion(item));

        await (await Release(item, pledge)).ShouldBeRefusal(409, "pledge.loan_open");

        (await EventCount()).ShouldBe(events);
        (await StreamVersion(item)).ShouldBe(version);
        (await Item(item)).Pledges.ShouldHaveSingleItem().IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task a_loan_repaid_in_full_releases_its_pledges_by_itself()
    {
        var item = await LandUseRight();
        var other = await LandUseRight();
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);
        var kept = await SignedLoan(100_000_000);
        var first = await Pledged(item, loan, 70m);
        await Pledged(item, kept, 30m);
        await Pledged(other, loan, 100m);

        AdvanceTo(new LocalDate(2026, 12, 1));
        await CooperativeSignsInAgain();
        var payoff = (await Position(loan, "2026-12-01")).Payoff;
        var repaid = await Tracked(async () => await Repay(loan, payoff, "2026-12-01"));
        repaid.Context.Response.StatusCode.ShouldBe(201, await repaid.ReadAsTextAsync());
        (await Loan(loan)).ClosedOn.ShouldBe(new LocalDate(2026, 12, 1));

        var released = await Item(item);
        released.Pledges.Single(p => p.PledgeId == first).ShouldSatisfyAllConditions(
            p => p.ReleasedOn.ShouldBe(new LocalDate(2026, 12, 1)), p => p.ReleaseReason.ShouldBe(PledgeReleaseReason.LoanClosed));
        released.Pledges.Single(p => p.LoanId == kept).IsActive.ShouldBeTrue("a pledge to another loan stays");
        released.PledgedPercent.ShouldBe(30m);
        (await Item(other)).Pledges.ShouldHaveSingleItem().ReleasedOn.ShouldBe(new LocalDate(2026, 12, 1));

        // nothing left to release by hand, and the released share can be pledged again
        await (await Release(item, first)).ShouldBeRefusal(409, "pledge.already_released");
        var next = await Approved(100_000_000);
        await Pledged(item, next, 70m);
        (await Item(item)).PledgedPercent.ShouldBe(100m);
    }
}
