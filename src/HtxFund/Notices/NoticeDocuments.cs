using HtxFund.Reminders;
using HtxFund.Reminders.Notifications;
using NodaTime;

namespace HtxFund.Notices;

/// <summary>Which kinds of notice a user does not want by email (a document in the user's fund, id = the user's id).
/// Every kind is emailed unless listed here; the in-app notification is always posted.</summary>
public sealed record NoticePreferences
{
    public Guid Id { get; init; }
    public List<NoticeKind> EmailOff { get; init; } = [];
    public Instant ChangedAt { get; init; }

    public bool Emails(NoticeKind kind) => !EmailOff.Contains(kind);
}

public enum NoticeEmailState
{
    /// <summary>Claimed by a node that is talking to the SMTP server (or crashed doing so: retaken after the lease).</summary>
    Sending,
    /// <summary>Accepted by the SMTP server.</summary>
    Delivered,
    /// <summary>Refused permanently (5xx): not tried again.</summary>
    Undeliverable,
    /// <summary>The server could not be reached or answered 4xx: the next attempt claims it again.</summary>
    Deferred,
}

/// <summary>The email of notice <see cref="NoticeId"/> to user <see cref="UserId"/> (id: <see cref="NoticeKeys.EmailId"/>):
/// recorded so that a notice handled again never emails the same person twice. Optimistic concurrency: of two nodes
/// claiming it at once, one fails and retries.</summary>
public sealed record NoticeDelivery
{
    public Guid Id { get; init; }
    public Guid NoticeId { get; init; }
    public NoticeKind Kind { get; init; }
    public Guid UserId { get; init; }
    public required string Address { get; init; }
    public NoticeEmailState State { get; init; }
    public int Attempts { get; init; }
    public Instant ClaimedAt { get; init; }
    public Instant? DoneAt { get; init; }
    public string? MessageId { get; init; }
    public int SmtpStatus { get; init; }
    public string? Error { get; init; }
}

/// <summary>Deterministic ids: every node, and every redelivery or replay, computes the same.</summary>
public static class NoticeKeys
{
    public static readonly Guid Namespace = new("8e3f6a2c-93b1-4d0e-b6a4-2c7d51f0a920");

    /// <summary>The notice made from an event (its Marten id) or another fact.</summary>
    public static Guid Of(Guid factId, string what) => ReminderKeys.UuidV5(Namespace, $"{factId:N}|{what}");

    /// <summary>The in-app notification of <paramref name="noticeId"/> for <paramref name="userId"/>.</summary>
    public static Guid InAppId(Guid noticeId, Guid userId) => ReminderKeys.UuidV5(noticeId, $"in-app|{userId:N}");

    public static Guid EmailId(Guid noticeId, Guid userId) => ReminderKeys.UuidV5(noticeId, $"email|{userId:N}");

    /// <summary>The email's Message-ID: derived from the notice and the recipient, so a receiving system can spot the
    /// duplicate of the one crash window (see <see cref="Delivering.SendNoticeHandler"/>).</summary>
    public static string MessageId(Guid noticeId, Guid userId) => $"{EmailId(noticeId, userId):N}@notices.htxfund";
}
