using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    public Instant CreatedAt { get; init; }
    /// <summary>Unix milliseconds of <see cref="CreatedAt"/>, for ordering in queries.</summary>
    public long CreatedAtMs { get; init; }
    public List<Guid> ReadBy { get; init; } = [];
}

/// <summary>A notification as its reader sees it.</summary>
public sealed record NotificationView(Guid Id, string Title, string Body, string? Link, Guid? ReminderId, ReminderKind? Kind,
    Instant CreatedAt, bool Read)
{
    public static NotificationView Of(Notification n, Guid userId) =>
        new(n.Id, n.Title, n.Body, n.Link, n.ReminderId, n.Kind, n.CreatedAt, n.ReadBy.Contains(userId));
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

public static class NotificationEndpoints
{
    private static ProblemDetails NotFound(Guid id) => Problems.NotFound("notification.not_found", $"Không tìm thấy thông báo {id}.");

    /// <summary>The caller's inbox, newest first (paged; <c>unreadOnly=true</c> for unread only), with the unread count.
    /// Every user has one: staff see what was addressed to them, a cooperative user what was addressed to its cooperative.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/notifications", OperationId = "listNotifications")]
    [Tags("Thông báo")]
    [ProducesResponseType<NotificationPage>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(int? page, int? pageSize, bool? unreadOnly, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var (number, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var userId = user.UserId();
        var query = NotificationInbox.Of(session, user);
        if (unreadOnly == true) query = query.Where(n => !n.ReadBy.Contains(userId));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAtMs).ThenBy(n => n.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var unread = await NotificationInbox.UnreadAsync(session, user, ct);
        return Results.Ok(new NotificationPage(items.Select(n => NotificationView.Of(n, userId)).ToArray(), number, size, total,
            (total + size - 1) / size, unread));
    }

    /// <summary>Marks one of the caller's notifications read (repeating it changes nothing). Another user's answers 404.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/notifications/{id}/read", OperationId = "markNotificationRead")]
    [Tags("Thông báo")]
    [ProducesResponseType<NotificationView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> PostRead(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var userId = user.UserId();
        var notification = await NotificationInbox.Of(session, user).Where(n => n.Id == id).FirstOrDefaultAsync(ct);
        if (notification is null) return Results.Problem(NotFound(id));
        if (!notification.ReadBy.Contains(userId))
        {
            notification = notification with { ReadBy = [.. notification.ReadBy, userId] };
            session.Store(notification);
        }
        return Results.Ok(NotificationView.Of(notification, userId));
    }

    /// <summary>Marks every notification of the caller read; answers how many were marked.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/notifications/read-all", OperationId = "markAllNotificationsRead")]
    [Tags("Thông báo")]
    [ProducesResponseType<ReadAllResult>(200)]
    public static async Task<IResult> PostReadAll(ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var userId = user.UserId();
        var unread = await NotificationInbox.Of(session, user).Where(n => !n.ReadBy.Contains(userId)).ToListAsync(ct);
        foreach (var n in unread) session.Store(n with { ReadBy = [.. n.ReadBy, userId] });
        return Results.Ok(new ReadAllResult(unread.Count, 0));
    }
}
