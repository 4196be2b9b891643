using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Applications.Deciding;

public sealed class deciding_after_capital_changed(AppFixture fixture) : ApplicationContext(fixture)
{
    [Fact]
    public async Task the_group_limit_is_checked_again_when_the_board_decides()
    {
        var staff = await TokenFor(Roles.CreditOfficer);
        var board = await BoardMembers(3);
        // A related cooperative already holds an approved 2.8 bn loan.
        var related = await RegisteredCooperative(staff, CooperativeScenarios.ValidRegistration(NewTaxCode(), "HTX Dịch vụ nông nghiệp Ea Kly"));
        var relatedUser = await TokenForUser(await CreateCooperativeUser(related));
        var relatedApp = await Draft(Request(amount: 2_800_000_000, investment: 4_000_000_000, equity: 1_200_000_000), token: relatedUser);
        await Ok(Transition(relatedApp, "submit", new { }, relatedUser));
        await Ok(Transition(relatedApp, "appraisal", Appraisal(2_800_000_000), staff));
        foreach (var member in board) await Ok(Transition(relatedApp, "votes", new { vote = "Approve", comment = "" }, member));
        await Ok(Post("/api/borrowers/related-links", new
        {
            a = new { cooperativeId = CooperativeId }, b = new { cooperativeId = related }, kind = "CommonOwnership", note = "Cùng chủ sở hữu",
        }, staff));

        // With 20 bn of capital the group cap is 5 bn: 2.8 + 1.5 = 4.3 bn passes at appraisal.
        var id = await Appraised(requested: 1_500_000_000, proposed: 1_500_000_000);
        // Capital falls to 16 bn: single cap 2.4 bn (1.5 passes), group cap 4 bn (4.3 fails).
        await WithdrawCapital(4_000_000_000);
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[0]));
        await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, board[1]));
        var before = await EventCount();

        var deciding = await Transition(id, "votes", new { vote = "Approve", comment = "" }, board[2]);

        deciding.Context.Response.StatusCode.ShouldBe(422, await deciding.ReadAsTextAsync());
        var json = await deciding.ReadJson();
        json.GetProperty("code").GetString().ShouldBe("application.limits_exceeded");
        json.GetProperty("actualCharterCapital").GetInt64().ShouldBe(16_000_000_000);
        var checks = json.GetProperty("limitChecks").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!, c => c);
        checks["SingleBorrower"].GetProperty("passed").GetBoolean().ShouldBeTrue();
        checks["RelatedGroup"].GetProperty("passed").GetBoolean().ShouldBeFalse();
        checks["RelatedGroup"].GetProperty("value").GetInt64().ShouldBe(4_300_000_000);
        checks["RelatedGroup"].GetProperty("limit").GetInt64().ShouldBe(4_000_000_000);
        (await EventCount()).ShouldBe(before);
        (await View(id)).Application.Status.ShouldBe(ApplicationStatus.Appraised);
    }
}
