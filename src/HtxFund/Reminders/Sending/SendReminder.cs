using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Funds;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders.Daily;
using HtxFund.Reminders.Notifications;
using JasperFx.Events;
using Marten;
using NodaTime;

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
/// Sends one reminder, each step its own transaction so that a retry resumes where the last one stopped:
/// 1. re-check with the engine, on every attempt, that there is still something to remind (an instalment paid
///    meanwhile cancels what is still unsent);
/// 2. post it to the in-app inbox (once);
/// 3. for each address not done yet: claim it (<see cref="ReminderEmailSending"/>, optimistic on the stream version, so
///    two nodes never talk to SMTP for the same address at once), send with MailKit, record delivered / undeliverable
///    (5xx) / deferred (unreachable or 4xx, then the message is retried by Wolverine with backoff);
/// 4. <see cref="ReminderSent"/> when every address is done.
/// The only window for a duplicate is a crash between the SMTP server's acceptance and step 3's record; the
/// Message-ID is derived from the reminder and address, so a receiving system can spot it.
/// </summary>
public static class SendReminderHandler
{
    public static async Task Handle(SendReminder message, IDocumentStore store, IMailSender mail, SmtpOptions smtp, ReminderNotices notices,
        BusinessTime time, ILogger<SendReminder> logger, CancellationToken ct)
    {
        var reminder = await PrepareAsync(store, message, time, ct);
        if (reminder is null || reminder.IsDone) return;

        byte[]? pdf = null;
        string? fundName = null;
        foreach (var delivery in reminder.Deliveries.Where(d => d.State is DeliveryState.Pending or DeliveryState.Sending))
        {
            var attempt = await ClaimAsync(store, message, delivery.Address, time.Now, Duration.FromSeconds(smtp.TimeoutSeconds * 2 + 30), ct);
            if (attempt is null) continue;
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
                    await AppendAsync(store, message, new ReminderEmailUndeliverable(reminder.Id, delivery.Address, 0,
                        "Chưa cấu hình máy chủ thư (HtxFund:Smtp:Host): thư không được gửi.", time.Now), ct);
                    continue;
                }
                await mail.SendAsync(spec, ct);
                await AppendAsync(store, message, new ReminderEmailDelivered(reminder.Id, delivery.Address, spec.MessageId, time.Now), ct);
            }
            catch (MailPermanentlyRefused refused)
            {
                logger.LogWarning("Reminder {Reminder}: {Address} refused permanently ({Status})", reminder.Id, delivery.Address, refused.SmtpStatus);
                await AppendAsync(store, message, new ReminderEmailUndeliverable(reminder.Id, delivery.Address, refused.SmtpStatus, refused.Message, time.Now), ct,
                    session =>
                    {
                        var id = delivery.Address.ToLowerInvariant();
                        session.Store(new UndeliverableAddress
                        {
                            Id = id, Address = delivery.Address, SmtpStatus = refused.SmtpStatus, Error = refused.Message, LastReminderId = reminder.Id,
                            LastRefusedAt = time.Now, Refusals = 1,
                        });
                    });
            }
            catch (MailTemporarilyUnavailable unavailable)
            {
                logger.LogWarning("Reminder {Reminder}: SMTP unavailable for {Address}, will retry: {Error}", reminder.Id, delivery.Address, unavailable.Message);
                await AppendAsync(store, message, new ReminderEmailDeferred(reminder.Id, delivery.Address, attempt.Value, unavailable.Message, time.Now), ct);
                throw;
            }
        }
        await CompleteAsync(store, message, time.Now, ct);
    }

    public static Guid InAppId(Guid reminderId) => ReminderKeys.UuidV5(reminderId, "in-app");

    public static string MessageId(Guid reminderId, string address) =>
        $"{ReminderKeys.UuidV5(reminderId, address.ToLowerInvariant()):N}@reminders.htxfund";

    /// <summary>Steps 1 and 2. Null when the reminder does not exist (or was just cancelled).</summary>
    private static async Task<Reminder?> PrepareAsync(IDocumentStore store, SendReminder message, BusinessTime time, CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.FundId);
        var stream = await session.Events.FetchForWriting<Reminder>(message.ReminderId, ct);
        if (stream.Aggregate is not { } reminder || reminder.IsDone) return stream.Aggregate;

        // Re-checked on every attempt: a payment recorded while the SMTP server was down cancels what is still unsent.
        var reason = await CancelReasonAsync(session, reminder, time.Today, ct);
        if (reason is not null)
        {
            stream.AppendOne(new ReminderCancelled(reminder.Id, reason, time.Now));
            if (reminder.PostedInApp) session.Delete<Notification>(InAppId(reminder.Id)); // nothing to remind any more
            await SaveAsync(session, ct);
            return null;
        }
        if (reminder.PostedInApp) return reminder;
        var fundName = Fund.NameOf(await session.LoadAsync<Fund>(message.FundId, ct));
        var text = ReminderContent.For(reminder, fundName);
        var notification = new Notification
        {
            Id = InAppId(reminder.Id),
            UserId = reminder.Audience == ReminderAudience.Staff ? reminder.RecipientUserId : null,
            CooperativeId = reminder.Audience == ReminderAudience.Cooperative ? reminder.CooperativeId : null,
            Title = text.Subject, Body = text.Summary,
            Link = reminder.HasNotice ? $"/api/reminders/{reminder.Id}/notice"
                : reminder.LoanId is { } loanId ? $"/api/loans/{loanId}" : $"/api/applications/{reminder.ApplicationId}",
            ReminderId = reminder.Id, Kind = reminder.Kind, CreatedAt = time.Now, CreatedAtMs = time.Now.ToUnixTimeMilliseconds(),
        };
        session.Insert(notification);
        var posted = new ReminderPostedInApp(reminder.Id, 1, time.Now);
        stream.AppendOne(posted);
        await SaveAsync(session, ct);
        return reminder.Apply(posted);
    }

    private static async Task<string?> CancelReasonAsync(IDocumentSession session, Reminder reminder, LocalDate today, CancellationToken ct)
    {
        switch (reminder.Kind)
        {
            case ReminderKind.UpcomingInstalment or ReminderKind.OverdueInstalment:
            {
                var loan = await session.LoadAsync<Loan>(reminder.LoanId!.Value, ct);
                var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
                var position = loan is null ? null : LoanPosition.Of(loan, today, policy);
                return ReminderRules.CancelReason(reminder, loan, position, today);
            }
            default:
            {
                var application = await session.LoadAsync<ApplicationDetails>(reminder.ApplicationId!.Value, ct);
                return application is { Status: ApplicationStatus.Submitted or ApplicationStatus.Appraised } && application.DecidedOn is null
                    ? null
                    : "Hồ sơ đã được quyết định hoặc không còn chờ xử lý.";
            }
        }
    }

    /// <summary>Claims an address for this node; null when it is done or claimed by another node within the lease.</summary>
    private static async Task<int?> ClaimAsync(IDocumentStore store, SendReminder message, string address, Instant now, Duration lease,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.FundId);
        var stream = await session.Events.FetchForWriting<Reminder>(message.ReminderId, ct);
        var delivery = stream.Aggregate!.Deliveries.First(d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase));
        if (delivery.State is DeliveryState.Delivered or DeliveryState.Undeliverable) return null;
        if (delivery is { State: DeliveryState.Sending, ClaimedAt: { } claimed } && now - claimed < lease)
            throw new ReminderBusy($"Reminder {message.ReminderId}: {address} is being sent by another node.");
        var attempt = delivery.Attempts + 1;
        stream.AppendOne(new ReminderEmailSending(message.ReminderId, address, attempt, now));
        await SaveAsync(session, ct);
        return attempt;
    }

    private static async Task AppendAsync(IDocumentStore store, SendReminder message, object @event, CancellationToken ct,
        Action<IDocumentSession>? also = null)
    {
        await using var session = store.LightweightSession(message.FundId);
        session.Events.Append(message.ReminderId, @event);
        also?.Invoke(session);
        if (@event is ReminderEmailUndeliverable u && u.SmtpStatus > 0)
        {
            var existing = await session.LoadAsync<UndeliverableAddress>(u.Address.ToLowerInvariant(), ct);
            if (existing is not null)
                session.Store(existing with { SmtpStatus = u.SmtpStatus, Error = u.Error, LastReminderId = u.ReminderId, LastRefusedAt = u.At,
                    Refusals = existing.Refusals + 1 });
        }
        await session.SaveChangesAsync(ct);
    }

    private static async Task CompleteAsync(IDocumentStore store, SendReminder message, Instant now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.FundId);
        var stream = await session.Events.FetchForWriting<Reminder>(message.ReminderId, ct);
        if (stream.Aggregate is not { IsDone: false } reminder) return;
        if (reminder.Deliveries.Any(d => d.State is DeliveryState.Pending or DeliveryState.Sending))
            throw new ReminderBusy($"Reminder {message.ReminderId}: an address is still being sent by another node.");
        stream.AppendOne(new ReminderSent(reminder.Id, now));
        await SaveAsync(session, ct);
    }

    private static async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (WriteConflicts.Is(e))
        {
            throw new ReminderBusy("The reminder changed under this node; retrying.", e);
        }
    }
}
