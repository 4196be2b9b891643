using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Cooperatives.Searching;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Cooperatives;

public sealed class reading_and_searching_cooperatives(AppFixture fixture) : CooperativeContext(fixture)
{
    private async Task<(Guid EaTu, Guid DaLat, Guid Tht)> ThreeCooperatives(string token)
    {
        var eaTu = await RegisteredCooperative(token, CooperativeScenarios.ValidRegistration(NewTaxCode(), "Hợp tác xã Cà phê Ea Tú"));
        var daLat = await RegisteredCooperative(token, CooperativeScenarios.ValidRegistration(NewTaxCode(), "HTX Rau hoa Đà Lạt")
            .With("province", "Lâm Đồng").With("district", "Thành phố Đà Lạt"));
        var tht = await RegisteredCooperative(token, CooperativeScenarios.ValidRegistration(NewTaxCode(), "Tổ hợp tác dệt thổ cẩm Buôn Đôn")
            .With("type", "ToHopTac").With("memberCount", 7).With("district", "Huyện Buôn Đôn"));
        return (eaTu, daLat, tht);
    }

    private async Task<PagedResult<CooperativeSummary>> Search(string query, string token)
    {
        var result = await Get($"/api/cooperatives?{query}", token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<PagedResult<CooperativeSummary>>();
    }

    [Theory]
    [InlineData("q=Dak%20Lak")]
    [InlineData("q=%C4%90%E1%BA%AFk%20L%E1%BA%AFk")] // Đắk Lắk
    [InlineData("q=DAK%20LAK")]
    public async Task a_search_matches_with_or_without_diacritics(string query)
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var (eaTu, daLat, tht) = await ThreeCooperatives(token);

        var page = await Search(query, token);

        page.Items.Select(x => x.Id).ShouldBe([eaTu, tht], ignoreOrder: true);
        page.TotalCount.ShouldBe(2);
    }

    [Fact]
    public async Task a_search_by_part_of_a_name_ignores_tone_marks()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var (_, _, tht) = await ThreeCooperatives(token);
        (await Search("q=tho%20cam", token)).Items.Single().Id.ShouldBe(tht);
    }

    [Fact]
    public async Task filters_by_province_and_type_combine()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var (eaTu, daLat, tht) = await ThreeCooperatives(token);

        (await Search("province=Lam%20Dong", token)).Items.Single().Id.ShouldBe(daLat);
        (await Search("type=ToHopTac", token)).Items.Single().Id.ShouldBe(tht);
        (await Search("province=Dak%20Lak&type=HopTacXa", token)).Items.Single().Id.ShouldBe(eaTu);
    }

    [Fact]
    public async Task results_are_paged_and_sorted_by_name()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        await ThreeCooperatives(token);

        var first = await Search("pageSize=2&page=1", token);
        var second = await Search("pageSize=2&page=2", token);

        first.TotalCount.ShouldBe(3);
        first.PageCount.ShouldBe(2);
        first.Items.Count.ShouldBe(2);
        second.Items.Count.ShouldBe(1);
        first.Items.Concat(second.Items).Select(x => x.Name)
            .ShouldBe(["HTX Rau hoa Đà Lạt", "Hợp tác xã Cà phê Ea Tú", "Tổ hợp tác dệt thổ cẩm Buôn Đôn"]);
    }

    [Theory]
    [InlineData("province=Narnia", "province.unknown")]
    [InlineData("type=CongTy", "type.unknown")]
    [InlineData("page=0", "page.out_of_range")]
    [InlineData("pageSize=101", "page_size.out_of_range")]
    [InlineData("page=abc", "")]
    public async Task bad_search_parameters_are_refused(string query, string code)
    {
        var result = await Get($"/api/cooperatives?{query}", await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(400);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        (await result.ReadAsTextAsync()).ShouldContain(code);
    }

    [Fact]
    public async Task a_cooperative_user_cannot_list_the_funds_cooperatives()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(staff);
        var coop = await TokenForUser(await CreateCooperativeUser(id));

        (await Get("/api/cooperatives", coop)).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task a_cooperative_user_sees_its_own_cooperative_and_not_another_one()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var own = await RegisteredCooperative(staff);
        var other = await RegisteredCooperative(staff);
        var coop = await TokenForUser(await CreateCooperativeUser(own));

        (await Get($"/api/cooperatives/{own}", coop)).Context.Response.StatusCode.ShouldBe(200);
        var refused = await Get($"/api/cooperatives/{other}", coop);
        refused.Context.Response.StatusCode.ShouldBe(404);
        (await refused.ProblemCode()).ShouldBe("cooperative.not_found");
    }

    [Fact]
    public async Task a_user_of_fund_a_cannot_see_or_change_fund_bs_cooperatives()
    {
        var fundB = await TokenFor(Roles.CreditOfficer, FundB);
        var idInB = await RegisteredCooperative(fundB, CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Lâm Đồng"));
        var fundA = await TokenFor(Roles.Admin, FundA);
        var before = await EventCount();

        (await Get($"/api/cooperatives/{idInB}", fundA)).Context.Response.StatusCode.ShouldBe(404);
        (await Search("", fundA)).TotalCount.ShouldBe(0);
        (await Post($"/api/cooperatives/{idInB}/members", CooperativeScenarios.ValidMember(NewNationalId()), fundA))
            .Context.Response.StatusCode.ShouldBe(404);
        (await EventCount()).ShouldBe(before);
        (await Get($"/api/cooperatives/{idInB}", fundB)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task a_fund_named_in_the_query_string_or_a_header_never_switches_the_tenant()
    {
        var fundB = await TokenFor(Roles.CreditOfficer, FundB);
        var idInB = await RegisteredCooperative(fundB, CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Lâm Đồng"));
        var fundA = await TokenFor(Roles.CreditOfficer, FundA);

        foreach (var (header, value) in new[] { ("tenant", FundB), ("X-Tenant-Id", FundB), ("fund", FundB) })
        {
            var viaHeader = await Host.Scenario(s =>
            {
                s.WithRequestHeader("Authorization", $"Bearer {fundA}");
                s.WithRequestHeader(header, value);
                s.Get.Url($"/api/cooperatives/{idInB}");
                s.IgnoreStatusCode();
            });
            viaHeader.Context.Response.StatusCode.ShouldBe(404);
        }
        (await Get($"/api/cooperatives/{idInB}?tenant={FundB}&fund={FundB}&tenantId={FundB}", fundA)).Context.Response.StatusCode.ShouldBe(404);
        (await Search($"tenant={FundB}&fund={FundB}", fundA)).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task an_unknown_id_is_404_with_a_problem()
    {
        var result = await Get($"/api/cooperatives/{Guid.NewGuid()}", await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(404);
        (await result.ProblemCode()).ShouldBe("cooperative.not_found");
    }

    [Fact]
    public async Task the_read_model_rebuilt_from_events_is_identical()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        var id = await RegisteredCooperative(token);
        await Post($"/api/cooperatives/{id}/members", CooperativeScenarios.ValidMember(NewNationalId()), token);
        var before = await (await Get($"/api/cooperatives/{id}", token)).ReadAsTextAsync();

        await using (var session = Store.LightweightSession(FundA))
        {
            session.Delete<CooperativeDetails>(id);
            await session.SaveChangesAsync();
        }
        (await Get($"/api/cooperatives/{id}", token)).Context.Response.StatusCode.ShouldBe(404);
        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<CooperativeDetailsProjection>(CancellationToken.None);

        (await (await Get($"/api/cooperatives/{id}", token)).ReadAsTextAsync()).ShouldBe(before);
    }
}
