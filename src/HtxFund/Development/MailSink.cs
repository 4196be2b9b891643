using System.Text.RegularExpressions;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Identity;
using Marten;
using MimeKit;
using NodaTime;

namespace HtxFund.Development;

/// <summary>The local mail sink's folder (<c>HtxFund:MailSink:Folder</c>; ops/run sets it to <c>.data/mail</c>, where
/// <c>ops/lib/smtp_sink.py</c> writes each message it accepts as <c>&lt;id&gt;.eml</c>). Read only in Development.</summary>
public sealed class MailSinkOptions
{
    public const string Section = "HtxFund:MailSink";

    public string? Folder { get; set; }
}

/// <summary>One message the sink received, as listed (no bodies).</summary>
public sealed record ReceivedMailSummary(string Id, string? From, IReadOnlyList<string> To, string Subject, Instant Date,
    int Attachments);

/// <summary>One message the sink received, whole: its text and HTML bodies and its attachments.</summary>
public sealed record ReceivedMail(string Id, string? From, IReadOnlyList<string> To, string Subject, Instant Date, string? Text,
    string? Html, IReadOnlyList<ReceivedAttachment> Attachments);

/// <summary>An attachment of a received message; <paramref name="Index"/> is its place among the message's attachments.</summary>
public sealed record ReceivedAttachment(int Index, string FileName, string ContentType, long Size);

/// <summary>
/// Reads the mail sink's folder with MimeKit, newest message first (by the time the sink wrote it). A fund's admin sees
/// only the messages addressed to the fund: to one of its users' emails or one of its cooperatives' contact emails
/// (<see cref="FundAddressesAsync"/>); the sink is one folder for the whole machine.
/// </summary>
public sealed partial class MailSink(MailSinkOptions options)
{
    /// <summary>The sink's file names are <c>uuid4().hex</c>; anything else is not a message id (no path can be named).</summary>
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex MessageId();

    public bool Configured => !string.IsNullOrWhiteSpace(options.Folder);

    /// <summary>The newest <paramref name="limit"/> messages addressed to one of <paramref name="addresses"/>.</summary>
    public IReadOnlyList<ReceivedMailSummary> List(IReadOnlySet<string> addresses, int limit)
    {
        if (!Configured || !Directory.Exists(options.Folder)) return [];
        return new DirectoryInfo(options.Folder!).GetFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Select(f => (File: f, Message: TryLoad(f.FullName)))
            .Where(m => m.Message is not null && AddressedTo(m.Message, addresses))
            .Take(limit)
            .Select(m => Summary(Path.GetFileNameWithoutExtension(m.File.Name), m.File, m.Message!))
            .ToArray();
    }

    /// <summary>The message <paramref name="id"/> when it exists and is addressed to one of <paramref name="addresses"/>.</summary>
    public ReceivedMail? Get(string id, IReadOnlySet<string> addresses) =>
        Load(id, addresses) is var (file, message) ? Whole(id, file, message) : null;

    /// <summary>Attachment <paramref name="index"/> of message <paramref name="id"/>: its name, type and content.</summary>
    public (string FileName, string ContentType, byte[] Content)? Attachment(string id, int index, IReadOnlySet<string> addresses)
    {
        if (Load(id, addresses) is not var (_, message)) return null;
        if (message.Attachments.OfType<MimePart>().ElementAtOrDefault(index) is not { } part) return null;
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return (FileName(part, index), part.ContentType.MimeType, content.ToArray());
    }

    /// <summary>The addresses of fund <paramref name="fundId"/>: its users' emails, its cooperatives' contact emails and
    /// the emails of the cooperatives signing up with it (their confirmation links go out before any account exists),
    /// compared without case.</summary>
    public static async Task<IReadOnlySet<string>> FundAddressesAsync(IQuerySession session, string fundId, CancellationToken ct)
    {
        var users = await session.Query<UserAccount>().Where(u => u.FundId == fundId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        var cooperatives = await session.Query<CooperativeDetails>().Where(c => c.ContactEmail != null).Select(c => c.ContactEmail!).ToListAsync(ct);
        var signingUp = await session.Query<SignUps.SignUp>().Select(s => s.Email).ToListAsync(ct);
        return users.Concat(cooperatives).Concat(signingUp).Select(a => a.Trim()).Where(a => a.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private (FileInfo File, MimeMessage Message)? Load(string id, IReadOnlySet<string> addresses)
    {
        if (!Configured || !MessageId().IsMatch(id)) return null;
        var file = new FileInfo(Path.Combine(options.Folder!, id + ".eml"));
        return file.Exists && TryLoad(file.FullName) is { } message && AddressedTo(message, addresses) ? (file, message) : null;
    }

    private static MimeMessage? TryLoad(string path)
    {
        try { return MimeMessage.Load(path); }
        catch (Exception e) when (e is FormatException or IOException) { return null; } // removed or not a message
    }

    private static IEnumerable<string> Recipients(MimeMessage message) =>
        message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(m => m.Address);

    private static bool AddressedTo(MimeMessage message, IReadOnlySet<string> addresses) => Recipients(message).Any(addresses.Contains);

    private static Instant Date(FileInfo file, MimeMessage message) =>
        message.Date != DateTimeOffset.MinValue ? Instant.FromDateTimeOffset(message.Date) : Instant.FromDateTimeUtc(file.LastWriteTimeUtc);

    private static ReceivedMailSummary Summary(string id, FileInfo file, MimeMessage message) =>
        new(id, message.From.ToString(), Recipients(message).ToArray(), message.Subject ?? "", Date(file, message),
            message.Attachments.OfType<MimePart>().Count());

    private static ReceivedMail Whole(string id, FileInfo file, MimeMessage message) =>
        new(id, message.From.ToString(), Recipients(message).ToArray(), message.Subject ?? "", Date(file, message), message.TextBody,
            message.HtmlBody, message.Attachments.OfType<MimePart>()
                .Select((p, i) => new ReceivedAttachment(i, FileName(p, i), p.ContentType.MimeType, Size(p))).ToArray());

    private static string FileName(MimePart part, int index) => part.FileName is { Length: > 0 } name ? name : $"tep-dinh-kem-{index + 1}";

    private static long Size(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return content.Length;
    }
}
