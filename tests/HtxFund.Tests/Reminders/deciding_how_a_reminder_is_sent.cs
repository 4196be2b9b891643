using HtxFund.Reminders;
using HtxFund.Reminders.Sending;
using NodaTime;

namespace HtxFund.Tests.Reminders;

/// <summary>The pure decisions of sending a reminder (<see cref="ReminderSendingRules"/>), without a database or SMTP.</summary>
public sealed class deciding_how_a_reminder_is_sent
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 15, 0, 5);
    private static readonly Duration Lease = ReminderSendingRules.Lease(30);
    private const string Coop = "htx.eatu@example.vn";
    private const string Accountant = "ke-toan@example.vn";

    private static Reminder Scheduled(ReminderKind kind = ReminderKind.UpcomingInstalment, params string[] addresses)
    {
        var id = ReminderKeys.StreamId("fund-a", $"test:{kind}");
        return Reminder.Create(new ReminderScheduled(id, $"test:{kind}", kind, 7, new LocalDate(2026, 12, 15), ReminderAudience.Cooperative,
            Guid.CreateVersion7(), "HTX Ea Tu", Guid.CreateVersion7(), "HĐ-1", 1, new LocalDate(2026, 12, 22),
            new NoticeAmounts(10_000_000, 2_000_000, 0, 0, 2_000_000, 10_000_000, 0, 12_000_000, 0, 1),
            null, null, null, null, null, null, null, addresses.Length == 0 ? [Coop] : addresses, 1, Now - Duration.FromHours(1)));
    }

    private static Reminder Posted(Reminder r) => r.Apply(new ReminderPostedInApp(r.Id, 1, Now));

    private static Reminder Claimed(Reminder r, string address, Instant at, int attempt = 1) =>
        r.Apply(new ReminderEmailSending(r.Id, address, attempt, at));

    [Fact]
    public void a_reminder_not_yet_posted_is_posted_in_the_cooperatives_inbox_once_and_goes_on_to_its_emails()
    {
        var reminder = Scheduled();

        var prepared = ReminderSendingRules.Prepare(reminder, null, "Quỹ hỗ trợ phát triển HTX", Now);

        prepared.Events.ShouldHaveSingleItem().ShouldBe(new ReminderPostedInApp(reminder.Id, 1, Now));
        var post = prepared.Post.ShouldNotBeNull();
        post.Id.ShouldBe(SendReminderHandler.InAppId(reminder.Id));
        post.CooperativeId.ShouldBe(reminder.CooperativeId);
        post.UserId.ShouldBeNull();
        post.Link.ShouldBe($"/api/loans/{reminder.LoanId}");
        prepared.ToSend.ShouldNotBeNull().PostedInApp.ShouldBeTrue();
        prepared.WithdrawInApp.ShouldBeFalse();

        var again = ReminderSendingRules.Prepare(prepared.ToSend, null, null, Now);
        again.Events.ShouldBeEmpty();
        again.Post.ShouldBeNull();
        again.ToSend.ShouldBe(prepared.ToSend);
    }

    [Fact]
    public void an_overdue_notice_posted_in_app_links_to_its_pdf_notice()
    {
        var prepared = ReminderSendingRules.Prepare(Scheduled(ReminderKind.OverdueInstalment), null, "Quỹ", Now);

        prepared.Post.ShouldNotBeNull().Link.ShouldBe($"/api/reminders/{prepared.ToSend!.Id}/notice");
    }

    [Fact]
    public void a_reminder_with_nothing_left_to_remind_is_cancelled_and_its_in_app_post_withdrawn()
    {
        var reminder = Posted(Scheduled());

        var prepared = ReminderSendingRules.Prepare(reminder, "Kỳ trả nợ đã được trả trước khi gửi thông báo.", null, Now);

        prepared.Events.ShouldHaveSingleItem().ShouldBe(new ReminderCancelled(reminder.Id, "Kỳ trả nợ đã được trả trước khi gửi thông báo.", Now));
        prepared.WithdrawInApp.ShouldBeTrue();
        prepared.Post.ShouldBeNull();
        prepared.ToSend.ShouldBeNull();
    }

    [Fact]
    public void a_reminder_cancelled_before_it_was_posted_has_no_in_app_post_to_withdraw()
    {
        var prepared = ReminderSendingRules.Prepare(Scheduled(), "Hồ sơ đã được quyết định hoặc không còn chờ xử lý.", null, Now);

        prepared.Events.ShouldHaveSingleItem().ShouldBeOfType<ReminderCancelled>();
        prepared.WithdrawInApp.ShouldBeFalse();
    }

    [Fact]
    public void a_missing_or_finished_reminder_is_left_alone()
    {
        var sent = Posted(Scheduled()).Apply(new ReminderEmailDelivered(Guid.Empty, Coop, "x@y", Now)).Apply(new ReminderSent(Guid.Empty, Now));

        foreach (var reminder in new[] { null, sent })
        {
            var prepared = ReminderSendingRules.Prepare(reminder, "paid", "Quỹ", Now);
            prepared.Events.ShouldBeEmpty();
            prepared.ToSend.ShouldBeNull();
            prepared.WithdrawInApp.ShouldBeFalse();
            ReminderSendingRules.Complete(reminder, Now).ShouldBe(new Completion(null, false));
        }
    }

    [Fact]
    public void an_alert_on_an_application_no_longer_found_is_cancelled()
    {
        ReminderSendingRules.ApplicationCancelReason(null).ShouldBe("Hồ sơ đã được quyết định hoặc không còn chờ xử lý.");
    }

    [Fact]
    public void an_address_not_done_is_claimed_with_its_next_attempt_even_in_other_letter_case()
    {
        var deferred = Claimed(Posted(Scheduled()), Coop, Now - Duration.FromMinutes(5))
            .Apply(new ReminderEmailDeferred(Guid.Empty, Coop, 1, "connection refused", Now - Duration.FromMinutes(5)));

        var claim = ReminderSendingRules.Claim(deferred, Coop.ToUpperInvariant(), Now, Lease);

        claim.Outcome.ShouldBe(ClaimOutcome.Claimed);
        claim.Sending.ShouldBe(new ReminderEmailSending(deferred.Id, Coop, 2, Now));
        claim.Attempt.ShouldBe(2);
    }

    [Fact]
    public void an_address_claimed_by_another_node_is_held_until_its_lease_runs_out()
    {
        var claimedAt = Now;
        var reminder = Claimed(Posted(Scheduled()), Coop, claimedAt);

        ReminderSendingRules.Claim(reminder, Coop, claimedAt + Lease - Duration.FromSeconds(1), Lease)
            .ShouldBe(new EmailClaim(ClaimOutcome.HeldByAnotherNode, null));
        var taken = ReminderSendingRules.Claim(reminder, Coop, claimedAt + Lease, Lease); // that node died while sending
        taken.Outcome.ShouldBe(ClaimOutcome.Claimed);
        taken.Attempt.ShouldBe(2);
    }

    [Fact]
    public void a_delivered_or_refused_address_is_never_claimed_again()
    {
        var reminder = Posted(Scheduled(addresses: [Coop, Accountant]))
            .Apply(new ReminderEmailDelivered(Guid.Empty, Coop, "m@reminders.htxfund", Now))
            .Apply(new ReminderEmailUndeliverable(Guid.Empty, Accountant, 550, "550 no such user", Now));

        ReminderSendingRules.Claim(reminder, Coop, Now, Lease).ShouldBe(new EmailClaim(ClaimOutcome.AlreadyDone, null));
        ReminderSendingRules.Claim(reminder, Accountant, Now, Lease).ShouldBe(new EmailClaim(ClaimOutcome.AlreadyDone, null));
        ReminderSendingRules.Unfinished(reminder).ShouldBeEmpty();
    }

    [Fact]
    public void what_the_smtp_server_said_is_recorded_as_the_matching_event()
    {
        var id = Guid.CreateVersion7();

        ReminderSendingRules.Outcome(id, Coop, EmailResult.Delivered, 1, "m@reminders.htxfund", 0, null, Now)
            .ShouldBe(new ReminderEmailDelivered(id, Coop, "m@reminders.htxfund", Now));
        ReminderSendingRules.Outcome(id, Coop, EmailResult.Undeliverable, 1, null, 550, "550 no such user", Now)
            .ShouldBe(new ReminderEmailUndeliverable(id, Coop, 550, "550 no such user", Now));
        ReminderSendingRules.Outcome(id, Coop, EmailResult.Deferred, 3, null, 0, "421 try later", Now)
            .ShouldBe(new ReminderEmailDeferred(id, Coop, 3, "421 try later", Now));
    }

    [Fact]
    public void a_refused_address_is_listed_once_and_its_refusals_counted()
    {
        var first = new ReminderEmailUndeliverable(Guid.CreateVersion7(), "Khong-Ton-Tai@invalid.test", 550, "550 no such user", Now);

        var listed = ReminderSendingRules.Refused(null, first).ShouldNotBeNull();
        listed.ShouldBe(new UndeliverableAddress
        {
            Id = "khong-ton-tai@invalid.test", Address = "Khong-Ton-Tai@invalid.test", SmtpStatus = 550, Error = "550 no such user",
            LastReminderId = first.ReminderId, LastRefusedAt = Now, Refusals = 1,
        });

        var second = new ReminderEmailUndeliverable(Guid.CreateVersion7(), "khong-ton-tai@invalid.test", 553, "553 mailbox name invalid", Now + Duration.FromDays(1));
        ReminderSendingRules.Refused(listed, second).ShouldBe(listed with
        {
            SmtpStatus = 553, Error = "553 mailbox name invalid", LastReminderId = second.ReminderId, LastRefusedAt = second.At, Refusals = 2,
        });
    }

    [Fact]
    public void an_email_not_sent_for_want_of_an_smtp_server_does_not_list_the_address_as_undeliverable()
    {
        ReminderSendingRules.Refused(null, new ReminderEmailUndeliverable(Guid.Empty, Coop, 0, "Chưa cấu hình máy chủ thư", Now)).ShouldBeNull();
    }

    [Fact]
    public void a_reminder_is_sent_only_once_every_address_is_delivered_or_refused()
    {
        var reminder = Posted(Scheduled(addresses: [Coop, Accountant]));
        var oneDelivered = reminder.Apply(new ReminderEmailDelivered(reminder.Id, Coop, "m@reminders.htxfund", Now));

        ReminderSendingRules.Complete(oneDelivered, Now).ShouldBe(new Completion(null, true));
        ReminderSendingRules.Complete(Claimed(oneDelivered, Accountant, Now), Now).ShouldBe(new Completion(null, true));

        var done = oneDelivered.Apply(new ReminderEmailUndeliverable(reminder.Id, Accountant, 550, "550", Now));
        ReminderSendingRules.Complete(done, Now).ShouldBe(new Completion(new ReminderSent(reminder.Id, Now), false));
    }
}
