using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Reminders.Notifications;

public static class ListNotificationsEndpoint
{
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
}
