using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace HtxFund.Reminders.Sending;

/// <summary>SMTP settings (<c>HtxFund:Smtp:*</c>, or environment variables <c>HtxFund__Smtp__Host</c> ...).</summary>
public sealed class SmtpOptions
{
    public const string Section = "HtxFund:Smtp";

    /// <summary>No host: email is off (reminders still reach the in-app inbox; deliveries are recorded as not sent).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@htxfund.local";
    public string FromName { get; set; } = Funds.Fund.GenericName;
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Backoff between attempts while the SMTP server is unreachable or answers 4xx; the last delay repeats.
    /// Empty means <see cref="DefaultRetryDelaysSeconds"/> (no initial value here: the configuration binder would append
    /// the configured delays to it instead of replacing it).</summary>
    public double[] RetryDelaysSeconds { get; set; } = [];

    public static readonly double[] DefaultRetryDelaysSeconds = [5, 30, 120, 600, 1800];

    public IReadOnlyList<TimeSpan> RetryDelays =>
        (RetryDelaysSeconds is { Length: > 0 } d ? d : DefaultRetryDelaysSeconds).Select(TimeSpan.FromSeconds).ToArray();

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>One email ready to go: Vietnamese subject, plain text and HTML bodies, optional PDF attachment.</summary>
public sealed record MailMessageSpec(string To, string? ToName, string Subject, string Text, string Html, string MessageId,
    string? AttachmentName = null, byte[]? Attachment = null);

/// <summary>The SMTP server could not take the message now (unreachable, timeout, 4xx): retry later with backoff.</summary>
public sealed class MailTemporarilyUnavailable(string message, Exception inner) : Exception(message, inner);

/// <summary>The SMTP server refused the recipient or message permanently (5xx): do not retry this address.</summary>
public sealed class MailPermanentlyRefused(int status, string message, Exception inner) : Exception(message, inner)
{
    public int SmtpStatus { get; } = status;
}

public interface IMailSender
{
    bool Enabled { get; }
    Task SendAsync(MailMessageSpec message, CancellationToken ct);
}

/// <summary>Sends over SMTP with MailKit, one connection per message (reminders are few; no pooling to go stale).</summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    public bool Enabled => options.Enabled;

    public async Task SendAsync(MailMessageSpec spec, CancellationToken ct)
    {
        var message = Build(spec);
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Security, ct);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new MailPermanentlyRefused((int)e.StatusCode, $"{(int)e.StatusCode} {e.Message}".Trim(), e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SocketException or IOException or TimeoutException
                                      or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException
                                      or SslHandshakeException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new MailTemporarilyUnavailable($"SMTP {options.Host}:{options.Port} unavailable: {e.Message}", e);
        }
    }

    private MimeMessage Build(MailMessageSpec spec)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(spec.ToName ?? "", spec.To));
        message.Subject = spec.Subject;
        message.MessageId = spec.MessageId;
        var body = new BodyBuilder { TextBody = spec.Text, HtmlBody = spec.Html };
        if (spec.Attachment is not null)
            body.Attachments.Add(spec.AttachmentName ?? "thong-bao.pdf", spec.Attachment, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
