using HtxFund.Tests.Support;
using Alba;
using HtxFund.Collateral;
using HtxFund.Collateral.Reading;
using HtxFund.Identity;
using HtxFund.Tests.Loans.Fixtures;
using Marten;

namespace HtxFund.Tests.Collateral.Fixtures;

/// <summary>Given-states for the collateral register, built through the API on top of <see cref="LoanContext"/> (fund A,
/// the fixture's cooperative, today 22/11/2026): items registered, valued and pledged by the credit officer.</summary>
public abstract class CollateralContext(AppFixture fixture) : LoanContext(fixture)
{
    public static object LandUseRightBody(Guid cooperativeId, Guid? memberId = null) => new
    {
        cooperativeId, memberId, type = "LandUseRight", owner = "Hợp tác xã Nông nghiệp Ea Kar",
        description = "Quyền sử dụng đất nông nghiệp 2 ha tại xã Ea Kmút, huyện Ea Kar",
        certificateNumber = "CS 04512", parcelNumber = "125", mapSheet = "17",
        registrationOffice = "Văn phòng đăng ký đất đai tỉnh Đắk Lắk", registrationNumber = "DK-2026-0815", registrationDate = "2026-11-21",
    };

    protected async Task<IScenarioResult> RegisterItem(object body, string? token = null) =>
        await Post("/api/collateral-items", body, token ?? await TokenFor(Roles.CreditOfficer));

    /// <summary>A land use right registered for <paramref name="cooperativeId"/> (default the fixture's cooperative).</summary>
    protected async Task<Guid> LandUseRight(Guid? cooperativeId = null)
    {
        var result = await RegisterItem(LandUseRightBody(cooperativeId ?? CooperativeId));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.ReadJson()).GetProperty("value").GetGuid();
    }

    protected async Task<IScenarioResult> Value(Guid item, long value, string valuedOn, string? token = null) =>
        await Post($"/api/collateral-items/{item}/valuations", new { value, valuedOn, method = "So sánh giá thị trường", valuer = "Công ty thẩm định giá Đắk Lắk" },
            token ?? await TokenFor(Roles.CreditOfficer));

    protected async Task<IScenarioResult> Pledge(Guid item, Guid loanId, decimal sharePercent, string? pledgedOn = null, string? token = null) =>
        await Post($"/api/collateral-items/{item}/pledges", new { loanId, sharePercent, pledgedOn }, token ?? await TokenFor(Roles.CreditOfficer));

    protected async Task<IScenarioResult> Release(Guid item, Guid pledgeId, string? token = null) =>
        await Post($"/api/collateral-items/{item}/pledges/{pledgeId}/release", new { }, token ?? await TokenFor(Roles.CreditOfficer));

    protected async Task<CollateralItemView> Item(Guid id, string? token = null)
    {
        var result = await Get($"/api/collateral-items/{id}", token ?? await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CollateralItemView>();
    }

    /// <summary>The stream version of an item (what a refused command must leave unchanged).</summary>
    protected async Task<long> StreamVersion(Guid id)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Events.FetchStreamStateAsync(id))?.Version ?? 0;
    }
}
