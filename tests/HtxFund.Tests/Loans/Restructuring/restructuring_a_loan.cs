using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Restructuring;
using HtxFund.Loans.Servicing;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Loans.Restructuring;

public sealed class restructuring_a_loan(AppFixture fixture) : LoanContext(fixture)
{
    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    /// <summary>400,000,000 ₫, 36 months, 6-month grace, fully paid out today (22/11/2026).</summary>
    private async Task<(Guid Id, IReadOnlyList<HtxFund.Applications.ScheduleRow> Rows)> PaidOutLoan(string number)
    {
        var id = await SignedLoan(400_000_000, number);
        await Disbursed(id, 400_000_000);
        return (id, (await Loan(id)).Contract!.Schedule);
    }

    private static object Plan(string kind, LocalDate date, params (LocalDate Due, long Principal)[] plan) => new
    {
        kind, date = Iso(date), reason = "Mất mùa cà phê do hạn hán; khả năng trả nợ theo kế hoạch mới (Nghị định 45/2021, Điều 27).",
        plan = plan.Select(p => new { dueDate = Iso(p.Due), principal = p.Principal }).ToArray(),
    };

    private async Task<Guid> Requested(Guid id, object plan, string token)
    {
        var result = await LoanPost(id, "restructurings", plan, token);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<RestructuringReceipt>()).RestructuringId;
    }

    [Fact]
    public async Task a_schedule_adjustment_approved_by_the_director_gives_the_new_schedule_and_group_2_and_its_letter()
    {
        var (id, rows) = await PaidOutLoan("21/2026/HĐTD");
        var both = await TokenForUser(await CreateStaffUser("daklak.officer_and_council", [Roles.CreditOfficer, Roles.RiskCouncil]));
        var today = new LocalDate(2026, 11, 22);
        var plan = Plan("ScheduleAdjustment", today, (rows[11].DueDate, 100_000_000), (rows[^1].DueDate, 300_000_000));
        var restructuring = await Requested(id, plan, both);
        (await Position(id)).RestructuringCount.ShouldBe(0); // nothing changes before the approval

        var events = await EventCount();
        var approval = $"/api/loans/{id}/restructurings/{restructuring}/approval";
        await (await Post(approval, new { }, both)).ShouldBeRefusal(403, "four_eyes.requester_cannot_approve");
        await (await Post(approval, new { }, await TokenFor(Roles.CreditOfficer))).ShouldBeRefusal(403, "forbidden");
        // 400,000,000 ₫ of principal rescheduled: above the Risk Council's 100,000,000 ₫, within the Director's 500,000,000 ₫
        await (await Post(approval, new { }, await TokenFor(Roles.RiskCouncil))).ShouldBeRefusal(403, "approval.tier_exceeded");
        (await EventCount()).ShouldBe(events);
        await Ok(Tracked(async () => await Post(approval, new { }, await TokenFor(Roles.Director))));
        await (await Post(approval, new { }, await TokenFor(Roles.Director))).ShouldBeRefusal(409, "restructuring.not_pending");

        var position = await Position(id);
        position.RestructuringCount.ShouldBe(1);
        position.DebtGroup.ShouldBe(2); // a first restructuring, on time: at least group 2 (Circular 14/2024)
        position.Schedule.Select(i => (i.DueDate, i.Principal)).ShouldBe([(rows[11].DueDate, 100_000_000L), (rows[^1].DueDate, 300_000_000L)]);
        position.FinalDueDate.ShouldBe(rows[^1].DueDate);
        position.NextDueDate.ShouldBe(rows[11].DueDate); // interest now falls due on the plan's dates
        (await Loan(id)).Restructurings.Single().State.ShouldBe(RestructuringState.Approved);
        var letter = await Get($"/api/loans/{id}/decision-letters/{restructuring}", Coop);
        letter.Context.Response.StatusCode.ShouldBe(200, await letter.ReadAsTextAsync());
        var bytes = new MemoryStream();
        await letter.Context.Response.Body.CopyToAsync(bytes);
        var text = HtxFund.Tests.Documents.PdfTools.Text(bytes.ToArray());
        text.ShouldContain("Về việc cơ cấu lại thời hạn trả nợ");
        text.ShouldContain("1/QĐ-CCN");
        text.ShouldContain("21/2026/HĐTD");
        text.ShouldContain("400.000.000");
        text.ShouldContain("GIÁM ĐỐC");
        text.ShouldContain(rows[11].DueDate.ToString("dd/MM/yyyy", null));
        text.ShouldContain(rows[^1].DueDate.ToString("dd/MM/yyyy", null));
        text.ShouldContain("100.000.000");
        text.ShouldContain("300.000.000");

        // paying the first new instalment on its date keeps the loan on time
        AdvanceTo(rows[11].DueDate);
        var due = await Position(id);
        due.PrincipalDue.ShouldBe(100_000_000);
        await Ok(Repay(id, due.AmountDue, Iso(rows[11].DueDate)));
        var after = await Position(id);
        after.PrincipalOutstanding.ShouldBe(300_000_000);
        after.Schedule[0].Status.ShouldBe(InstalmentStatus.Paid);
        after.Schedule[1].Status.ShouldBe(InstalmentStatus.Upcoming);
    }

    [Fact]
    public async Task a_rejected_request_leaves_the_schedule_unchanged_and_a_new_request_may_follow()
    {
        var (id, rows) = await PaidOutLoan("23/2026/HĐTD");
        var today = new LocalDate(2026, 11, 22);
        var officer = await TokenFor(Roles.CreditOfficer);
        var council = await TokenFor(Roles.Director); // 400,000,000 ₫ rescheduled: the Director's tier
        var first = await Requested(id, Plan("ScheduleAdjustment", today, (rows[11].DueDate, 100_000_000), (rows[^1].DueDate, 300_000_000)), officer);
        var rejection = $"/api/loans/{id}/restructurings/{first}/rejection";
        var events = await EventCount();

        await (await Post(rejection, new { reason = "" }, council)).ShouldBeRefusal(400, "reason.required");
        await (await Post(rejection, new { reason = "Không đủ căn cứ." }, officer)).ShouldBeRefusal(403, "forbidden");
        (await EventCount()).ShouldBe(events);
        await Ok(Post(rejection, new { reason = "Chưa chứng minh được nguyên nhân khách quan." }, council));
        await (await Post($"/api/loans/{id}/restructurings/{first}/approval", new { }, council)).ShouldBeRefusal(409, "restructuring.not_pending");

        var position = await Position(id);
        position.RestructuringCount.ShouldBe(0);
        position.DebtGroup.ShouldBe(1);
        position.Schedule.Count.ShouldBe(rows.Count);
        var loan = await Loan(id);
        loan.Restructurings.Single().State.ShouldBe(RestructuringState.Rejected);
        loan.History.Last().Description.ShouldContain("Chưa chứng minh được nguyên nhân khách quan.");

        var second = await Requested(id, Plan("ScheduleAdjustment", today, (rows[^1].DueDate, 400_000_000)), await TokenFor(Roles.CreditOfficer));
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task an_extension_moves_maturity_and_a_second_restructuring_puts_the_loan_in_group_4()
    {
        var (id, rows) = await PaidOutLoan("22/2026/HĐTD");
        var today = new LocalDate(2026, 11, 22);
        var officer = await TokenFor(Roles.CreditOfficer);
        var council = await TokenFor(Roles.Director); // 400,000,000 ₫ rescheduled: the Director's tier

        await (await LoanPost(id, "restructurings", Plan("Extension", today, (rows[^1].DueDate, 400_000_000)), officer))
            .ShouldBeRefusal(422, "restructuring.extension_within_term");
        await (await LoanPost(id, "restructurings", Plan("ScheduleAdjustment", today, (rows[^1].DueDate.PlusMonths(1), 400_000_000)), officer))
            .ShouldBeRefusal(422, "restructuring.adjustment_beyond_term");
        await (await Post($"/api/loans/{id}/restructurings", Plan("Extension", today, (rows[^1].DueDate.PlusMonths(6), 400_000_000)), officer))
            .ShouldBeRefusal(400, "version.required");

        var newMaturity = rows[^1].DueDate.PlusMonths(6);
        var first = await Requested(id, Plan("Extension", today, (rows[5].DueDate, 0), (newMaturity, 400_000_000)), officer);
        await Ok(Tracked(() => Post($"/api/loans/{id}/restructurings/{first}/approval", new { }, council)));
        var extended = await Position(id);
        extended.FinalDueDate.ShouldBe(newMaturity);
        extended.DebtGroup.ShouldBe(2);

        AdvanceTo(today.PlusDays(1));
        var second = await Requested(id, Plan("ScheduleAdjustment", today.PlusDays(1), (newMaturity, 400_000_000)), await TokenFor(Roles.CreditOfficer));
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/restructurings/{second}/approval", new { }, await TokenFor(Roles.Chairman))));
        var twice = await Position(id);
        twice.RestructuringCount.ShouldBe(2);
        twice.DebtGroup.ShouldBe(4); // a second restructuring: at least group 4
        twice.Schedule.Single().DueDate.ShouldBe(newMaturity);
        (await Position(id, Iso(today))).RestructuringCount.ShouldBe(1); // the view before the second restructuring's date
    }
}
