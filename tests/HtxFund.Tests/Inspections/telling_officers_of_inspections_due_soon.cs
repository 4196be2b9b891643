using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Inspections.Notices;
using HtxFund.Reminders.Daily;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Inspections.Fixtures;
using NodaTime;
using Wolverine;

namespace HtxFund.Tests.Inspections;

/// <summary>The daily run tells the loan's officer, once, of an inspection falling due within the policy's 3 days.</summary>
public sealed class telling_officers_of_inspections_due_soon(AppFixture fixture) : InspectionContext(fixture)
{
    private Task<IReadOnlyList<SendNotice>> DailyRun() =>
        NoticesSentBy(bus => bus.InvokeAsync(new RunDailyReminders()));

    [Fact]
    public async Task the_officer_is_told_three_days_before_the_due_date_and_only_once()
    {
        var (_, id) = await DisbursedLoan(number: "35/2026/HĐTD"); // due 22/12/2026
        var officerId = (await Inspection(id)).OfficerId!.Value;

        AdvanceDays(26); // 18/12: four days before
        (await DailyRun()).Where(n => n.Kind == NoticeKind.InspectionDueSoon).ShouldBeEmpty();

        AdvanceDays(1); // 19/12: three days before
        var notice = (await DailyRun()).Where(n => n.Kind == NoticeKind.InspectionDueSoon).ShouldHaveSingleItem();
        notice.FundId.ShouldBe(FundA);
        notice.To.Users.ShouldBe([officerId]);
        notice.NoticeId.ShouldBe(InspectionNotices.DueSoonId(id));
        notice.Body.ShouldContain("22/12/2026");
        notice.Body.ShouldContain("35/2026/HĐTD");
        (await Inspection(id)).Inspection.DueSoonNoticedOn.ShouldBe(new LocalDate(2026, 12, 19));

        (await DailyRun()).Where(n => n.Kind == NoticeKind.InspectionDueSoon).ShouldBeEmpty(); // the same day again
        AdvanceDays(1);
        (await DailyRun()).Where(n => n.Kind == NoticeKind.InspectionDueSoon).ShouldBeEmpty(); // the next day
    }

    [Fact]
    public async Task a_recorded_inspection_is_not_announced()
    {
        var (_, id) = await DisbursedLoan();
        await Recorded(id);

        AdvanceDays(27);

        (await DailyRun()).Where(n => n.Kind == NoticeKind.InspectionDueSoon).ShouldBeEmpty();
    }
}
