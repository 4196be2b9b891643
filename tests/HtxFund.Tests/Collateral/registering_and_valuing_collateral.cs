using HtxFund.Collateral;
using HtxFund.Identity;
using HtxFund.Tests.Collateral.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Collateral;

public sealed class registering_and_valuing_collateral(AppFixture fixture) : CollateralContext(fixture)
{
    [Fact]
    public async Task a_land_use_right_is_registered_and_each_valuation_is_kept_in_its_history()
    {
        var id = await LandUseRight();
        await Ok(Value(id, 300_000_000, "2026-11-20"));
        AdvanceDays(10);
        await Ok(Value(id, 320_000_000, "2026-12-01"));

        var item = await Item(id);
        (item.CooperativeId, item.MemberId, item.Type, item.CertificateNumber, item.ParcelNumber, item.MapSheet)
            .ShouldBe((CooperativeId, (Guid?)null, CollateralType.LandUseRight, "CS 04512", "125", "17"));
        item.Registration.ShouldBe(new SecuredTransactionRegistration("Văn phòng đăng ký đất đai tỉnh Đắk Lắk", "DK-2026-0815", new LocalDate(2026, 11, 21)));
        item.Valuations.Select(v => (v.Value, v.ValuedOn)).ShouldBe([(300_000_000L, new LocalDate(2026, 11, 20)), (320_000_000L, new LocalDate(2026, 12, 1))]);
        (item.LatestValue, item.LatestValuedOn, item.DeductionRatePercent).ShouldBe((320_000_000L, new LocalDate(2026, 12, 1), 50m));
        item.Version.ShouldBe(3);
    }

    [Fact]
    public async Task a_valuation_dated_in_the_future_is_refused_and_appends_nothing()
    {
        var id = await LandUseRight();
        var (events, version) = (await EventCount(), await StreamVersion(id));

        await (await Value(id, 300_000_000, "2026-11-23")).ShouldBeRefusal(400, "valued_on.in_future");

        (await EventCount()).ShouldBe(events);
        (await StreamVersion(id)).ShouldBe(version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5_000_000)]
    public async Task a_value_of_zero_or_less_is_refused_and_appends_nothing(long value)
    {
        var id = await LandUseRight();
        var events = await EventCount();

        await (await Value(id, value, "2026-11-20")).ShouldBeRefusal(400, "value.not_positive");

        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_land_use_right_needs_its_certificate_parcel_and_map_sheet_and_a_vehicle_its_plate()
    {
        var events = await EventCount();
        await (await RegisterItem(new { cooperativeId = CooperativeId, type = "LandUseRight", owner = "HTX", description = "Đất" }))
            .ShouldBeRefusal(400, "certificate_number.required");
        await (await RegisterItem(new { cooperativeId = CooperativeId, type = "Vehicle", owner = "HTX", description = "Xe tải 5 tấn" }))
            .ShouldBeRefusal(400, "registration_plate.required");
        await (await RegisterItem(new { cooperativeId = CooperativeId, type = "CooperativeGuarantee", owner = "HTX", description = "Bảo lãnh" }))
            .ShouldBeRefusal(400, "member_id.required");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task an_unknown_item_or_cooperative_is_not_found()
    {
        await (await Value(Guid.NewGuid(), 300_000_000, "2026-11-20")).ShouldBeRefusal(404, "collateral.not_found");
        await (await RegisterItem(LandUseRightBody(Guid.NewGuid()))).ShouldBeRefusal(404, "cooperative.not_found");
        (await Get($"/api/collateral-items/{Guid.NewGuid()}", await TokenFor(Roles.Director))).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task only_a_credit_officer_registers_and_values()
    {
        (await RegisterItem(LandUseRightBody(CooperativeId), await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        var id = await LandUseRight();
        (await Value(id, 1, "2026-11-20", await TokenFor(Roles.Director))).Context.Response.StatusCode.ShouldBe(403);
        (await Value(id, 1, "2026-11-20", Coop)).Context.Response.StatusCode.ShouldBe(403);
    }
}
