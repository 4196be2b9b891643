using HtxFund.Identity;
using HtxFund.Notices;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Reminders.Fixtures;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HtxFund.Tests.Notices.Fixtures;

/// <summary>Notices on (the fixture runs other tests with them off), the fixture's SMTP server emptied, fund A's staff
/// (<c>{userName}@quy-htx.test</c>), fund B's staff (same form) and the fixture's cooperative user with email addresses.</summary>
public abstract class NoticeContext(AppFixture fixture) : ReminderContext(fixture)
{
    protected string CoopUser => $"{FundA}.coop.{CooperativeId:N}"[..40];
    protected const string CoopEmail = "htx.nongsan@quy-htx.test";

    public override async Task InitializeAsync()
    {
        Host.Services.GetRequiredService<NoticeOptions>().Enabled = true;
        await base.InitializeAsync();
        await SetEmail(CoopUser, CoopEmail);
        await using var session = Store.LightweightSession();
        foreach (var user in await session.Query<UserAccount>().Where(u => u.FundId == FundB && u.CooperativeId == null).ToListAsync())
            session.Store(user with { Email = StaffEmail(user.UserName) });
        await session.SaveChangesAsync();
    }

    public override async Task DisposeAsync()
    {
        Host.Services.GetRequiredService<NoticeOptions>().Enabled = false;
        await base.DisposeAsync();
    }

    protected static string Staff(string role, string fund = FundA) => UserName(fund, role);

    protected async Task<UserAccount> User(string userName)
    {
        await using var session = Store.QuerySession();
        return await session.Query<UserAccount>().SingleAsync(u => u.UserName == userName);
    }

    /// <summary>The in-app notices (not reminders) posted to <paramref name="userName"/>, oldest first.</summary>
    protected async Task<IReadOnlyList<Notification>> InApp(string userName, NoticeKind? kind = null)
    {
        var user = await User(userName);
        await using var session = Store.QuerySession(user.FundId);
        var all = await session.Query<Notification>().Where(n => n.UserId == user.Id).OrderBy(n => n.CreatedAtMs).ToListAsync();
        return all.Where(n => n.Notice is not null && (kind is null || n.Notice == kind)).ToArray();
    }

    /// <summary>The notice emails the SMTP server accepted for <paramref name="address"/>.</summary>
    protected IReadOnlyList<MimeMessage> MailTo(string address) =>
        Mail().Where(m => m.MessageId?.EndsWith("@notices.htxfund", StringComparison.Ordinal) == true
                          && m.To.Mailboxes.Any(b => b.Address == address)).ToArray();

    protected IReadOnlyList<MimeMessage> NoticeMail() => Mail().Where(m => m.MessageId?.EndsWith("@notices.htxfund", StringComparison.Ordinal) == true).ToArray();

    /// <summary>Waits until <paramref name="userName"/> has <paramref name="count"/> in-app notices of <paramref name="kind"/>.</summary>
    protected async Task<IReadOnlyList<Notification>> PostedTo(string userName, NoticeKind kind, int count = 1)
    {
        await Eventually(async () => (await InApp(userName, kind)).Count >= count, $"{userName} has {count} in-app {kind} notice(s)");
        var posted = await InApp(userName, kind);
        posted.Count.ShouldBe(count);
        return posted;
    }

    /// <summary>Waits until <paramref name="address"/> has received <paramref name="count"/> notice emails.</summary>
    protected async Task<IReadOnlyList<MimeMessage>> Emailed(string address, int count = 1)
    {
        await Eventually(() => Task.FromResult(MailTo(address).Count >= count), $"{address} receives {count} notice email(s)");
        var mail = MailTo(address);
        mail.Count.ShouldBe(count);
        return mail;
    }

    /// <summary>Waits until every SendNotice the app has accepted so far has been handled (no envelope left in the durable
    /// inbox/outbox for it), so that what did not arrive will not arrive later.</summary>
    protected async Task Settled()
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var store = Host.Services.GetRequiredService<Wolverine.Persistence.Durability.IMessageStore>();
        await Eventually(async () =>
        {
            var counts = await store.Admin.FetchCountsAsync();
            return counts.Incoming == 0 && counts.Outgoing == 0 && counts.Scheduled == 0;
        }, "every message in the durable queues is handled");
    }
}
