using HtxFund.Funds;
using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Reminders.Sending;

/// <summary>Deliver reminder <paramref name="ReminderId"/> of fund <paramref name="FundId"/>: a durable local message,
/// written to Wolverine's outbox in the transaction that recorded the reminder.</summary>
public sealed record SendReminder(string FundId, Guid ReminderId);

/// <summary>Another node holds the reminder right now, or its stream moved under us: try again later.</summary>
public sealed class ReminderBusy(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An address the SMTP server refused permanently (one document per fund and address, latest refusal).</summary>
public sealed record UndeliverableAddress
{
    /// <summary>The address in lower case.</summary>
    public required string Id { get; init; }
    public required string Address { get; init; }
    public int SmtpStatus { get; init; }
    public string Error { get; init; } = "";
    public Guid LastReminderId { get; init; }
    public Instant LastRefusedAt { get; init; }
    public int Refusals { get; init; }
}

/// <summary>
/// Sends one reminder, each step its own transaction so that a retry resumes where the last one stopped. Each step is a
/// local message (<c>SendingSteps.cs</c>) invoked for the reminder's fund: Wolverine's aggregate workflow holds the
/// reminder's stream, a pure decision of <see cref="ReminderSendingRules"/> gives the events (and documents), and the
/// step commits on its own:
/// 1. <see cref="PrepareReminder"/>: re-check with the engine, on every attempt, that there is still something to remind
///    (an instalment paid meanwhile cancels what is still unsent, withdrawing the in-app post);
/// 2. the same step posts it to the in-app inbox (once);
/// 3. for each address not done yet: <see cref="ClaimReminderEmail"/> (<see cref="ReminderEmailSending"/>, optimistic
///    on the stream version, so two nodes never talk to SMTP for the same address at once), send with MailKit here,
///    outside any step, then <see cref="RecordReminderEmail"/>: delivered / undeliverable (5xx, also the
///    <see cref="UndeliverableAddress"/> list) / deferred (unreachable or 4xx, then the message is retried by Wolverine
///    with backoff);
/// 4. <see cref="CompleteReminder"/>: <see cref="ReminderSent"/> when every address is done.
/// A step that loses a race for the stream (another node appended first) or finds the address held by another node
/// ends this attempt with <see cref="ReminderBusy"/>, retried with backoff like an unreachable server.
/// The only window for a duplicate is a crash between the SMTP server's acceptance and step 3's record; the
/// Message-ID is derived from the reminder and address, so a receiving system can spot it.
/// </summary>
public static class SendReminderHandler
{
    public static async Task Handle(SendReminder message, IMessageBus bus, IDocumentStore store, IMailSender mail, ReminderNotices notices,
        ILogger<SendReminder> logger, CancellationToken ct)
    {
        var prepared = await StepAsync<ReminderToSend>(bus, message, new PrepareReminder(message.ReminderId), ct);
        if (prepared?.Reminder is not { } reminder) return;

        byte[]? pdf = null;
        string? fundName = null;
        foreach (var delivery in ReminderSendingRules.Unfinished(reminder))
        {
            var claim = await StepAsync<EmailClaim>(bus, message, new ClaimReminderEmail(reminder.Id, delivery.Address), ct);
            if (claim?.Attempt is not { } attempt) continue;
            await using (var query = store.QuerySession(message.FundId))
            {
                fundName ??= Fund.NameOf(await query.LoadAsync<Fund>(message.FundId, ct));
                if (reminder.HasNotice) pdf ??= (await notices.RenderAsync(query, message.FundId, reminder, ct)).Pdf;
            }
            var text = ReminderContent.For(reminder, fundName);
            var spec = new MailMessageSpec(delivery.Address, reminder.Audience == ReminderAudience.Staff ? reminder.RecipientName : reminder.CooperativeName,
                text.Subject, text.Text, text.Html, MessageId(reminder.Id, delivery.Address), reminder.HasNotice ? ReminderNotices.FileName(reminder) : null, pdf);
            try
            {
                if (!mail.Enabled)
                {
                    await StepAsync(bus, message, new RecordReminderEmail(reminder.Id, delivery.Address, EmailResult.Undeliverable,
                        Error: "Chưa cấu hình máy chủ thư (HtxFund:Smtp:Host): thư không được gửi."), ct);
                    continue;
                }
                await mail.SendAsync(spec, ct);
                await StepAsync(bus, message, new RecordReminderEmail(reminder.Id, delivery.Address, EmailResult.Delivered, MessageId: spec.MessageId), ct);
            }
            catch (MailPermanentlyRefused refused)
            {
                logger.LogWarning("Reminder {Reminder}: {Address} refused permanently ({Status})", reminder.Id, delivery.Address, refused.SmtpStatus);
                await StepAsync(bus, message, new RecordReminderEmail(reminder.Id, delivery.Address, EmailResult.Undeliverable,
                    SmtpStatus: refused.SmtpStatus, Error: refused.Message), ct);
            }
            catch (MailTemporarilyUnavailable unavailable)
            {
                logger.LogWarning("Reminder {Reminder}: SMTP unavailable for {Address}, will retry: {Error}", reminder.Id, delivery.Address, unavailable.Message);
                await StepAsync(bus, message, new RecordReminderEmail(reminder.Id, delivery.Address, EmailResult.Deferred, attempt,
                    Error: unavailable.Message), ct);
                throw;
            }
        }
        await StepAsync(bus, message, new CompleteReminder(message.ReminderId), ct);
    }

    public static Guid InAppId(Guid reminderId) => ReminderKeys.UuidV5(reminderId, "in-app");

    public static string MessageId(Guid reminderId, string address) =>
        $"{ReminderKeys.UuidV5(reminderId, address.ToLowerInvariant()):N}@reminders.htxfund";

    /// <summary>Another node appended first (or holds the stream's lock past the database's timeout).</summary>
    private static bool LostRace(Exception e) => e is not ReminderBusy && (WriteConflicts.Is(e) || e is Marten.Exceptions.StreamLockedException);

    /// <summary>Runs one step in its own transaction, for the reminder's fund (the Marten tenant). A step that lost a race
    /// for the stream is <see cref="ReminderBusy"/>: nothing of it was written, and the retry decides again.</summary>
    private static async Task<T?> StepAsync<T>(IMessageBus bus, SendReminder message, object step, CancellationToken ct)
    {
        try
        {
            return await bus.InvokeForTenantAsync<T>(message.FundId, step, ct);
        }
        catch (Exception e) when (LostRace(e))
        {
            throw new ReminderBusy("The reminder changed under this node; retrying.", e);
        }
    }

    private static async Task StepAsync(IMessageBus bus, SendReminder message, object step, CancellationToken ct)
    {
        try
        {
            await bus.InvokeForTenantAsync(message.FundId, step, ct);
        }
        catch (Exception e) when (LostRace(e))
        {
            throw new ReminderBusy("The reminder changed under this node; retrying.", e);
        }
    }
}
