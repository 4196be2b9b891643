using Alba;
using HtxFund.Identity;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.Loans.Officers;

/// <summary>Given-states for officer portfolios: a second credit officer of fund A, user ids, stream versions.</summary>
public abstract class OfficerContext(AppFixture fixture) : LoanContext(fixture)
{
    public const string SecondOfficer = "daklak.cbtd2";

    /// <summary>The seeded credit officer of fund A (who appraises every application of the fixtures).</summary>
    protected static string Appraiser => UserName(FundA, Roles.CreditOfficer);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateStaffUser(SecondOfficer, [Roles.CreditOfficer]);
    }

    protected async Task<Guid> UserId(string userName)
    {
        await using var session = Store.QuerySession();
        return (await session.Query<UserAccount>().SingleAsync(x => x.UserName == userName)).Id;
    }

    protected async Task<long> StreamVersion(Guid id, string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamStateAsync(id))!.Version;
    }

    protected async Task<IScenarioResult> Reassign(Guid id, object body, string? token = null) =>
        await Post($"/api/loans/{id}/officer", body, token ?? await TokenFor(Roles.Director));

    protected async Task<IScenarioResult> Transfer(object body, string? token = null) =>
        await Post("/api/loans/officer-transfers", body, token ?? await TokenFor(Roles.Director));

    /// <summary>Runs <paramref name="call"/> and checks the refusal's status, code and Vietnamese message, and that nothing was
    /// appended: every stream keeps its version and the store holds as many events as before.</summary>
    protected async Task<System.Text.Json.JsonElement> RefusedAndUnchanged(Func<Task<IScenarioResult>> call, int status, string code,
        params Guid[] streams)
    {
        var versions = new List<long>();
        foreach (var s in streams) versions.Add(await StreamVersion(s));
        var events = await EventCount();
        var result = await call();
        await result.ShouldBeRefusal(status, code);
        var json = await result.ReadJson();
        json.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        var after = new List<long>();
        foreach (var s in streams) after.Add(await StreamVersion(s));
        after.ShouldBe(versions);
        (await EventCount()).ShouldBe(events);
        return json;
    }

    protected async Task ForbiddenAndUnchanged(Func<Task<IScenarioResult>> call, params Guid[] streams)
    {
        var events = await EventCount();
        var result = await call();
        result.Context.Response.StatusCode.ShouldBe(403, await result.ReadAsTextAsync());
        (await EventCount()).ShouldBe(events);
    }
}
