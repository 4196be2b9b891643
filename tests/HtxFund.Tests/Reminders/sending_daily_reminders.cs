using Hangfire;
using Hangfire.Storage;
using HtxFund.Identity;
using HtxFund.Reminders.Daily;
using Microsoft.Extensions.DependencyInjection;
using HtxFund.Reminders;
using HtxFund.Tests.Reminders.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Reminders;

public sealed class sending_daily_reminders(AppFixture fixture) : ReminderContext(fixture)
{
    private const string CoopEmail = "htx.eatu@example.vn";

    [Fact]
    public void the_daily_job_is_registered_at_7_every_day_in_viet_nam_time()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Where(j => j.Id == DailyRemindersJob.Id).ShouldHaveSingleItem();
        job.Cron.ShouldBe("0 7 * * *");
        job.TimeZoneId.ShouldBe("Asia/Ho_Chi_Minh");
    }

    [Fact]
    public async Task an_upcoming_instalment_is_reminded_seven_days_and_one_day_before_in_vietnamese_with_its_amount()
    {
        var (id, due) = await DisbursedLoan();

        AdvanceTo(due.PlusDays(-8));
        await RunDailyJob();
        Mail().ShouldBeEmpty();

        AdvanceTo(due.PlusDays(-7));
        var instalment = (await Position(id)).Schedule[0];
        await RunDailyJob();
        var week = Mail().ShouldHaveSingleItem();
        week.To.Mailboxes.Single().Address.ShouldBe(CoopEmail);
        week.Subject.ShouldBe($"Nhắc lịch trả nợ: kỳ 1 hợp đồng HĐ-{id:N} đến hạn ngày {Date(due)}");
        week.TextBody!.ShouldContain($"đến hạn ngày {Date(due)} (còn 7 ngày)");
        week.TextBody!.ShouldContain($"Tổng số tiền kỳ này: {Money(instalment.PrincipalUnpaid + instalment.InterestUnpaid)}");
        week.HtmlBody!.ShouldContain(Money(instalment.PrincipalUnpaid + instalment.InterestUnpaid));
        week.Attachments.ShouldBeEmpty();

        AdvanceTo(due.PlusDays(-1));
        await RunDailyJob();
        Mail().Count.ShouldBe(2);
        Mail().ShouldContain(m => m.TextBody!.Contains("(còn 1 ngày)"));

        AdvanceTo(due);
        await RunDailyJob();
        Mail().Count.ShouldBe(2);

        var reminders = await Reminders();
        reminders.Select(r => (r.Kind, r.OffsetDays, r.Status)).OrderByDescending(r => r.OffsetDays)
            .ShouldBe([(ReminderKind.UpcomingInstalment, 7, ReminderStatus.Sent), (ReminderKind.UpcomingInstalment, 1, ReminderStatus.Sent)]);
    }

    [Fact]
    public async Task an_unpaid_instalment_gets_an_overdue_notice_with_a_pdf_holding_the_amounts_due_that_day()
    {
        var (id, due) = await DisbursedLoan(number: "31/2026/HĐTD-EATU");
        AdvanceTo(due.PlusDays(1));
        var position = await Position(id);
        await RunDailyJob();

        var notice = Mail().ShouldHaveSingleItem();
        notice.Subject.ShouldBe("Thông báo nợ quá hạn: hợp đồng 31/2026/HĐTD-EATU, kỳ 1 quá hạn 1 ngày");
        var late = position.InterestOnOverduePrincipal + position.InterestOnLateInterest;
        notice.TextBody!.ShouldContain($"Nợ gốc quá hạn: {Money(position.PrincipalOverdue)}");
        notice.TextBody!.ShouldContain($"Lãi quá hạn: {Money(position.InterestOverdue)}");
        notice.TextBody!.ShouldContain($"Lãi chậm trả: {Money(late)}");
        notice.TextBody!.ShouldContain($"Tổng số tiền phải trả: {Money(position.AmountDue)}");
        position.AmountDue.ShouldBeGreaterThan(0);

        var pdf = await PdfText(Attachment(notice));
        pdf.ShouldContain("THÔNG BÁO");
        pdf.ShouldContain("Về việc nợ quá hạn");
        pdf.ShouldContain("31/2026/HĐTD-EATU");
        pdf.ShouldContain(Date(due));
        pdf.ShouldContain("Tổng số tiền phải trả");
        pdf.ShouldContain(Amount(position.AmountDue));
        pdf.ShouldContain(Amount(position.InterestOverdue));

        var reminder = (await Reminders()).ShouldHaveSingleItem();
        reminder.Amounts!.TotalDue.ShouldBe(position.AmountDue);
        reminder.Deliveries.ShouldHaveSingleItem().State.ShouldBe(DeliveryState.Delivered);
    }

    [Fact]
    public async Task overdue_notices_go_out_one_ten_and_thirty_days_after_the_due_date_and_not_in_between()
    {
        var (_, due) = await DisbursedLoan();
        var sent = new List<int>();
        foreach (var day in new[] { 1, 2, 5, 10, 11, 30, 31 })
        {
            AdvanceTo(due.PlusDays(day));
            var before = Mail().Count;
            await RunDailyJob();
            if (Mail().Count > before) sent.Add(day);
        }
        // the 31st day is within the catch-up window of day 30, whose notice is already recorded
        sent.ShouldBe([1, 10, 30]);
        (await Reminders()).Where(r => r.Kind == ReminderKind.OverdueInstalment).Select(r => r.OffsetDays).Order().ShouldBe([1, 10, 30]);
    }

    [Fact]
    public async Task a_second_run_the_same_day_sends_nothing()
    {
        var (_, due) = await DisbursedLoan();
        AdvanceTo(due.PlusDays(1));
        await RunDailyJob();
        var events = await EventCount();
        Mail().Count.ShouldBe(1);

        await RunDailyJob();
        var manual = await Post("/api/reminder-runs", new { }, await TokenFor(Roles.Admin));
        manual.Context.Response.StatusCode.ShouldBe(200, await manual.ReadAsTextAsync());
        var result = await manual.Read<HtxFund.Reminders.Daily.FundReminderRunResult>();
        (result.Found, result.Recorded, result.AlreadyRecorded).ShouldBe((1, 0, 1));

        Mail().Count.ShouldBe(1);
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_paid_instalment_gets_no_overdue_notice()
    {
        var (id, due) = await DisbursedLoan();
        AdvanceTo(due);
        await Repaid(id, (await Position(id)).AmountDue, Iso(due));

        AdvanceTo(due.PlusDays(1));
        await RunDailyJob();
        AdvanceTo(due.PlusDays(10));
        await RunDailyJob();

        Mail().ShouldBeEmpty();
        (await Reminders()).ShouldNotContain(r => r.Kind == ReminderKind.OverdueInstalment);
    }

    [Fact]
    public async Task applications_near_or_past_their_processing_target_alert_the_credit_officers_and_the_director()
    {
        var id = await Submitted(Request(amount: 400_000_000));
        var target = (await View(id)).Application.CompleteFileDate!.Value;
        var sentOn = new List<(NodaTime.LocalDate Day, int Count)>();
        for (var day = target.PlusDays(1); day <= target.PlusDays(20); day = day.PlusDays(1))
        {
            AdvanceTo(day);
            var before = Mail().Count;
            await RunDailyJob();
            if (Mail().Count > before) sentOn.Add((day, Mail().Count - before));
        }

        // Two alerts (about to exceed, then exceeded), each to every credit officer and director: the board does
        // not decide a loan of 400,000,000 ₫ under the default approval matrix.
        sentOn.Count.ShouldBe(2);
        sentOn.ShouldAllBe(s => s.Count == 2);
        var officer = StaffEmail(UserName(FundA, Roles.CreditOfficer));
        var director = StaffEmail(UserName(FundA, Roles.Director));
        Mail().Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(new[] { director, director, officer, officer }.Order());
        Mail().ShouldContain(m => m.Subject!.StartsWith("Hồ sơ vay sắp quá thời hạn xử lý: "));
        var late = Mail().Single(m => m.Subject!.StartsWith("Hồ sơ vay đã quá thời hạn xử lý: ") && m.To.Mailboxes.Single().Address == director);
        late.TextBody!.ShouldContain("vượt thời hạn mục tiêu 10 ngày làm việc");

        var reminders = await Reminders();
        reminders.Select(r => r.Kind).Distinct().Order().ShouldBe([ReminderKind.ProcessingDueSoon, ReminderKind.ProcessingLate]);
        reminders.ShouldAllBe(r => r.ApplicationId == id && r.Audience == ReminderAudience.Staff);
    }

    [Fact]
    public async Task a_decided_application_raises_no_more_alerts()
    {
        var id = await Appraised(400_000_000, 400_000_000);
        var complete = (await View(id)).Application.CompleteFileDate!.Value;
        await Ok(Transition(id, "decision", new
        {
            approve = true,
            terms = new { amount = 400_000_000, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = Iso(complete) },
        }, await TokenFor(Roles.Director)));

        AdvanceTo(complete.PlusDays(30));
        await RunDailyJob();

        (await Reminders()).ShouldBeEmpty();
        Mail().ShouldBeEmpty();
    }

    [Fact]
    public async Task the_reminder_offsets_are_fund_policy()
    {
        var admin = await TokenFor(Roles.Admin);
        var current = await Get("/api/policy", admin);
        var policy = System.Text.Json.Nodes.JsonNode.Parse(await current.ReadAsTextAsync())!;
        var settings = policy["settings"]!.AsObject();
        settings["reminders"] = new System.Text.Json.Nodes.JsonObject
        {
            ["upcomingDaysBefore"] = new System.Text.Json.Nodes.JsonArray(3),
            ["overdueDaysAfter"] = new System.Text.Json.Nodes.JsonArray(5),
            ["processingAlertWorkingDaysBefore"] = 1,
            ["catchUpDays"] = 0,
        };
        var put = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings, reason = "Nhắc nợ 3 ngày trước hạn, 5 ngày sau hạn", expectedVersion = 1 }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        put.Context.Response.StatusCode.ShouldBe(200, await put.ReadAsTextAsync());

        var (_, due) = await DisbursedLoan();
        var sent = new List<int>();
        foreach (var day in new[] { -7, -3, -1, 1, 5, 10 })
        {
            AdvanceTo(due.PlusDays(day));
            var before = Mail().Count;
            await RunDailyJob();
            if (Mail().Count > before) sent.Add(day);
        }
        sent.ShouldBe([-3, 5]);
        (await Reminders()).ShouldAllBe(r => r.PolicyVersion == 2);
    }

    [Fact]
    public async Task reminder_offsets_out_of_range_are_refused()
    {
        var admin = await TokenFor(Roles.Admin);
        var policy = System.Text.Json.Nodes.JsonNode.Parse(await (await Get("/api/policy", admin)).ReadAsTextAsync())!;
        var settings = policy["settings"]!.AsObject();
        settings["reminders"]!["overdueDaysAfter"] = new System.Text.Json.Nodes.JsonArray(0, 10, 10);
        var put = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Put.Json(new { settings, reason = "Sai", expectedVersion = 1 }).ToUrl("/api/policy");
            s.IgnoreStatusCode();
        });
        await put.ShouldBeRefusal(400, "reminders.offsets_invalid");
    }
}
