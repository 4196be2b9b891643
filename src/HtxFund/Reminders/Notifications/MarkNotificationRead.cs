using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Reminders.Notifications;

public static class MarkNotificationReadEndpoint
{
    /// <summary>The notification if it is in the caller's inbox.</summary>
    public static Task<Notification?> LoadAsync(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        NotificationInbox.Of(session, user).Where(n => n.Id == id).FirstOrDefaultAsync(ct);

    public static ProblemDetails Validate(Guid id, Notification? notification) =>
        notification is null ? Problems.NotFound("notification.not_found", $"Không tìm thấy thông báo {id}.") : WolverineContinue.NoProblems;

    /// <summary>Marks one of the caller's notifications read (repeating it changes nothing). Another user's answers 404.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/notifications/{id}/read", OperationId = "markNotificationRead")]
    [Tags("Thông báo")]
    [ProducesResponseType<NotificationView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static (IResult, IMartenOp) Post(Guid id, [NotBody] Notification? notification, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        if (notification!.ReadBy.Contains(userId)) return (Results.Ok(NotificationView.Of(notification, userId)), MartenOps.Nothing());
        var read = notification with { ReadBy = [.. notification.ReadBy, userId] };
        return (Results.Ok(NotificationView.Of(read, userId)), MartenOps.Store(read));
    }
}
