using HtxFund.Funds;
using HtxFund.Infrastructure.Time;
using HtxFund.Reminders.Sending;
using Marten;

namespace HtxFund.Identity.SigningIn;

/// <summary>Email the user about lockout <paramref name="LockoutId"/>: a durable local message, written to Wolverine's
/// outbox in the transaction that recorded the lockout.</summary>
public sealed record SendLockoutEmail(Guid LockoutId);

/// <summary>
/// Sends the Vietnamese lockout email with the reminders' mail sender (MailKit, <c>HtxFund:Smtp:*</c>). While the SMTP
/// server is unreachable or answers 4xx, <see cref="MailTemporarilyUnavailable"/> makes Wolverine retry the message with
/// the reminders' backoff (<c>HtxFund:Smtp:RetryDelaysSeconds</c>, see <see cref="Reminders.RemindersConfiguration"/>);
/// a permanent refusal (5xx) is recorded on the lockout. A lockout already sent is not sent again; the Message-ID is
/// derived from the lockout, so a duplicate after a crash between the server's acceptance and the record can be spotted.
/// </summary>
public static class SendLockoutEmailHandler
{
    public static async Task Handle(SendLockoutEmail message, IDocumentStore store, IMailSender mail, BusinessTime time,
        ILogger<SendLockoutEmail> logger, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var lockout = await session.LoadAsync<SignInLockout>(message.LockoutId, ct);
        if (lockout is not { Email: LockoutEmailState.Pending }) return;
        var user = await session.LoadAsync<UserAccount>(lockout.UserId, ct);
        if (string.IsNullOrWhiteSpace(user?.Email))
        {
            await RecordAsync(session, lockout with { Email = LockoutEmailState.NoAddress, EmailAt = time.Now }, ct);
            return;
        }
        if (!mail.Enabled)
        {
            await RecordAsync(session, lockout with
            {
                Email = LockoutEmailState.NotConfigured, EmailAt = time.Now,
                EmailError = "Chưa cấu hình máy chủ thư (HtxFund:Smtp:Host): thư không được gửi.",
            }, ct);
            return;
        }

        var fundName = Fund.NameOf(await session.LoadAsync<Fund>(user.FundId, ct));
        var text = LockoutText.Email(lockout, user.DisplayName, fundName, time.Zone);
        var spec = new MailMessageSpec(user.Email, user.DisplayName, text.Subject, text.Text, text.Html, MessageId(lockout.Id));
        var attempts = lockout.EmailAttempts + 1;
        try
        {
            await mail.SendAsync(spec, ct);
            await RecordAsync(session, lockout with
            {
                Email = LockoutEmailState.Sent, EmailTo = user.Email, EmailAttempts = attempts, EmailAt = time.Now, EmailError = null,
            }, ct);
        }
        catch (MailPermanentlyRefused refused)
        {
            logger.LogWarning("Lockout {Lockout}: {Address} refused permanently ({Status})", lockout.Id, user.Email, refused.SmtpStatus);
            await RecordAsync(session, lockout with
            {
                Email = LockoutEmailState.Undeliverable, EmailTo = user.Email, EmailAttempts = attempts, EmailAt = time.Now, EmailError = refused.Message,
            }, ct);
        }
        catch (MailTemporarilyUnavailable unavailable)
        {
            logger.LogWarning("Lockout {Lockout}: SMTP unavailable, will retry: {Error}", lockout.Id, unavailable.Message);
            await RecordAsync(session, lockout with { EmailTo = user.Email, EmailAttempts = attempts, EmailError = unavailable.Message }, ct);
            throw;
        }
    }

    public static string MessageId(Guid lockoutId) => $"{lockoutId:N}@lockouts.htxfund";

    private static async Task RecordAsync(IDocumentSession session, SignInLockout lockout, CancellationToken ct)
    {
        session.Store(lockout);
        await session.SaveChangesAsync(ct);
    }
}
