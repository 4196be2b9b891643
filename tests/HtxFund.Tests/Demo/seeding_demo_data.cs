using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Demo;
using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Demo;

public sealed class seeding_demo_data(AppFixture fixture) : IntegrationContext(fixture)
{
    public override async Task InitializeAsync()
    {
        Clock.Reset(AppFixture.Start);
        await ResetDataAsync(); // the demo seeds its own funds and users
    }

    private async Task Seed()
    {
        using var scope = Host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();
    }

    [Fact]
    public async Task the_demo_holds_two_funds_each_with_a_dozen_cooperatives_their_members_and_a_user_per_role()
    {
        await Seed();

        foreach (var fund in DemoCatalog.Funds)
        {
            await using var session = Store.QuerySession(fund.TenantId);
            var cooperatives = await session.Query<CooperativeDetails>().ToListAsync();
            cooperatives.Count.ShouldBe(12);
            cooperatives.ShouldAllBe(c => c.Members.Count > 0);
            cooperatives.Select(c => c.TaxCode).ShouldBe(
                DemoCatalog.Cooperatives.Where(c => c.TenantId == fund.TenantId).Select(c => c.TaxCode), ignoreOrder: true);
        }
        await using var users = Store.QuerySession();
        var accounts = await users.Query<HtxFund.Identity.UserAccount>().ToListAsync();
        accounts.Count.ShouldBe(DemoCatalog.Users.Count);
        foreach (var fund in DemoCatalog.Funds)
            Roles.All.ShouldAllBe(role => accounts.Any(a => a.FundId == fund.TenantId && a.Roles.Contains(role)));
    }

    [Fact]
    public async Task each_demo_fund_has_its_charter_capital()
    {
        await Seed();
        foreach (var fund in DemoCatalog.Funds)
        {
            await using var session = Store.QuerySession(fund.TenantId);
            (await HtxFund.Capital.FundCapital.ActualCharterCapitalAsync(session, new NodaTime.LocalDate(2026, 11, 22), CancellationToken.None))
                .Dong.ShouldBe(fund.CharterCapitalDong);
        }
    }

    [Fact]
    public async Task seeding_twice_adds_nothing()
    {
        await Seed();
        var events = await EventCount();

        await Seed();

        (await EventCount()).ShouldBe(events);
        await using var users = Store.QuerySession();
        (await users.Query<HtxFund.Identity.UserAccount>().CountAsync()).ShouldBe(DemoCatalog.Users.Count);
    }

    [Fact]
    public async Task the_demo_central_fund_staff_read_the_consolidated_report_of_both_provincial_funds()
    {
        await Seed();
        var demo = DemoCatalog.Users.Single(u => u.TenantId == DemoCatalog.Central && u.Role == Roles.ChiefAccountant);

        var result = await Get("/api/reports/capital-adequacy/consolidated", await TokenForDemo(demo.UserName, demo.Password));

        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var consolidated = await result.Read<HtxFund.Reports.CapitalAdequacy.ConsolidatedCapitalAdequacy>();
        consolidated.Funds.Select(f => f.FundId).ShouldBe([DemoCatalog.DakLak, DemoCatalog.LamDong]);
        consolidated.Table.Rows.Single(r => r.Code == "capital.charter_capital").Values
            .ShouldBe([50_000_000_000m, 150_000_000_000m, 200_000_000_000m]);
    }

    [Fact]
    public async Task a_demo_cooperative_user_signs_in_and_sees_its_own_cooperative()
    {
        await Seed();
        var demo = DemoCatalog.Users.First(u => u.Role == Roles.Cooperative && u.TenantId == DemoCatalog.DakLak);

        var token = await TokenForDemo(demo.UserName, demo.Password);
        var me = await (await Get("/api/me", token)).Read<MeResponse>();
        var cooperative = await (await Get($"/api/cooperatives/{me.CooperativeId}", token)).Read<CooperativeDetails>();

        cooperative.TaxCode.ShouldBe(demo.CooperativeTaxCode);
        cooperative.Province.ShouldBe("Đắk Lắk");
    }

    [Fact]
    public async Task a_demo_credit_officer_finds_cooperatives_by_name_without_diacritics()
    {
        await Seed();
        var demo = DemoCatalog.Users.First(u => u.Role == Roles.CreditOfficer && u.TenantId == DemoCatalog.LamDong);
        var token = await TokenForDemo(demo.UserName, demo.Password);

        var target = DemoCatalog.Cooperatives.First(c => c.TenantId == DemoCatalog.LamDong && c.Name != HtxFund.Reference.VietnameseText.Fold(c.Name));
        var plain = HtxFund.Reference.VietnameseText.Fold(target.Name).ToUpperInvariant();

        var found = await (await Get($"/api/cooperatives?q={Uri.EscapeDataString(plain)}", token))
            .Read<HtxFund.Infrastructure.Http.PagedResult<HtxFund.Cooperatives.Searching.CooperativeSummary>>();

        found.Items.Select(c => c.TaxCode).ShouldContain(target.TaxCode);
        found.Items.ShouldAllBe(c => c.Province == "Lâm Đồng");
    }

    private async Task<string> TokenForDemo(string userName, string password)
    {
        var login = await Login(userName, password);
        login.Context.Response.StatusCode.ShouldBe(200, await login.ReadAsTextAsync());
        return (await login.ReadJson()).GetProperty("accessToken").GetString()!;
    }
}
