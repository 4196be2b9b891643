using HtxFund.Tests.Support;
using HtxFund.Collateral.Reading;
using HtxFund.Identity;
using HtxFund.Tests.Collateral.Fixtures;

namespace HtxFund.Tests.Collateral;

public sealed class reading_the_register_by_borrower(AppFixture fixture) : CollateralContext(fixture)
{
    [Fact]
    public async Task a_cooperative_sees_only_its_own_items_and_cannot_change_them()
    {
        var own = await LandUseRight();
        var other = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        var theirs = await LandUseRight(other);

        var mine = await (await Get("/api/collateral-items", Coop)).Read<IReadOnlyList<CollateralItemView>>();
        mine.Select(i => i.Id).ShouldBe([own]);
        // asking for the other cooperative's register still answers its own only
        (await (await Get($"/api/collateral-items?cooperativeId={other}", Coop)).Read<IReadOnlyList<CollateralItemView>>()).Select(i => i.Id).ShouldBe([own]);
        (await Get($"/api/collateral-items/{theirs}", Coop)).Context.Response.StatusCode.ShouldBe(404);
        (await Item(own, Coop)).Id.ShouldBe(own);
        (await Value(own, 100_000_000, "2026-11-20", Coop)).Context.Response.StatusCode.ShouldBe(403);

        // staff read the whole register, by borrower
        var all = await (await Get("/api/collateral-items", await TokenFor(Roles.BoardMember))).Read<IReadOnlyList<CollateralItemView>>();
        all.Select(i => i.Id).ShouldBe([theirs, own], ignoreOrder: true);
        (await (await Get($"/api/collateral-items?cooperativeId={other}", await TokenFor(Roles.RiskCouncil))).Read<IReadOnlyList<CollateralItemView>>())
            .Select(i => i.Id).ShouldBe([theirs]);
    }

    [Fact]
    public async Task another_funds_staff_do_not_see_the_item()
    {
        var own = await LandUseRight();

        (await Get($"/api/collateral-items/{own}", await TokenFor(Roles.Director, FundB))).Context.Response.StatusCode.ShouldBe(404);
        (await (await Get("/api/collateral-items", await TokenFor(Roles.Director, FundB))).Read<IReadOnlyList<CollateralItemView>>()).ShouldBeEmpty();
        await (await Value(own, 100_000_000, "2026-11-20", await TokenFor(Roles.CreditOfficer, FundB))).ShouldBeRefusal(404, "collateral.not_found");
    }
}
