using HtxFund.Applications.GettingDetails;
using HtxFund.Funds;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders.Daily;
using HtxFund.Reminders.Notifications;
using JasperFx;
using Marten;
using NodaTime;
using Wolverine.Marten;

namespace HtxFund.Reminders.Sending;

// The steps of SendReminderHandler, each a local message it invokes for the reminder's fund
// (IMessageBus.InvokeForTenantAsync): Wolverine's aggregate workflow holds the reminder's stream, the step decides with
// ReminderSendingRules, and its events and documents are committed in the step's own transaction.

/// <summary>Steps 1 and 2: cancel the reminder when there is nothing left to remind, else post it in-app (once).</summary>
public sealed record PrepareReminder(Guid ReminderId);

/// <summary>The reminder to go on sending, or null when there is nothing to send.</summary>
public sealed record ReminderToSend(Reminder? Reminder);

/// <summary>What step 1 and 2 read besides the reminder: why it is no longer due, the fund's name for the in-app post.</summary>
public sealed record PreparationReads(string? CancelReason, string? FundName);

public static class PrepareReminderHandler
{
    /// <summary>Re-checked on every attempt: a payment recorded while the SMTP server was down cancels what is still unsent.</summary>
    public static async Task<PreparationReads> LoadAsync(PrepareReminder message, Reminder? reminder, IDocumentSession session, LocalDate today,
        CancellationToken ct)
    {
        if (reminder is not { IsDone: false }) return new PreparationReads(null, null);
        var reason = await CancelReasonAsync(session, reminder, today, ct);
        var fundName = reason is null && !reminder.PostedInApp ? Fund.NameOf(await session.LoadAsync<Fund>(session.TenantId, ct)) : null;
        return new PreparationReads(reason, fundName);
    }

    public static (ReminderToSend, Events, IMartenOp) Handle(PrepareReminder message, [WriteAggregate(Required = false)] Reminder? reminder,
        PreparationReads reads, Instant now)
    {
        var prepared = ReminderSendingRules.Prepare(reminder, reads.CancelReason, reads.FundName, now);
        IMartenOp op = prepared.Post is { } post ? MartenOps.Insert(post)
            : prepared.WithdrawInApp ? MartenOps.Delete<Notification>(SendReminderHandler.InAppId(message.ReminderId)) // nothing to remind any more
            : MartenOps.Nothing();
        return (new ReminderToSend(prepared.ToSend), [.. prepared.Events], op);
    }

    private static async Task<string?> CancelReasonAsync(IDocumentSession session, Reminder reminder, LocalDate today, CancellationToken ct)
    {
        if (reminder.Kind is ReminderKind.UpcomingInstalment or ReminderKind.OverdueInstalment)
        {
            var loan = await session.LoadAsync<Loan>(reminder.LoanId!.Value, ct);
            var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
            var position = loan is null ? null : LoanPosition.Of(loan, today, policy);
            return ReminderRules.CancelReason(reminder, loan, position, today);
        }
        return ReminderSendingRules.ApplicationCancelReason(await session.LoadAsync<ApplicationDetails>(reminder.ApplicationId!.Value, ct));
    }
}

/// <summary>Step 3, before talking to the SMTP server: claim <paramref name="Address"/> for this node. Optimistic on the
/// stream's version, so of two nodes claiming at once one commits and the other fails (<see cref="ReminderBusy"/>).</summary>
public sealed record ClaimReminderEmail(Guid ReminderId, string Address);

public static class ClaimReminderEmailHandler
{
    public static (EmailClaim, Events) Handle(ClaimReminderEmail message, [WriteAggregate] Reminder reminder, SmtpOptions smtp, Instant now)
    {
        var claim = ReminderSendingRules.Claim(reminder, message.Address, now, ReminderSendingRules.Lease(smtp.TimeoutSeconds));
        if (claim.Outcome == ClaimOutcome.HeldByAnotherNode)
            throw new ReminderBusy($"Reminder {message.ReminderId}: {message.Address} is being sent by another node.");
        return (claim, claim.Sending is { } sending ? [sending] : []);
    }
}

/// <summary>Step 3, after the SMTP server answered (or could not be reached): record what it said about
/// <paramref name="Address"/>. <paramref name="Attempt"/> is the claim's (deferred), <paramref name="MessageId"/> the
/// email's (delivered), <paramref name="SmtpStatus"/> and <paramref name="Error"/> the refusal or failure.</summary>
public sealed record RecordReminderEmail(Guid ReminderId, string Address, EmailResult Result, int Attempt = 0, string? MessageId = null,
    int SmtpStatus = 0, string? Error = null);

/// <summary>The address's entry in the list of undeliverable addresses before this record (none when it had none).</summary>
public sealed record KnownRefusal(UndeliverableAddress? Existing);

public static class RecordReminderEmailHandler
{
    public static async Task<KnownRefusal> LoadAsync(RecordReminderEmail message, IDocumentSession session, CancellationToken ct) =>
        new(message is { Result: EmailResult.Undeliverable, SmtpStatus: > 0 }
            ? await session.LoadAsync<UndeliverableAddress>(message.Address.ToLowerInvariant(), ct)
            : null);

    /// <summary>The stream is held exclusively (its row locked for the transaction), not optimistically: what the SMTP
    /// server said is recorded even when another node claimed another address meanwhile; a record lost to a version
    /// conflict would leave this address claimed and send it twice after the lease.</summary>
    public static (Events, IMartenOp) Handle(RecordReminderEmail message, [WriteAggregate(LoadStyle = ConcurrencyStyle.Exclusive)] Reminder reminder,
        KnownRefusal known, Instant now)
    {
        var outcome = ReminderSendingRules.Outcome(reminder.Id, message.Address, message.Result, message.Attempt, message.MessageId,
            message.SmtpStatus, message.Error, now);
        var refused = outcome is ReminderEmailUndeliverable refusal ? ReminderSendingRules.Refused(known.Existing, refusal) : null;
        return ([outcome], refused is null ? MartenOps.Nothing() : MartenOps.Store(refused));
    }
}

/// <summary>Step 4: <see cref="ReminderSent"/> when every address is done.</summary>
public sealed record CompleteReminder(Guid ReminderId);

public static class CompleteReminderHandler
{
    public static Events Handle(CompleteReminder message, [WriteAggregate(Required = false)] Reminder? reminder, Instant now)
    {
        var completion = ReminderSendingRules.Complete(reminder, now);
        if (completion.StillSending)
            throw new ReminderBusy($"Reminder {message.ReminderId}: an address is still being sent by another node.");
        return completion.Sent is { } sent ? [sent] : [];
    }
}
