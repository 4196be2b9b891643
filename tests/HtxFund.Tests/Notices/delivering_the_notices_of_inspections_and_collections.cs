using HtxFund.Collections.Daily;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Reminders.Daily;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Notices.Fixtures;
using NodaTime;
using Wolverine;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace HtxFund.Tests.Notices;

/// <summary>The notices the inspections and the collections send (issue 20) reach their people in-app and by email, once,
/// through the same delivery as every other notice.</summary>
public sealed class delivering_the_notices_of_inspections_and_collections(AppFixture fixture) : NoticeContext(fixture)
{
    [Fact]
    public async Task the_officer_hears_of_an_inspection_falling_due_and_the_officer_and_director_of_a_broken_promise()
    {
        var (loan, _) = await DisbursedLoan(number: "91/2026/HĐTD");
        var officer = Staff(Roles.CreditOfficer);
        var director = Staff(Roles.Director);
        var today = Host.Services.GetRequiredService<BusinessTime>().Today;

        // the inspection is due 30 days after the disbursement: three days before, the daily run tells the loan's officer
        AdvanceTo(today.PlusDays(27));
        await Host.InvokeMessageAndWaitAsync(new RunDailyReminders());
        var due = (await PostedTo(officer, NoticeKind.InspectionDueSoon)).Single();
        due.Body.ShouldContain("91/2026/HĐTD");

        // a promise to pay 1.000.000 ₫ within two days, nothing paid: the day after, it is broken
        var promiseDay = today.PlusDays(28);
        await Ok(Post($"/api/loans/{loan}/collections/promises",
            new { amount = 1_000_000, payBy = Iso(promiseDay.PlusDays(2)), note = "Hẹn trả sau khi bán hàng." }, await TokenFor(Roles.CreditOfficer)));
        AdvanceTo(promiseDay.PlusDays(3));
        using (var scope = Host.Services.CreateScope())
        {
            var job = ActivatorUtilities.CreateInstance<DailyCollectionsJob>(scope.ServiceProvider);
            await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90))
                .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => job.Run(CancellationToken.None)));
        }

        Notification broken = null!;
        foreach (var user in new[] { officer, director })
            (broken = (await PostedTo(user, NoticeKind.PromiseToPayBroken)).Single()).Body.ShouldContain("1.000.000 ₫");
        await Settled();
        // each told once by email too (the subject is the notice's title); nobody else of the fund heard of it
        MailTo(StaffEmail(officer)).Count(m => m.Subject == due.Title).ShouldBe(1);
        foreach (var user in new[] { officer, director })
            MailTo(StaffEmail(user)).Count(m => m.Subject == broken.Title).ShouldBe(1);
        MailTo(StaffEmail(director)).Count(m => m.Subject == due.Title).ShouldBe(0);
        (await InApp(Staff(Roles.BoardMember), NoticeKind.PromiseToPayBroken)).ShouldBeEmpty();
        (await InApp(officer, NoticeKind.PromiseToPayBroken)).Count.ShouldBe(1);
    }
}
