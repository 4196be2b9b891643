using HtxFund.Identity;
using HtxFund.Identity.Users;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Identity;

public sealed class managing_users(AppFixture fixture) : CooperativeContext(fixture)
{
    private static object NewUser(string userName, string[] roles, Guid? cooperativeId = null, string password = "Mat-khau-moi-2026") =>
        new { userName, displayName = "Phạm Thị Lan", email = "lan@example.vn", password, roles, cooperativeId };

    [Fact]
    public async Task an_admin_creates_a_user_of_their_fund_who_can_then_sign_in()
    {
        var created = await Post("/api/users", NewUser("daklak.lan", [Roles.CreditOfficer]), await TokenFor(Roles.Admin));

        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
        var view = await created.Read<UserView>();
        view.FundId.ShouldBe(FundA);
        view.Roles.ShouldBe([Roles.CreditOfficer]);
        (await Login("daklak.lan", "Mat-khau-moi-2026")).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task an_admin_binds_a_cooperative_user_to_a_cooperative_of_the_fund()
    {
        var admin = await TokenFor(Roles.Admin);
        var cooperative = await RegisteredCooperative(admin);

        var created = await Post("/api/users", NewUser("htx.eatu", [Roles.Cooperative], cooperative), admin);

        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
        (await created.Read<UserView>()).CooperativeId.ShouldBe(cooperative);
    }

    [Fact]
    public async Task a_cooperative_of_another_fund_cannot_be_bound()
    {
        var otherFundCoop = await RegisteredCooperative(await TokenFor(Roles.Admin, FundB),
            CooperativeScenarios.ValidRegistration(NewTaxCode()).With("province", "Lâm Đồng"));

        var result = await Post("/api/users", NewUser("htx.khac", [Roles.Cooperative], otherFundCoop), await TokenFor(Roles.Admin));

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("cooperative_id.not_found");
    }

    [Theory]
    [InlineData("ab", new[] { "CreditOfficer" }, "Mat-khau-moi-2026", "user_name.format")]
    [InlineData("Có Dấu", new[] { "CreditOfficer" }, "Mat-khau-moi-2026", "user_name.format")]
    [InlineData("daklak.x", new[] { "Wizard" }, "Mat-khau-moi-2026", "roles.unknown")]
    [InlineData("daklak.x", new string[0], "Mat-khau-moi-2026", "roles.required")]
    [InlineData("daklak.x", new[] { "CreditOfficer" }, "short1", "password.too_short")]
    [InlineData("daklak.x", new[] { "CreditOfficer" }, "1qaz2wsx3edc4rfv", "password.common")]
    [InlineData("daklak.x", new[] { "CreditOfficer" }, "daklak.x-mua-xuan-2026", "password.contains_user_name")]
    [InlineData("daklak.x", new[] { "Cooperative" }, "Mat-khau-moi-2026", "cooperative_id.required")]
    [InlineData("daklak.x", new[] { "Cooperative", "Director" }, "Mat-khau-moi-2026", "roles.cooperative_exclusive")]
    public async Task invalid_users_are_refused(string userName, string[] roles, string password, string code)
    {
        var result = await Post("/api/users", NewUser(userName, roles, password: password), await TokenFor(Roles.Admin));
        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain(code);
    }

    [Fact]
    public async Task a_user_name_is_unique_across_funds()
    {
        var result = await Post("/api/users", NewUser(UserName(FundB, Roles.Director), [Roles.Director]), await TokenFor(Roles.Admin));
        result.Context.Response.StatusCode.ShouldBe(409);
        (await result.ProblemCode()).ShouldBe("user.duplicate_user_name");
    }

    [Fact]
    public async Task only_admins_manage_users()
    {
        var result = await Post("/api/users", NewUser("daklak.y", [Roles.CreditOfficer]), await TokenFor(Roles.Director));
        result.Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/users", await TokenFor(Roles.ChiefAccountant))).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task the_user_list_shows_only_the_admins_fund()
    {
        var users = await (await Get("/api/users", await TokenFor(Roles.Admin))).Read<List<UserView>>();
        users.ShouldNotBeEmpty();
        users.ShouldAllBe(u => u.FundId == FundA);
    }

    [Fact]
    public async Task disabling_a_user_ends_their_sessions_and_blocks_sign_in()
    {
        var victimToken = await TokenFor(Roles.Accountant);
        var users = await (await Get("/api/users", await TokenFor(Roles.Admin))).Read<List<UserView>>();
        var accountant = users.Single(u => u.UserName == UserName(FundA, Roles.Accountant));

        var disabled = await PostWithoutBody($"/api/users/{accountant.Id}/disable", await TokenFor(Roles.Admin));

        disabled.Context.Response.StatusCode.ShouldBe(200);
        (await Get("/api/me", victimToken)).Context.Response.StatusCode.ShouldBe(401);
        (await (await Login(accountant.UserName, Password)).ProblemCode()).ShouldBe("auth.invalid_credentials");

        (await PostWithoutBody($"/api/users/{accountant.Id}/enable", await TokenFor(Roles.Admin))).Context.Response.StatusCode.ShouldBe(200);
        (await Login(accountant.UserName, Password)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task an_admin_cannot_disable_a_user_of_another_fund_or_themselves()
    {
        var fundBUsers = await (await Get("/api/users", await TokenFor(Roles.Admin, FundB))).Read<List<UserView>>();
        var fundAAdmin = await TokenFor(Roles.Admin);

        var other = await PostWithoutBody($"/api/users/{fundBUsers[0].Id}/disable", fundAAdmin);
        other.Context.Response.StatusCode.ShouldBe(404);

        var me = await (await Get("/api/me", fundAAdmin)).Read<HtxFund.Identity.SigningIn.MeResponse>();
        var self = await PostWithoutBody($"/api/users/{me.UserId}/disable", fundAAdmin);
        self.Context.Response.StatusCode.ShouldBe(409);
        (await self.ProblemCode()).ShouldBe("user.cannot_disable_self");
    }
}
