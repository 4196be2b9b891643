using Alba;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Applications.Fixtures;

/// <summary>Given-states for the application flow, built through the API.</summary>
public abstract class ApplicationContext(AppFixture fixture) : CooperativeContext(fixture)
{
    protected Guid CooperativeId { get; private set; }
    protected string Coop { get; private set; } = "";
    private string coopUserName = "";

    /// <summary>Fund A with 20,000,000,000 ₫ of charter capital (single-borrower cap 3 bn, group cap 5 bn) and one
    /// registered cooperative with a signed-in cooperative user.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ContributeCapital(20_000_000_000);
        CooperativeId = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer));
        coopUserName = await CreateCooperativeUser(CooperativeId);
        Coop = await TokenForUser(coopUserName);
    }

    /// <summary>Signs the cooperative user in again (a bearer session ends after 8 h of fake time).</summary>
    protected async Task CooperativeSignsInAgain() => Coop = await TokenForUser(coopUserName);

    /// <summary>Registers another cooperative of the fund and signs its user in (one pending application per borrower).</summary>
    protected async Task<string> AnotherCooperative() =>
        await TokenForUser(await CreateCooperativeUser(await RegisteredCooperative(await TokenFor(Roles.CreditOfficer))));

    protected async Task ContributeCapital(long amount, string fund = FundA)
    {
        var result = await Post("/api/capital/contributions", new
        {
            amount, source = "Ngân sách tỉnh", decisionNumber = "1543/QĐ-UBND", decisionDate = "2026-01-10", valueDate = "2026-01-15",
        }, await TokenFor(Roles.ChiefAccountant, fund));
        result.Context.Response.StatusCode.ShouldBeOneOf([200, 201, 204], await result.ReadAsTextAsync());
    }

    protected async Task WithdrawCapital(long amount)
    {
        var result = await Post("/api/capital/withdrawals", new
        {
            amount, source = "Ngân sách tỉnh", decisionNumber = "77/QĐ-UBND", decisionDate = "2026-11-20", valueDate = "2026-11-21",
            reason = "Điều chuyển vốn theo quyết định của UBND tỉnh",
        }, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBeOneOf([200, 201, 204], await result.ReadAsTextAsync());
    }

    public static Dictionary<string, object?> Request(long amount = 2_000_000_000, long investment = 3_000_000_000, long equity = 1_000_000_000) => new()
    {
        ["purpose"] = "Mua máy sấy cà phê và mở rộng kho chứa",
        ["sector"] = "Chế biến cà phê",
        ["totalInvestment"] = investment,
        ["ownEquity"] = equity,
        ["amount"] = amount,
        ["termMonths"] = 36,
        ["method"] = "EqualPrincipal",
        ["frequency"] = "Monthly",
        ["graceMonths"] = 6,
        ["collateral"] = new[] { new { type = "LandUseRight", description = "Quyền sử dụng đất 2.000 m² tại xã Ea Tu", appraisedValue = 2_500_000_000L } },
        ["unsecuredRequested"] = false,
        ["priority"] = new { ethnicMinorityArea = true, ocopProduct = true },
    };

    protected async Task<Guid> Draft(Dictionary<string, object?>? request = null, Guid? memberId = null, string? token = null)
    {
        var result = await Post("/api/applications", new { memberId, request = request ?? Request() }, token ?? Coop);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return Guid.Parse(result.Context.Response.Headers.Location.ToString().Split('/').Last());
    }

    protected async Task<ApplicationView> View(Guid id, string? token = null)
    {
        var result = await Get($"/api/applications/{id}", token ?? await TokenFor(Roles.CreditOfficer));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<ApplicationView>();
    }

    protected async Task<long> VersionOf(Guid id) => (await View(id)).Application.Version;

    /// <summary>Posts a transition with the application's current version, and waits until the messages it cascaded
    /// (a decision's letter) are handled.</summary>
    protected async Task<IScenarioResult> Transition(Guid id, string action, object body, string token)
    {
        var withVersion = System.Text.Json.JsonSerializer.SerializeToNode(body, TestJson.Options)!.AsObject();
        withVersion["version"] = await VersionOf(id);
        return await Tracked(() => Post($"/api/applications/{id}/{action}", withVersion, token));
    }

    /// <summary>Sends a request and waits, with Wolverine's message tracking, until every message it cascaded has been
    /// handled, those sent through the durable queues included (a decision letter, a contract PDF); a failing handler
    /// fails the test.</summary>
    protected async Task<IScenarioResult> Tracked(Func<Task<IScenarioResult>> call)
    {
        IScenarioResult? result = null;
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).IncludeExternalTransports()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await call()));
        return result!;
    }

    protected async Task Ok(Task<IScenarioResult> call)
    {
        var result = await call;
        result.Context.Response.StatusCode.ShouldBeOneOf([200, 201, 204], await result.ReadAsTextAsync());
    }

    protected async Task<Guid> Submitted(Dictionary<string, object?>? request = null)
    {
        var id = await Draft(request);
        await Ok(Transition(id, "submit", new { }, Coop));
        return id;
    }

    public static object Appraisal(long amount, string recommendation = "Approve") => new
    {
        documentsVerified = true,
        verificationNotes = "Đủ hồ sơ pháp lý, báo cáo tài chính 2 năm gần nhất.",
        financialAnalysis = "Doanh thu 4,5 tỷ đồng/năm, lợi nhuận 420 triệu đồng/năm; dòng tiền đủ trả nợ.",
        riskRating = "Medium",
        proposal = new { amount, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = "2026-12-01" },
        collateralValuation = 2_200_000_000L,
        recommendation,
        note = "Đề nghị cho vay.",
    };

    protected async Task<Guid> Appraised(long requested, long proposed, string recommendation = "Approve", string? coopToken = null)
    {
        var token = coopToken ?? Coop;
        var id = await Draft(Request(amount: requested), token: token);
        await Ok(Transition(id, "submit", new { }, token));
        await Ok(Transition(id, "appraisal", Appraisal(proposed, recommendation), await TokenFor(Roles.CreditOfficer)));
        return id;
    }

    protected async Task<string[]> BoardMembers(int count)
    {
        var tokens = new List<string> { await TokenFor(Roles.BoardMember) };
        for (var i = 2; i <= count; i++) tokens.Add(await TokenForUser(await CreateStaffUser($"daklak.board{i}", [Roles.BoardMember])));
        return tokens.ToArray();
    }
}
