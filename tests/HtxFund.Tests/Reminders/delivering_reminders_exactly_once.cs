using HtxFund.Identity;
using HtxFund.Reminders;
using HtxFund.Reminders.Daily;
using HtxFund.Tests.Reminders.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Reminders;

public sealed class delivering_reminders_exactly_once(AppFixture fixture) : ReminderContext(fixture)
{
    /// <summary>Three cooperatives' loans due in 7 days, and a pending application past its target (credit officer and
    /// director): 3 cooperative reminders and 2 staff alerts, one email each.</summary>
    private async Task<(int Reminders, NodaTime.LocalDate Day)> SeveralRemindersDue()
    {
        var (_, due) = await DisbursedLoan();
        await DisbursedLoan(coopToken: await AnotherCooperative());
        await DisbursedLoan(coopToken: await AnotherCooperative());
        await Submitted(Request(amount: 400_000_000));
        AdvanceTo(due.PlusDays(-7)); // more than 10 working days after the submission: the application is late
        return (5, due.PlusDays(-7));
    }

    private async Task RecordTodaysReminders()
    {
        var run = await Post("/api/reminder-runs", new { }, await TokenFor(Roles.Admin));
        run.Context.Response.StatusCode.ShouldBe(200, await run.ReadAsTextAsync());
    }

    [Fact]
    public async Task with_the_smtp_server_down_reminders_wait_and_each_arrives_once_when_it_returns()
    {
        var (expected, _) = await SeveralRemindersDue();
        await Smtp.StopAsync();

        await RecordTodaysReminders();
        await Eventually(async () => (await Reminders()).Count == expected
                                     && (await Reminders()).All(r => r.Deliveries.All(d => d.Attempts >= 2 && d.Error != null)),
            "every reminder has failed at least twice against the stopped SMTP server");
        (await Reminders()).ShouldAllBe(r => r.Status == ReminderStatus.Pending && r.PostedInApp);

        await Smtp.StartAsync();
        await Eventually(async () => (await Reminders()).All(r => r.Status == ReminderStatus.Sent), "every reminder is sent");

        var mail = Mail();
        mail.Count.ShouldBe(expected);
        mail.Select(m => m.MessageId).Distinct().Count().ShouldBe(expected);
        (await Reminders()).ShouldAllBe(r => r.Deliveries.All(d => d.State == DeliveryState.Delivered));

        await RunDailyJob(); // the day's job after the outage: everything is recorded already
        Mail().Count.ShouldBe(expected);
    }

    [Fact]
    public async Task a_payment_recorded_while_the_smtp_server_is_down_cancels_the_unsent_overdue_notice()
    {
        var (id, due) = await DisbursedLoan();
        AdvanceTo(due.PlusDays(1));
        await Smtp.StopAsync();
        await RecordTodaysReminders();
        await Eventually(async () => (await Reminders()).SingleOrDefault() is { } r && r.Deliveries.Single().Attempts >= 1 && r.Deliveries.Single().Error != null,
            "the notice failed once against the stopped server");

        await Repaid(id, (await Position(id)).AmountDue, Iso(due.PlusDays(1)));
        await Smtp.StartAsync();

        await Eventually(async () => (await Reminders()).Single().Status == ReminderStatus.Cancelled, "the notice is cancelled");
        (await Reminders()).Single().CancelReason.ShouldBe("Kỳ trả nợ đã được trả trước khi gửi thông báo.");
        Mail().ShouldBeEmpty();
        var inbox = await Get("/api/notifications", await CoopNow());
        inbox.Context.Response.StatusCode.ShouldBe(200);
        (await inbox.Read<HtxFund.Reminders.Notifications.NotificationPage>()).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task two_app_nodes_running_the_daily_job_at_the_same_moment_deliver_each_reminder_once()
    {
        var (expected, _) = await SeveralRemindersDue();
        var second = await Fixture.StartHostAsync();
        try
        {
            using var firstScope = Host.Services.CreateScope();
            using var otherScope = second.Services.CreateScope();
            var first = ActivatorUtilities.CreateInstance<DailyRemindersJob>(firstScope.ServiceProvider);
            var other = ActivatorUtilities.CreateInstance<DailyRemindersJob>(otherScope.ServiceProvider);
            using var start = new Barrier(2);
            await Task.WhenAll(
                Task.Run(async () => { start.SignalAndWait(); await first.Run(CancellationToken.None); }),
                Task.Run(async () => { start.SignalAndWait(); await other.Run(CancellationToken.None); }));

            await Eventually(async () => (await Reminders()).Count == expected && (await Reminders()).All(r => r.Status == ReminderStatus.Sent),
                "both nodes' runs are recorded and sent");
            // Both nodes keep handling their queues for a moment; count only once each has nothing left in flight.
            await Eventually(async () => await Fixture.IncomingEnvelopes() == 0, "no message is left in either node's inbox");

            var mail = Mail();
            mail.Count.ShouldBe(expected);
            mail.Select(m => m.MessageId).Distinct().Count().ShouldBe(expected);
            (await Reminders()).Select(r => r.Key).Distinct().Count().ShouldBe(expected);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task an_address_the_smtp_server_refuses_permanently_is_recorded_and_shown_to_staff()
    {
        await SetEmail((await Me(Coop)).UserName, "khong-ton-tai@invalid.test");
        var (_, due) = await DisbursedLoan();
        AdvanceTo(due.PlusDays(-7));
        await RunDailyJob();

        var reminder = (await Reminders()).ShouldHaveSingleItem();
        reminder.Status.ShouldBe(ReminderStatus.PartlyUndeliverable);
        reminder.Deliveries.Single(d => d.Address == "htx.eatu@example.vn").State.ShouldBe(DeliveryState.Delivered);
        var refused = reminder.Deliveries.Single(d => d.Address == "khong-ton-tai@invalid.test");
        refused.State.ShouldBe(DeliveryState.Undeliverable);
        refused.SmtpStatus.ShouldBe(550);
        Mail().ShouldHaveSingleItem().To.Mailboxes.Single().Address.ShouldBe("htx.eatu@example.vn");

        var staff = await TokenFor(Roles.CreditOfficer);
        var failed = await Get("/api/reminders?undeliverable=true", staff);
        (await failed.Read<HtxFund.Infrastructure.Http.PagedResult<Reminder>>()).Items.ShouldHaveSingleItem().Id.ShouldBe(reminder.Id);
        var addresses = await Get("/api/reminders/undeliverable-addresses", staff);
        var list = await addresses.Read<HtxFund.Reminders.Sending.UndeliverableAddress[]>();
        list.ShouldHaveSingleItem().Address.ShouldBe("khong-ton-tai@invalid.test");
        list[0].SmtpStatus.ShouldBe(550);
    }

    private async Task<HtxFund.Identity.SigningIn.MeResponse> Me(string token) =>
        await (await Get("/api/me", token)).Read<HtxFund.Identity.SigningIn.MeResponse>();
}
