using System.Security.Claims;
using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Reminders.Notifications;

public static class MarkAllNotificationsReadEndpoint
{
    /// <summary>The caller's unread notifications.</summary>
    public static async Task<IReadOnlyList<Notification>> LoadAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var userId = user.UserId();
        return await NotificationInbox.Of(session, user).Where(n => !n.ReadBy.Contains(userId)).ToListAsync(ct);
    }

    /// <summary>Marks every notification of the caller read; answers how many were marked.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/notifications/read-all", OperationId = "markAllNotificationsRead")]
    [Tags("Thông báo")]
    [ProducesResponseType<ReadAllResult>(200)]
    public static (IResult, StoreManyDocs<Notification>) Post(IReadOnlyList<Notification> unread, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        return (Results.Ok(new ReadAllResult(unread.Count, 0)),
            MartenOps.StoreMany(unread.Select(n => n with { ReadBy = [.. n.ReadBy, userId] }).ToArray()));
    }
}
