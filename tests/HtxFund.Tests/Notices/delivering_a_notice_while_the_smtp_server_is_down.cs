using HtxFund.Identity;
using HtxFund.Notices;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Notices.Fixtures;
using Marten;

namespace HtxFund.Tests.Notices;

public sealed class delivering_a_notice_while_the_smtp_server_is_down(AppFixture fixture) : NoticeContext(fixture)
{
    private async Task<IReadOnlyList<NoticeDelivery>> Deliveries()
    {
        await using var session = Store.QuerySession(FundA);
        return await session.Query<NoticeDelivery>().ToListAsync();
    }

    [Fact]
    public async Task the_in_app_notice_is_posted_at_once_and_the_email_waits_and_arrives_once_when_the_server_returns()
    {
        await Smtp.StopAsync();
        await Submitted(Request(amount: 400_000_000));

        await PostedTo(Staff(Roles.CreditOfficer), NoticeKind.ApplicationSubmitted);
        await Eventually(async () => (await Deliveries()).SingleOrDefault() is { State: NoticeEmailState.Deferred, Attempts: >= 2 },
            "the email has failed at least twice against the stopped SMTP server");
        (await Deliveries()).Single().Error.ShouldNotBeNull();

        await Smtp.StartAsync();
        await Emailed(StaffEmail(Staff(Roles.CreditOfficer)));
        await Eventually(async () => (await Deliveries()).Single().State == NoticeEmailState.Delivered, "the email is recorded delivered");
        await Settled();
        NoticeMail().Count.ShouldBe(1);
        (await InApp(Staff(Roles.CreditOfficer))).Count.ShouldBe(1);
    }
}
