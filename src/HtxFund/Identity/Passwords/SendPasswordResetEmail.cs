using System.Globalization;
using HtxFund.Funds;
using HtxFund.Infrastructure.Time;
using HtxFund.Reminders.Sending;
using Marten;
using NodaTime;

namespace HtxFund.Identity.Passwords;

/// <summary>Email the link of password reset <paramref name="ResetId"/>: a durable local message, written to Wolverine's
/// outbox in the transaction that stored the reset.</summary>
public sealed record SendPasswordResetEmail(Guid ResetId);

/// <summary>
/// Makes the link's token, stores its hash, then sends the Vietnamese email with the reminders' mail sender. While the SMTP
/// server is unavailable, <see cref="MailTemporarilyUnavailable"/> makes Wolverine retry (the reminders' backoff); each try
/// makes a new token, so a link that never arrived never works. A reset already sent, used or expired is not sent.
/// </summary>
public static class SendPasswordResetEmailHandler
{
    public static async Task Handle(SendPasswordResetEmail message, IDocumentStore store, IMailSender mail, BusinessTime time,
        Notices.NoticeOptions site, ILogger<SendPasswordResetEmail> logger, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var reset = await session.LoadAsync<PasswordReset>(message.ResetId, ct);
        if (reset is null || reset.SentAt is not null || reset.UsedAt is not null || time.Now >= reset.ExpiresAt) return;
        var user = await session.LoadAsync<UserAccount>(reset.UserId, ct);
        if (user is not { Disabled: false } || string.IsNullOrWhiteSpace(user.Email)) return;
        if (!mail.Enabled)
        {
            await RecordAsync(session, reset with { EmailError = "Chưa cấu hình máy chủ thư (HtxFund:Smtp:Host): thư không được gửi." }, ct);
            return;
        }

        var (token, hash) = PasswordReset.NewToken();
        // the hash is stored before the email leaves, so the link works as soon as it arrives
        await RecordAsync(session, reset with { TokenHash = hash, SentTo = user.Email }, ct);
        var fundName = Fund.NameOf(await session.LoadAsync<Fund>(user.FundId, ct));
        var text = PasswordResetText.Email(reset, Link(reset, token, site), user, fundName, time.Zone);
        try
        {
            await mail.SendAsync(new MailMessageSpec(user.Email, user.DisplayName, text.Subject, text.Text, text.Html, $"{reset.Id:N}@password-resets.htxfund"), ct);
            await RecordAsync(session, reset with { TokenHash = hash, SentTo = user.Email, SentAt = time.Now, EmailError = null }, ct);
        }
        catch (MailPermanentlyRefused refused)
        {
            logger.LogWarning("Password reset {Reset}: {Address} refused permanently ({Status})", reset.Id, user.Email, refused.SmtpStatus);
            await RecordAsync(session, reset with { TokenHash = null, EmailError = refused.Message }, ct);
        }
        catch (MailTemporarilyUnavailable unavailable)
        {
            logger.LogWarning("Password reset {Reset}: SMTP unavailable, will retry: {Error}", reset.Id, unavailable.Message);
            await RecordAsync(session, reset with { TokenHash = null, EmailError = unavailable.Message }, ct);
            throw;
        }
    }

    /// <summary>The page that takes the token: <c>{HtxFund:Notices:SiteUrl, else the origin of the request}/dat-lai-mat-khau?token=…</c>
    /// (set SiteUrl in production, so that a forged <c>Host</c> header can never point a link elsewhere).</summary>
    public static string Link(PasswordReset reset, string token, Notices.NoticeOptions site) =>
        $"{(string.IsNullOrWhiteSpace(site.SiteUrl) ? reset.LinkBase : site.SiteUrl).TrimEnd('/')}{PasswordReset.PagePath}?token={token}";

    private static async Task RecordAsync(IDocumentSession session, PasswordReset reset, CancellationToken ct)
    {
        session.Store(reset);
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>The Vietnamese email of a password-reset link.</summary>
public static class PasswordResetText
{
    public static ReminderText Email(PasswordReset reset, string link, UserAccount user, string fundName, DateTimeZone zone)
    {
        var until = reset.ExpiresAt.InZone(zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        var why = reset.Reason == PasswordResetReason.ForcedByAdmin
            ? $"Quản trị viên của quỹ yêu cầu tài khoản {user.UserName} đặt mật khẩu mới. Bạn chỉ đăng nhập lại được sau khi đặt mật khẩu mới."
            : $"Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản {user.UserName}.";
        return new ReminderText(
            $"Đặt mật khẩu mới cho tài khoản {user.UserName}",
            $"Kính gửi {user.DisplayName},",
            [
                why,
                $"Mở liên kết sau để đặt mật khẩu mới (dùng được một lần, đến {until}): {link}",
                reset.Reason == PasswordResetReason.ForcedByAdmin
                    ? "Nếu liên kết đã hết hạn, hãy dùng \"Quên mật khẩu\" trên trang đăng nhập để nhận liên kết mới."
                    : "Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.",
            ],
            [],
            $"Trân trọng,\n{fundName}");
    }
}
