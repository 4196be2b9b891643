using System.Security.Claims;
using HtxFund.Identity;
using Marten;
using NodaTime;

namespace HtxFund.Reminders.Notifications;

/// <summary>
/// One in-app notification (a Marten document in the fund's tenant). Addressed either to one user
/// (<see cref="UserId"/>) or to a cooperative (<see cref="CooperativeId"/>: every user bound to it sees it, including
/// users created later). Who has read it is kept per user in <see cref="ReadBy"/>.
/// </summary>
public sealed record Notification
{
    public Guid Id { get; init; }
    public Guid? UserId { get; init; }
    public Guid? CooperativeId { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    /// <summary>API address of what it is about (a loan, an application, the notice PDF).</summary>
    public string? Link { get; init; }
    public Guid? ReminderId { get; init; }
    public ReminderKind? Kind { get; init; }
    /// <summary>The kind of notice (<see cref="SendNotice"/>) that posted it; null for reminders.</summary>
    public NoticeKind? Notice { get; init; }
    /// <summary>The <see cref="SendNotice.NoticeId"/> that posted it.</summary>
    public Guid? NoticeId { get; init; }
    public Instant CreatedAt { get; init; }
    /// <summary>Unix milliseconds of <see cref="CreatedAt"/>, for ordering in queries.</summary>
    public long CreatedAtMs { get; init; }
    public List<Guid> ReadBy { get; init; } = [];
}

/// <summary>A notification as its reader sees it.</summary>
public sealed record NotificationView(Guid Id, string Title, string Body, string? Link, Guid? ReminderId, ReminderKind? Kind,
    Instant CreatedAt, bool Read, NoticeKind? Notice = null)
{
    public static NotificationView Of(Notification n, Guid userId) =>
        new(n.Id, n.Title, n.Body, n.Link, n.ReminderId, n.Kind, n.CreatedAt, n.ReadBy.Contains(userId), n.Notice);
}

/// <summary>A page of the caller's inbox, newest first, with how many are unread in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int PageNumber, int PageSize, long TotalCount, long PageCount,
    long UnreadCount);

public sealed record ReadAllResult(int Marked, long UnreadCount);

public static class NotificationInbox
{
    /// <summary>The caller's notifications: addressed to them, or (a Cooperative user) to their cooperative.</summary>
    public static IQueryable<Notification> Of(IQuerySession session, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        var coop = user.IsCooperative() ? user.CooperativeId() : null;
        return coop is { } c
            ? session.Query<Notification>().Where(n => n.UserId == userId || n.CooperativeId == c)
            : session.Query<Notification>().Where(n => n.UserId == userId);
    }

    public static async Task<long> UnreadAsync(IQuerySession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.UserId();
        return await Of(session, user).Where(n => !n.ReadBy.Contains(userId)).CountAsync(ct);
    }
}
