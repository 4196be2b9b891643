using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using Marten;

namespace HtxFund.Web;

/// <summary>The unread count of the signed-in user's inbox, for the layout's badge (the API's own inbox query).</summary>
public static class NotificationBadge
{
    public static async Task<long> UnreadAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !Roles.StaffAndCooperative.Split(',').Any(user.IsInRole)) return 0;
        var store = context.RequestServices.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(user.FundId());
        return await NotificationInbox.UnreadAsync(session, user, context.RequestAborted);
    }
}
