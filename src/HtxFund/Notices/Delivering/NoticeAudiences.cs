using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using Marten;

namespace HtxFund.Notices.Delivering;

/// <summary>Who receives a notice in fund <c>fundId</c>: the named users, the users holding one of the roles, the users
/// bound to the cooperative, each once; only the fund's own users, and never a disabled one.</summary>
public static class NoticeAudiences
{
    public static async Task<IReadOnlyList<UserAccount>> ResolveAsync(IQuerySession session, string fundId, NoticeAudience to, CancellationToken ct)
    {
        var users = await session.Query<UserAccount>().Where(u => u.FundId == fundId && !u.Disabled).ToListAsync(ct);
        return users.Where(u => Includes(to, u)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToArray();
    }

    public static bool Includes(NoticeAudience to, UserAccount user) =>
        to.Users.Contains(user.Id)
        || user.Roles.Any(r => r != Roles.Cooperative && to.Roles.Contains(r))
        || to.CooperativeId is { } c && user.CooperativeId == c && user.Roles.Contains(Roles.Cooperative);
}
