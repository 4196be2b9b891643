using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Listing;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Loans.Officers;

public sealed class filtering_the_portfolio_by_officer(AppFixture fixture) : OfficerContext(fixture)
{
    /// <summary>Three loans: A (Buôn Ma Thuột, coffee, the cooperative's priorities) stays with the appraiser; B (Cư M'gar,
    /// pepper, priorities none on either side) and C (Cư M'gar, coffee, women-managed on the application) move to the second officer.</summary>
    private async Task<(Guid A, Guid B, Guid C)> Portfolio()
    {
        var a = await Approved();
        var plain = new { womenManaged = false, ethnicMinorityArea = false, ocopProduct = false, agriculturalValueChain = false, highTech = false };
        var cuMgar = await CooperativeIn("Huyện Cư M'gar", plain);
        var b = await Approved(coopToken: cuMgar, request: Request(amount: 400_000_000).With("sector", "Trồng hồ tiêu").With("priority", plain));
        var cuMgar2 = await CooperativeIn("huyện cư m'gar", plain);
        var c = await Approved(coopToken: cuMgar2, request: Request(amount: 400_000_000).With("priority", new { womenManaged = true }));
        var second = await UserId(SecondOfficer);
        (await Transfer(new { loanIds = new[] { b, c }, toOfficerId = second, reason = "Địa bàn Cư M'gar" })).Context.Response.StatusCode.ShouldBe(200);
        return (a, b, c);
    }

    private async Task<string> CooperativeIn(string district, object priority) =>
        await TokenForUser(await CreateCooperativeUser(await RegisteredCooperative(await TokenFor(Roles.CreditOfficer),
            CooperativeScenarios.ValidRegistration(NewTaxCode()).With("district", district).With("priority", priority))));

    private async Task<Guid[]> Listed(string query, string role = Roles.BoardMember)
    {
        var result = await Get($"/api/loans?{query}", await TokenFor(role));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return (await result.Read<PagedResult<LoanSummary>>()).Items.Select(i => i.Id).OrderBy(x => x).ToArray();
    }

    private static Guid[] Sorted(params Guid[] ids) => ids.OrderBy(x => x).ToArray();

    [Fact]
    public async Task each_filter_keeps_the_loans_it_names()
    {
        var (a, b, c) = await Portfolio();
        var second = await UserId(SecondOfficer);

        (await Listed($"officer={second}")).ShouldBe(Sorted(b, c));
        (await Listed($"officer={await UserId(Appraiser)}")).ShouldBe(Sorted(a));
        (await Listed("officer=none")).ShouldBeEmpty();
        (await Listed("officer=me", Roles.CreditOfficer)).ShouldBe(Sorted(a));
        (await Listed("district=Huy%E1%BB%87n%20C%C6%B0%20M'gar")).ShouldBe(Sorted(b, c));
        (await Listed("sector=Tr%E1%BB%93ng%20h%E1%BB%93%20ti%C3%AAu")).ShouldBe(Sorted(b));
        (await Listed("priority=none")).ShouldBe(Sorted(b));
        (await Listed("priority=womenManaged")).ShouldBe(Sorted(c));
        (await Listed("priority=ocopProduct")).ShouldBe(Sorted(a));
        (await Listed($"officer={second}&sector=Ch%E1%BA%BF%20bi%E1%BA%BFn%20c%C3%A0%20ph%C3%AA")).ShouldBe(Sorted(c));
    }

    [Fact]
    public async Task the_list_and_its_export_show_the_officer_district_and_sector()
    {
        var (_, b, _) = await Portfolio();

        var items = (await (await Get("/api/loans", await TokenFor(Roles.RiskCouncil))).Read<PagedResult<LoanSummary>>()).Items;
        var row = items.Single(i => i.Id == b);
        row.OfficerName.ShouldBe(SecondOfficer);
        row.OfficerId.ShouldBe(await UserId(SecondOfficer));
        row.District.ShouldBe("Huyện Cư M'gar");
        row.Sector.ShouldBe("Trồng hồ tiêu");

        var csv = await (await Get($"/api/loans/export.csv?officer={await UserId(SecondOfficer)}", await TokenFor(Roles.Director))).ReadAsTextAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldEndWith(";Cán bộ tín dụng;Huyện;Ngành");
        lines.Length.ShouldBe(3);
        lines.Skip(1).ShouldAllBe(l => l.Contains($";{SecondOfficer};"));
    }

    [Fact]
    public async Task bad_filters_are_refused()
    {
        await (await Get("/api/loans?officer=someone", await TokenFor(Roles.Director))).ShouldBeRefusal(400, "officer.format");
        await (await Get("/api/loans?priority=rich", await TokenFor(Roles.Director))).ShouldBeRefusal(400, "priority.unknown");
        await (await Get("/api/applications?officer=x", await TokenFor(Roles.Director))).ShouldBeRefusal(400, "officer.format");
    }

    [Fact]
    public async Task the_portfolio_roles_read_the_list_and_any_loan_of_their_fund_only()
    {
        var (a, _, _) = await Portfolio();
        foreach (var role in new[] { Roles.CreditOfficer, Roles.BoardMember, Roles.RiskCouncil, Roles.Director, Roles.Chairman })
        {
            (await Listed("", role)).Length.ShouldBe(3);
            (await Get($"/api/loans/{a}", await TokenFor(role))).Context.Response.StatusCode.ShouldBe(200);
        }
        (await Get($"/api/loans/{a}", await TokenFor(Roles.BoardMember, FundB))).Context.Response.StatusCode.ShouldBe(404);
        (await (await Get("/api/loans", await TokenFor(Roles.BoardMember, FundB))).Read<PagedResult<LoanSummary>>()).TotalCount.ShouldBe(0);
        (await (await Get($"/api/loans?officer={await UserId(Appraiser)}", await TokenFor(Roles.Director, FundB))).Read<PagedResult<LoanSummary>>())
            .TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task the_application_queue_filters_and_shows_the_officer()
    {
        var (a, b, c) = await Portfolio();
        var other = await AnotherCooperative();
        var pending = await Draft(Request(amount: 300_000_000), token: other);
        await Ok(Transition(pending, "submit", new { }, other));

        var none = await (await Get("/api/applications?officer=none", await TokenFor(Roles.Director))).ReadJson();
        none.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([pending]);
        var second = await (await Get($"/api/applications?status=Approved&officer={await UserId(SecondOfficer)}", await TokenFor(Roles.Director))).ReadJson();
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).OrderBy(x => x).ShouldBe(Sorted(b, c));
        second.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("officerName").GetString() == SecondOfficer);
        var mine = await (await Get("/api/applications?status=Approved&officer=me", await TokenFor(Roles.CreditOfficer))).ReadJson();
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([a]);
    }
}
