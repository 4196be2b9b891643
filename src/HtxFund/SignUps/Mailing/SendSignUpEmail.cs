using HtxFund.Funds;
using HtxFund.Infrastructure.Time;
using HtxFund.Reminders.Sending;
using Marten;
using Microsoft.Extensions.Options;

namespace HtxFund.SignUps.Mailing;

public enum SignUpEmailKind
{
    /// <summary>The link that confirms the address, after the submission.</summary>
    Confirmation,
    Approved,
    Refused,
}

/// <summary>Email the applicant of a sign-up: cascaded from the command that made it due, handled after the commit from
/// Wolverine's durable outbox. While the SMTP server is unreachable (or answers 4xx) it is retried with the reminders'
/// backoff (<c>HtxFund:Smtp:RetryDelaysSeconds</c>, <see cref="Reminders.RemindersConfiguration"/>).</summary>
public sealed record SendSignUpEmail(string Fund, Guid SignUpId, SignUpEmailKind Kind);

public static class SendSignUpEmailHandler
{
    public static async Task Handle(SendSignUpEmail message, IDocumentStore store, IMailSender mail, SignUpTokens tokens,
        IOptions<SignUpOptions> options, BusinessTime time, ILogger<SendSignUpEmail> logger, CancellationToken ct)
    {
        await using var query = store.QuerySession(message.Fund);
        var signUp = await query.LoadAsync<SignUp>(message.SignUpId, ct);
        if (signUp is null) return;
        if (!mail.Enabled)
        {
            logger.LogWarning("Sign-up {SignUp}: no SMTP server configured (HtxFund:Smtp:Host), the {Kind} email is not sent", signUp.Id, message.Kind);
            return;
        }
        var fundName = Fund.NameOf(await query.LoadAsync<Fund>(message.Fund, ct));
        var text = message.Kind switch
        {
            SignUpEmailKind.Confirmation => SignUpEmailText.Confirmation(signUp, fundName,
                $"{options.Value.PublicUrl.TrimEnd('/')}/dang-ky/xac-nhan?token={Uri.EscapeDataString(tokens.IssueEmailLink(message.Fund, signUp.Id, signUp.ConfirmBy))}",
                time.Zone),
            SignUpEmailKind.Approved => SignUpEmailText.Approved(signUp, fundName, $"{options.Value.PublicUrl.TrimEnd('/')}/dang-nhap"),
            _ => SignUpEmailText.Refused(signUp, fundName),
        };
        try
        {
            await mail.SendAsync(new MailMessageSpec(signUp.Email, signUp.Cooperative.LegalRepresentative, text.Subject, text.Text, text.Html,
                $"{signUp.Id:N}.{message.Kind.ToString().ToLowerInvariant()}@sign-ups.htxfund"), ct);
        }
        catch (MailPermanentlyRefused refused)
        {
            // nothing to retry: the address does not take mail (the applicant can sign up again with another one)
            logger.LogWarning("Sign-up {SignUp}: {Address} refused the {Kind} email permanently ({Status})", signUp.Id, signUp.Email,
                message.Kind, refused.SmtpStatus);
        }
    }
}
