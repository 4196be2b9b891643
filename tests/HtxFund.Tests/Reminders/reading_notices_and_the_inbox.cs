using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reminders;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Reminders.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Reminders;

public sealed class reading_notices_and_the_inbox(AppFixture fixture) : ReminderContext(fixture)
{
    private async Task<NotificationPage> Inbox(string token, string query = "")
    {
        var result = await Get($"/api/notifications{query}", token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<NotificationPage>();
    }

    private async Task<PagedResult<Reminder>> List(string token, string query = "")
    {
        var result = await Get($"/api/reminders{query}", token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<PagedResult<Reminder>>();
    }

    /// <summary>Daily runs from today to a day after the first due date (skipping the days between 7 days before it and
    /// then): the fixture's cooperative has a 7-day reminder and an overdue notice; an application submitted today
    /// alerted the credit officer and the director when about to exceed its target, then when it had.</summary>
    private async Task<Guid> NoticesAndAlerts()
    {
        var (id, due) = await DisbursedLoan(number: "31/2026/HĐTD-EATU");
        await Submitted(Request(amount: 400_000_000));
        for (var day = Clock.GetCurrentInstant().InUtc().Date.PlusDays(1); day <= due.PlusDays(-7); day = day.PlusDays(1))
        {
            AdvanceTo(day);
            await RunDailyJob();
        }
        AdvanceTo(due.PlusDays(1));
        await RunDailyJob();
        return id;
    }

    [Fact]
    public async Task every_user_reads_their_own_inbox_with_an_unread_count_and_marks_notifications_read()
    {
        await NoticesAndAlerts();

        var director = await TokenFor(Roles.Director);
        var inbox = await Inbox(director);
        inbox.UnreadCount.ShouldBe(2); // about to exceed, then exceeded
        inbox.Items.Count.ShouldBe(2);
        inbox.Items.ShouldAllBe(n => !n.Read && n.Kind != ReminderKind.OverdueInstalment);
        inbox.Items[0].CreatedAt.ShouldBeGreaterThan(inbox.Items[1].CreatedAt); // newest first

        var read = await PostWithoutBody($"/api/notifications/{inbox.Items[0].Id}/read", director);
        read.Context.Response.StatusCode.ShouldBe(200, await read.ReadAsTextAsync());
        (await read.Read<NotificationView>()).Read.ShouldBeTrue();
        (await Inbox(director)).UnreadCount.ShouldBe(1);
        (await Inbox(director, "?unreadOnly=true")).Items.ShouldHaveSingleItem().Id.ShouldBe(inbox.Items[1].Id);

        // the credit officer's copy of the same alert is still unread
        (await Inbox(await TokenFor(Roles.CreditOfficer))).UnreadCount.ShouldBe(2);
        (await Inbox(await TokenFor(Roles.Accountant))).TotalCount.ShouldBe(0);

        var all = await PostWithoutBody("/api/notifications/read-all", director);
        (await all.Read<ReadAllResult>()).Marked.ShouldBe(1);
        (await Inbox(director)).UnreadCount.ShouldBe(0);
    }

    [Fact]
    public async Task a_cooperative_user_sees_its_cooperatives_notices_and_nobody_elses()
    {
        await NoticesAndAlerts();

        var coop = await CoopNow();
        var inbox = await Inbox(coop);
        inbox.Items.Select(n => n.Kind).ShouldBe([ReminderKind.OverdueInstalment, ReminderKind.UpcomingInstalment]);
        inbox.Items[0].Title.ShouldBe("Thông báo nợ quá hạn: hợp đồng 31/2026/HĐTD-EATU, kỳ 1 quá hạn 1 ngày");
        inbox.Items[0].Link.ShouldBe($"/api/reminders/{inbox.Items[0].ReminderId}/notice");

        // a second user of the same cooperative, created later, sees the same notices, with its own read marks
        var colleague = await ColleagueOfCoop();
        await PostWithoutBody($"/api/notifications/{inbox.Items[0].Id}/read", coop);
        (await Inbox(coop)).UnreadCount.ShouldBe(1);
        (await Inbox(colleague)).UnreadCount.ShouldBe(2);

        var stranger = await AnotherCooperative();
        (await Inbox(stranger)).TotalCount.ShouldBe(0);
        var foreign = await PostWithoutBody($"/api/notifications/{inbox.Items[0].Id}/read", stranger);
        await foreign.ShouldBeRefusal(404, "notification.not_found");
        var staffs = await PostWithoutBody($"/api/notifications/{inbox.Items[0].Id}/read", await TokenFor(Roles.Director));
        await staffs.ShouldBeRefusal(404, "notification.not_found");
    }

    [Fact]
    public async Task staff_see_what_was_sent_to_whom_and_when_and_a_cooperative_only_its_own_notices()
    {
        var loanId = await NoticesAndAlerts();
        var staff = await TokenFor(Roles.Accountant);

        var all = await List(staff);
        all.TotalCount.ShouldBe(6); // 7-day reminder, overdue notice, 2 × (about to exceed, exceeded)
        all.Items.ShouldAllBe(r => r.Status == ReminderStatus.Sent && r.Deliveries.All(d => d.State == DeliveryState.Delivered && d.At != null));
        var overdue = (await List(staff, "?kind=OverdueInstalment")).Items.ShouldHaveSingleItem();
        overdue.LoanId.ShouldBe(loanId);
        overdue.Deliveries.ShouldHaveSingleItem().Address.ShouldBe("htx.eatu@example.vn");
        (await List(staff, $"?loanId={loanId}")).TotalCount.ShouldBe(2);
        (await List(staff, $"?from={Iso(Clock.GetCurrentInstant().InUtc().Date)}")).TotalCount.ShouldBe(1);
        (await List(staff, "?status=Cancelled")).TotalCount.ShouldBe(0);

        var coop = await CoopNow();
        var own = await List(coop);
        own.Items.Select(r => r.Kind).Order().ShouldBe([ReminderKind.UpcomingInstalment, ReminderKind.OverdueInstalment]);
        (await List(coop, "?kind=ProcessingLate")).TotalCount.ShouldBe(0);
        (await List(await AnotherCooperative())).TotalCount.ShouldBe(0);

        var alert = all.Items.First(r => r.Audience == ReminderAudience.Staff);
        await (await Get($"/api/reminders/{alert.Id}", coop)).ShouldBeRefusal(404, "reminder.not_found");
        (await Get($"/api/reminders/{overdue.Id}", coop)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task the_notice_pdf_is_downloadable_by_the_cooperative_and_staff_with_the_amounts_due_that_day()
    {
        await NoticesAndAlerts();
        var overdue = (await List(await TokenFor(Roles.CreditOfficer), "?kind=OverdueInstalment")).Items.Single();
        var mailed = Attachment(Mail().Single(m => m.Attachments.Any()));

        var coop = await CoopNow();
        foreach (var token in new[] { coop, await TokenFor(Roles.Director) })
        {
            var download = await Get($"/api/reminders/{overdue.Id}/notice", token);
            download.Context.Response.StatusCode.ShouldBe(200);
            download.Context.Response.ContentType.ShouldBe("application/pdf");
            var buffer = new MemoryStream();
            await download.Context.Response.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            bytes.ShouldBe(mailed); // the same document the email carried
            var text = await PdfText(bytes);
            text.ShouldContain(Amount(overdue.Amounts!.TotalDue));
            text.ShouldContain("31/2026/HĐTD-EATU");
        }

        var stranger = await Get($"/api/reminders/{overdue.Id}/notice", await AnotherCooperative());
        await stranger.ShouldBeRefusal(404, "reminder_notice.not_found");
        var upcoming = (await List(coop, "?kind=UpcomingInstalment")).Items.Single();
        await (await Get($"/api/reminders/{upcoming.Id}/notice", coop)).ShouldBeRefusal(404, "reminder_notice.not_found");
    }

    [Fact]
    public async Task another_fund_sees_none_of_these_reminders_and_roles_are_enforced()
    {
        await NoticesAndAlerts();
        var overdue = (await List(await TokenFor(Roles.Director), "?kind=OverdueInstalment")).Items.Single();

        var otherFund = await TokenFor(Roles.Director, FundB);
        (await List(otherFund)).TotalCount.ShouldBe(0);
        (await Inbox(otherFund)).TotalCount.ShouldBe(0);
        await (await Get($"/api/reminders/{overdue.Id}", otherFund)).ShouldBeRefusal(404, "reminder.not_found");
        (await Get($"/api/reminders/{overdue.Id}/notice", otherFund)).Context.Response.StatusCode.ShouldBe(404);

        var coop = await CoopNow();
        (await Get("/api/reminders/undeliverable-addresses", coop)).Context.Response.StatusCode.ShouldBe(403);
        var events = await EventCount();
        (await Post("/api/reminder-runs", new { }, await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        (await Post("/api/reminder-runs", new { }, coop)).Context.Response.StatusCode.ShouldBe(403);
        (await EventCount()).ShouldBe(events);

        await (await Get("/api/reminders?kind=Weekly&status=Lost&from=22/11/2026", coop)).ShouldBeRefusal(400, "kind.unknown");
        await (await Get("/api/notifications?pageSize=1000", coop)).ShouldBeRefusal(400, "page_size.out_of_range");
    }
}
