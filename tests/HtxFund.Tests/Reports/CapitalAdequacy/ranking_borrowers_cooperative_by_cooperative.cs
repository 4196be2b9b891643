using HtxFund.Borrowers;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Classification;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

/// <summary>The report reads the loan book borrower by borrower, each cooperative's loans together, and ranks a
/// cooperative's borrowers when its loans end: a cooperative and its member still make one related group.</summary>
public sealed class ranking_borrowers_cooperative_by_cooperative(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    private async Task<Guid> ApprovedForMember(Guid memberId, long amount)
    {
        var id = await Draft(Request(amount: amount), memberId: memberId, token: Coop);
        await Ok(Transition(id, "submit", new { }, Coop));
        await Ok(Transition(id, "appraisal", Appraisal(amount), await TokenFor(Roles.CreditOfficer)));
        await Ok(Transition(id, "decision", new
        {
            approve = true,
            terms = new { amount, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = Today },
        }, await TokenFor(Roles.Director)));
        return id;
    }

    [Fact]
    public async Task a_cooperative_and_its_member_make_one_group_and_each_cooperative_reached_counts_once()
    {
        var added = await Post($"/api/cooperatives/{CooperativeId}/members", CooperativeScenarios.ValidMember(NewNationalId(), "Nguyễn Thị Hoa"),
            await TokenFor(Roles.CreditOfficer));
        added.Context.Response.StatusCode.ShouldBe(201, await added.ReadAsTextAsync());
        var member = (await added.Read<CooperativeMemberView>()).MemberId;
        var coopLoan = await SignedLoan(400_000_000, "31/2026/HĐTD");
        await Disbursed(coopLoan, 400_000_000);
        var memberLoan = await ApprovedForMember(member, 100_000_000);
        var secondCoopLoan = await SignedLoan(200_000_000, "32/2026/HĐTD");
        await Disbursed(secondCoopLoan, 150_000_000);
        await Approved(50_000_000, coopToken: await AnotherCooperative());

        var report = await Report(Today);

        var coop = new BorrowerRef(CooperativeId);
        report.LargestBorrowers.Select(b => (b.Key, b.Exposure)).ShouldBe(
        [
            (coop.Key(), 600_000_000L),
            (new BorrowerRef(CooperativeId, member).Key(), 100_000_000L),
            (report.LargestBorrowers[2].Key, 50_000_000L),
        ]);
        report.LargestGroups.Select(g => (g.Borrowers, g.Exposure)).ShouldBe([(2, 700_000_000L), (1, 50_000_000L)]);
        // named after the borrower whose first loan comes first in the database's id order
        var coopFirst = ClassificationRuns.CompareAsDatabase(coopLoan, memberLoan) < 0;
        report.LargestGroups[0].Key.ShouldBe(coopFirst ? coop.Key() : new BorrowerRef(CooperativeId, member).Key());
        report.LargestGroups[0].Name.ShouldEndWith(" và 1 người có liên quan");
        // two loans of the same cooperative paid out this month: one cooperative reached
        report.LendingInMonth.ShouldBe(new LendingInPeriod(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 22), 2, 550_000_000, 1));
        report.Reconciliation.Balanced.ShouldBeTrue();
    }
}
