using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Reminders.Notifications;
using NodaTime;

namespace HtxFund.Reminders.Sending;

/// <summary>Steps 1 and 2 decided: the events to append, the in-app post to insert or withdraw, and the reminder to go on
/// sending (null when there is nothing to send: missing, done, or cancelled now).</summary>
public sealed record Preparation(Reminder? ToSend, IReadOnlyList<object> Events, Notification? Post, bool WithdrawInApp);

public enum ClaimOutcome
{
    /// <summary>This node may talk to the SMTP server for the address: <see cref="EmailClaim.Sending"/> is appended.</summary>
    Claimed,
    /// <summary>The address is delivered or refused already: nothing to do.</summary>
    AlreadyDone,
    /// <summary>Another node claimed it and its lease has not run out: try later.</summary>
    HeldByAnotherNode,
}

/// <summary>Step 3's claim decided: what became of the address, and the event that claims it.</summary>
public sealed record EmailClaim(ClaimOutcome Outcome, ReminderEmailSending? Sending)
{
    public int? Attempt => Sending?.Attempt;
}

/// <summary>Step 4 decided: <see cref="ReminderSent"/> when every address is done; <paramref name="StillSending"/> when an
/// address is still pending or being sent (by another node).</summary>
public sealed record Completion(ReminderSent? Sent, bool StillSending);

/// <summary>What the SMTP server said about one address (step 3's record).</summary>
public enum EmailResult { Delivered, Undeliverable, Deferred }

/// <summary>
/// The pure decisions of sending a reminder (<see cref="SendReminderHandler"/>): whether there is still something to
/// remind, what to post in-app, whether this node may send to an address, what to record of the SMTP server's answer,
/// and whether the reminder is done. No database, no clock, no SMTP: the steps' handlers load and pass what they need.
/// </summary>
public static class ReminderSendingRules
{
    /// <summary>How long a claim on an address holds: twice the SMTP timeout and half a minute, so a node that died while
    /// talking to the server does not block the address for ever.</summary>
    public static Duration Lease(int smtpTimeoutSeconds) => Duration.FromSeconds(smtpTimeoutSeconds * 2 + 30);

    /// <summary>The addresses not done yet (pending, or claimed by a node that may have died).</summary>
    public static IReadOnlyList<Delivery> Unfinished(Reminder reminder) =>
        reminder.Deliveries.Where(d => d.State is DeliveryState.Pending or DeliveryState.Sending).ToList();

    /// <summary>Why an alert on <paramref name="application"/> is no longer due (decided, withdrawn, gone), or null.</summary>
    public static string? ApplicationCancelReason(ApplicationDetails? application) =>
        application is { Status: ApplicationStatus.Submitted or ApplicationStatus.Appraised } && application.DecidedOn is null
            ? null
            : "Hồ sơ đã được quyết định hoặc không còn chờ xử lý.";

    /// <summary>Steps 1 and 2: cancel when <paramref name="cancelReason"/> says there is nothing to remind any more
    /// (withdrawing the in-app post), otherwise post it in-app once (<paramref name="fundName"/> is needed then).</summary>
    public static Preparation Prepare(Reminder? reminder, string? cancelReason, string? fundName, Instant now)
    {
        if (reminder is null || reminder.IsDone) return new Preparation(null, [], null, false);
        if (cancelReason is not null)
            return new Preparation(null, [new ReminderCancelled(reminder.Id, cancelReason, now)], null, reminder.PostedInApp);
        if (reminder.PostedInApp) return new Preparation(reminder, [], null, false);
        var posted = new ReminderPostedInApp(reminder.Id, 1, now);
        var post = InApp(reminder, fundName ?? throw new ArgumentNullException(nameof(fundName), "Posting in-app needs the fund's name."), now);
        return new Preparation(reminder.Apply(posted), [posted], post, false);
    }

    /// <summary>The in-app post of <paramref name="reminder"/>: to its staff member, or to its cooperative's inbox.</summary>
    public static Notification InApp(Reminder reminder, string fundName, Instant now)
    {
        var text = ReminderContent.For(reminder, fundName);
        return new Notification
        {
            Id = SendReminderHandler.InAppId(reminder.Id),
            UserId = reminder.Audience == ReminderAudience.Staff ? reminder.RecipientUserId : null,
            CooperativeId = reminder.Audience == ReminderAudience.Cooperative ? reminder.CooperativeId : null,
            Title = text.Subject, Body = text.Summary,
            Link = reminder.HasNotice ? $"/api/reminders/{reminder.Id}/notice"
                : reminder.LoanId is { } loanId ? $"/api/loans/{loanId}" : $"/api/applications/{reminder.ApplicationId}",
            ReminderId = reminder.Id, Kind = reminder.Kind, CreatedAt = now, CreatedAtMs = now.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>Step 3's claim on <paramref name="address"/>: the next attempt, unless it is done or another node's claim
    /// is younger than <paramref name="lease"/>.</summary>
    public static EmailClaim Claim(Reminder reminder, string address, Instant now, Duration lease)
    {
        var delivery = reminder.Deliveries.First(d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase));
        if (delivery.State is DeliveryState.Delivered or DeliveryState.Undeliverable) return new EmailClaim(ClaimOutcome.AlreadyDone, null);
        if (delivery is { State: DeliveryState.Sending, ClaimedAt: { } claimed } && now - claimed < lease)
            return new EmailClaim(ClaimOutcome.HeldByAnotherNode, null);
        return new EmailClaim(ClaimOutcome.Claimed, new ReminderEmailSending(reminder.Id, delivery.Address, delivery.Attempts + 1, now));
    }

    /// <summary>Step 3's record: the event of what the SMTP server said.</summary>
    public static object Outcome(Guid reminderId, string address, EmailResult result, int attempt, string? messageId, int smtpStatus,
        string? error, Instant now) => result switch
    {
        EmailResult.Delivered => new ReminderEmailDelivered(reminderId, address, messageId ?? throw new ArgumentNullException(nameof(messageId)), now),
        EmailResult.Undeliverable => new ReminderEmailUndeliverable(reminderId, address, smtpStatus, error ?? "", now),
        EmailResult.Deferred => new ReminderEmailDeferred(reminderId, address, attempt, error ?? "", now),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    /// <summary>The address's entry in the list of undeliverable addresses after a refusal: the first refusal, or
    /// <paramref name="existing"/> updated and counted. Null when no SMTP server refused it (status 0: no server
    /// configured).</summary>
    public static UndeliverableAddress? Refused(UndeliverableAddress? existing, ReminderEmailUndeliverable refusal)
    {
        if (refusal.SmtpStatus <= 0) return null;
        return existing is null
            ? new UndeliverableAddress
            {
                Id = refusal.Address.ToLowerInvariant(), Address = refusal.Address, SmtpStatus = refusal.SmtpStatus, Error = refusal.Error,
                LastReminderId = refusal.ReminderId, LastRefusedAt = refusal.At, Refusals = 1,
            }
            : existing with
            {
                SmtpStatus = refusal.SmtpStatus, Error = refusal.Error, LastReminderId = refusal.ReminderId, LastRefusedAt = refusal.At,
                Refusals = existing.Refusals + 1,
            };
    }

    /// <summary>Step 4: <see cref="ReminderSent"/> once every address is delivered or refused.</summary>
    public static Completion Complete(Reminder? reminder, Instant now)
    {
        if (reminder is not { IsDone: false }) return new Completion(null, false);
        return Unfinished(reminder).Count > 0 ? new Completion(null, true) : new Completion(new ReminderSent(reminder.Id, now), false);
    }
}
