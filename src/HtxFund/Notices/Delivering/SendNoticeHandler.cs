using System.Net;
using HtxFund.Files;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Reminders;
using HtxFund.Reminders.Notifications;
using HtxFund.Reminders.Sending;
using JasperFx;
using Marten;
using NodaTime;

namespace HtxFund.Notices.Delivering;

/// <summary>Another node is emailing this recipient right now, or wrote the same notice first: try again later.</summary>
public sealed class NoticeBusy(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Delivers a <see cref="SendNotice"/> (a durable local message; retried with the SMTP backoff of
/// <c>HtxFund:Smtp:RetryDelaysSeconds</c> while the server is unreachable or another node holds a recipient):
/// 1. resolves the audience in the notice's fund: the named users, the active users holding one of the roles, the users
///    bound to the cooperative (<see cref="NoticeAudiences"/>); disabled users get nothing;
/// 2. posts one in-app <see cref="Notification"/> per recipient, id <see cref="NoticeKeys.InAppId"/>: a redelivery finds
///    them and writes nothing (two deliveries at once: the second fails on the key, and its retry finds them);
/// 3. emails each recipient who has an address and has not turned the kind off (<see cref="NoticePreferences"/>), with the
///    attachment when there is one, through <see cref="IMailSender"/>; no SMTP host: in-app only. Each email is claimed
///    first (<see cref="NoticeDelivery"/>, inserted: of two nodes one wins), then sent, then recorded delivered /
///    undeliverable (5xx, also on the list of undeliverable addresses) / deferred (unreachable or 4xx: the message is
///    retried). The only window for a duplicate email is a crash between the SMTP server's acceptance and the record
///    (as for reminders); the Message-ID is derived from the notice and the recipient so a receiving system can spot it.
///    A claim left by a crashed node is taken over after the SMTP timeout's lease.
/// </summary>
public static class SendNoticeHandler
{
    public static async Task Handle(SendNotice notice, IDocumentStore store, IMailSender mail, SmtpOptions smtp, NoticeOptions options,
        ILogger<SendNotice> logger, Instant now, CancellationToken ct)
    {
        if (!options.Enabled) return;
        IReadOnlyList<UserAccount> recipients;
        string fundName;
        await using (var session = store.LightweightSession(notice.FundId))
        {
            recipients = await NoticeAudiences.ResolveAsync(session, notice.FundId, notice.To, ct);
            fundName = Fund.NameOf(await session.LoadAsync<Fund>(notice.FundId, ct));
            await PostInAppAsync(session, notice, recipients, now, ct);
        }
        if (!mail.Enabled || recipients.Count == 0) return;

        Dictionary<Guid, NoticePreferences> preferences;
        await using (var query = store.QuerySession(notice.FundId))
        {
            preferences = (await query.LoadManyAsync<NoticePreferences>(ct, recipients.Select(r => r.Id).ToArray())).ToDictionary(p => p.Id);
        }
        LoadedFile? attachment = null;
        foreach (var user in recipients)
        {
            if (string.IsNullOrWhiteSpace(user.Email)) continue;
            if (preferences.TryGetValue(user.Id, out var p) && !p.Emails(notice.Kind)) continue;
            if (await ClaimAsync(store, notice, user, smtp, now, ct) is not { } claim) continue;
            if (notice.AttachmentFileId is { } fileId && attachment is null)
            {
                await using var query = store.QuerySession(notice.FundId);
                attachment = await FileStore.LoadAsync(query, fileId, ct)
                             ?? throw new InvalidOperationException($"Notice {notice.NoticeId}: file {fileId} is not in fund {notice.FundId}.");
            }
            var spec = Email(notice, user, fundName, options, attachment);
            try
            {
                await mail.SendAsync(spec, ct);
                await RecordAsync(store, notice.FundId, claim with { State = NoticeEmailState.Delivered, DoneAt = now, MessageId = spec.MessageId, Error = null }, null, ct);
            }
            catch (MailPermanentlyRefused refused)
            {
                logger.LogWarning("Notice {Notice}: {Address} refused permanently ({Status})", notice.NoticeId, user.Email, refused.SmtpStatus);
                await RecordAsync(store, notice.FundId,
                    claim with { State = NoticeEmailState.Undeliverable, DoneAt = now, SmtpStatus = refused.SmtpStatus, Error = refused.Message },
                    new ReminderEmailUndeliverable(notice.NoticeId, user.Email!, refused.SmtpStatus, refused.Message, now), ct);
            }
            catch (MailTemporarilyUnavailable unavailable)
            {
                logger.LogWarning("Notice {Notice}: SMTP unavailable for {Address}, will retry: {Error}", notice.NoticeId, user.Email, unavailable.Message);
                await RecordAsync(store, notice.FundId, claim with { State = NoticeEmailState.Deferred, Error = unavailable.Message }, null, ct);
                throw;
            }
        }
    }

    /// <summary>Step 2: the in-app notifications not written yet.</summary>
    private static async Task PostInAppAsync(IDocumentSession session, SendNotice notice, IReadOnlyList<UserAccount> recipients, Instant now,
        CancellationToken ct)
    {
        var ids = recipients.ToDictionary(r => NoticeKeys.InAppId(notice.NoticeId, r.Id));
        var existing = (await session.LoadManyAsync<Notification>(ct, ids.Keys.ToArray())).Select(n => n.Id).ToHashSet();
        foreach (var (id, user) in ids)
        {
            if (existing.Contains(id)) continue;
            session.Insert(new Notification
            {
                Id = id, UserId = user.Id, Title = notice.Title, Body = notice.Body, Link = notice.Link, Notice = notice.Kind, NoticeId = notice.NoticeId,
                CreatedAt = now, CreatedAtMs = now.ToUnixTimeMilliseconds(),
            });
        }
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException || WriteConflicts.Is(e))
        {
            throw new NoticeBusy($"Notice {notice.NoticeId} was posted by another delivery at the same time; retrying.", e);
        }
    }

    /// <summary>Step 3, before talking to the SMTP server: the claim of <paramref name="user"/>'s email, or null when it is
    /// done already (delivered, or refused for good).</summary>
    private static async Task<NoticeDelivery?> ClaimAsync(IDocumentStore store, SendNotice notice, UserAccount user, SmtpOptions smtp, Instant now,
        CancellationToken ct)
    {
        var id = NoticeKeys.EmailId(notice.NoticeId, user.Id);
        await using var session = store.LightweightSession(notice.FundId);
        var existing = await session.LoadAsync<NoticeDelivery>(id, ct);
        switch (NoticeDeliveryRules.Decide(existing, now, ReminderSendingRules.Lease(smtp.TimeoutSeconds)))
        {
            case ClaimDecision.Done:
                return null;
            case ClaimDecision.HeldByAnotherNode:
                throw new NoticeBusy($"Notice {notice.NoticeId}: the email to {user.Email} is being sent by another node.");
        }
        var claim = new NoticeDelivery
        {
            Id = id, NoticeId = notice.NoticeId, Kind = notice.Kind, UserId = user.Id, Address = user.Email!, State = NoticeEmailState.Sending,
            Attempts = (existing?.Attempts ?? 0) + 1, ClaimedAt = now,
        };
        // Taking over a deferred or abandoned claim deletes it and inserts the new one in one transaction: of two nodes
        // doing so at once, the second's insert fails on the key.
        if (existing is not null) session.Delete<NoticeDelivery>(id);
        session.Insert(claim);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException || WriteConflicts.Is(e))
        {
            throw new NoticeBusy($"Notice {notice.NoticeId}: another node claimed the email to {user.Email}.", e);
        }
        return claim;
    }

    private static async Task RecordAsync(IDocumentStore store, string fund, NoticeDelivery delivery, ReminderEmailUndeliverable? refusal,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(fund);
        session.Store(delivery);
        if (refusal is not null
            && ReminderSendingRules.Refused(await session.LoadAsync<UndeliverableAddress>(refusal.Address.ToLowerInvariant(), ct), refusal) is { } listed)
            session.Store(listed);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The email: the notice's title as the subject, a greeting, its text, the link to its page and where to turn
    /// this kind of email off.</summary>
    public static MailMessageSpec Email(SendNotice notice, UserAccount user, string fundName, NoticeOptions options, LoadedFile? attachment)
    {
        var link = notice.Link is { } l ? options.LinkTo(l) : null;
        var preferences = options.LinkTo(NoticeLinks.PreferencesPage);
        var kind = NoticeKinds.Of(notice.Kind).Label;
        var text = $"Kính gửi {user.DisplayName},\n\n{notice.Body}\n\n"
                   + (link is null ? "" : $"Xem chi tiết: {link}\n\n")
                   + $"{fundName}\n\nThư này được gửi tự động (loại thông báo: {kind}). "
                   + $"Bạn có thể tắt thư loại này tại {preferences}; thông báo trong ứng dụng vẫn được giữ.";
        var e = (Func<string, string>)WebUtility.HtmlEncode;
        var html = $"<p>Kính gửi {e(user.DisplayName)},</p><p>{e(notice.Body)}</p>"
                   + (link is null ? "" : $"<p><a href=\"{e(link)}\">Xem chi tiết</a></p>")
                   + $"<p>{e(fundName)}</p><p style=\"color:#666;font-size:smaller\">Thư này được gửi tự động (loại thông báo: {e(kind)}). "
                   + $"Bạn có thể tắt thư loại này tại <a href=\"{e(preferences)}\">{e(preferences)}</a>; thông báo trong ứng dụng vẫn được giữ.</p>";
        return new MailMessageSpec(user.Email!, user.DisplayName, notice.Title, text, html, NoticeKeys.MessageId(notice.NoticeId, user.Id),
            attachment?.File.FileName, attachment?.Content);
    }
}

public enum ClaimDecision { Claim, Done, HeldByAnotherNode }

/// <summary>Whether an email of a notice may be claimed now (pure, like <see cref="ReminderSendingRules"/>).</summary>
public static class NoticeDeliveryRules
{
    public static ClaimDecision Decide(NoticeDelivery? existing, Instant now, Duration lease) => existing switch
    {
        null => ClaimDecision.Claim,
        { State: NoticeEmailState.Delivered or NoticeEmailState.Undeliverable } => ClaimDecision.Done,
        { State: NoticeEmailState.Sending } s when s.ClaimedAt + lease > now => ClaimDecision.HeldByAnotherNode,
        _ => ClaimDecision.Claim,
    };
}
