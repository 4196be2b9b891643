using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Inspections.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Inspections;

/// <summary>The Director decides the follow-up of a misuse finding (recall or warning): recorded on the inspection and in
/// the loan's history, and the cooperative is notified.</summary>
public sealed class deciding_a_misuse_follow_up(AppFixture fixture) : InspectionContext(fixture)
{
    private static object Decision(string? decision, string? reason = "HTX dùng vốn sai mục đích, không khắc phục.", string? recallBy = null) =>
        new { decision, reason, recallBy };

    [Fact]
    public async Task the_director_decides_a_recall_which_the_loan_history_shows_and_the_cooperative_is_told()
    {
        var (loanId, id) = await DisbursedLoan(number: "33/2026/HĐTD");
        await Recorded(id, usedAsStated: false, share: 40);
        var director = await TokenFor(Roles.Director);
        var url = $"/api/inspections/{id}/follow-up/decision";

        var notices = await NoticesSentBy(async _ => await Ok(Post(url, Decision("Recall", recallBy: "2026-12-31"), director)));

        var notice = notices.ShouldHaveSingleItem();
        notice.Kind.ShouldBe(NoticeKind.LoanUseFollowUpDecided);
        notice.To.CooperativeId.ShouldBe(CooperativeId);
        notice.NoticeId.ShouldBe(InspectionNotices.FollowUpDecidedId(id));
        notice.Body.ShouldContain("31/12/2026");
        var f = (await Inspection(id)).Inspection.FollowUp!;
        (f.Decision, f.RecallBy, f.DecidedOn, f.IsOpen).ShouldBe((MisuseDecision.Recall, new LocalDate(2026, 12, 31), new LocalDate(2026, 11, 22), false));
        var entry = (await Loan(loanId)).History.Last();
        entry.Action.ShouldBe("loan_recall_decided");
        entry.Description.ShouldContain("thu hồi nợ trước hạn (hạn 31/12/2026)");

        await (await Post(url, Decision("Warning"), director)).ShouldBeRefusal(409, "follow_up.already_decided");
    }

    [Fact]
    public async Task a_warning_is_recorded_in_the_loan_history()
    {
        var (loanId, id) = await DisbursedLoan();
        await Recorded(id, usedAsStated: false, share: 50);

        await Ok(Post($"/api/inspections/{id}/follow-up/decision", Decision("Warning", "Cảnh báo lần đầu; HTX cam kết mua máy trong tháng 12."),
            await TokenFor(Roles.Director)));

        var entry = (await Loan(loanId)).History.Last();
        entry.Action.ShouldBe("loan_use_warning_issued");
        entry.Description.ShouldContain("Cảnh báo lần đầu");
    }

    [Fact]
    public async Task every_refusal_has_its_code_and_appends_nothing()
    {
        var (_, used) = await DisbursedLoan();
        await Recorded(used, usedAsStated: true);
        var (_, id) = await DisbursedLoan();
        await Recorded(id, usedAsStated: false, share: 10);
        var director = await TokenFor(Roles.Director);
        var url = $"/api/inspections/{id}/follow-up/decision";
        var events = await EventCount();

        await (await Post($"/api/inspections/{used}/follow-up/decision", Decision("Warning"), director)).ShouldBeRefusal(409, "follow_up.none");
        await (await Post(url, Decision(null), director)).ShouldBeRefusal(400, "decision.required");
        (await Post(url, Decision("Pardon"), director)).Context.Response.StatusCode.ShouldBe(400);
        await (await Post(url, Decision("Warning", reason: " "), director)).ShouldBeRefusal(400, "reason.required");
        await (await Post(url, Decision("Recall"), director)).ShouldBeRefusal(400, "recall_by.required");
        await (await Post(url, Decision("Recall", recallBy: "2026-11-21"), director)).ShouldBeRefusal(400, "recall_by.in_past");
        await (await Post(url, Decision("Warning", recallBy: "2026-12-31"), director)).ShouldBeRefusal(400, "recall_by.not_for_warning");
        foreach (var role in new[] { Roles.CreditOfficer, Roles.BoardMember, Roles.RiskCouncil, Roles.Chairman, Roles.ChiefAccountant })
            await (await Post(url, Decision("Warning"), await TokenFor(role))).ShouldBeRefusal(403, "forbidden");
        await (await Post(url, Decision("Warning"), Coop)).ShouldBeRefusal(403, "forbidden");
        await (await Post(url, Decision("Warning"), await TokenFor(Roles.Director, FundB))).ShouldBeRefusal(404, "inspection.not_found");

        (await EventCount()).ShouldBe(events);
    }
}
