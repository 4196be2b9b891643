using HtxFund.Collections;
using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Support;
using NodaTime;
using Wolverine.Tracking;

namespace HtxFund.Tests.Collections;

/// <summary>The daily run decides each open promise the day after its date, from the repayments not reversed with a
/// value date from the day it was made to the promised date.</summary>
public sealed class deciding_promises_to_pay(AppFixture fixture) : CollectionContext(fixture)
{
    [Fact]
    public async Task a_promise_paid_in_full_is_kept_and_one_paid_in_part_is_broken_flagged_and_notified_once()
    {
        var kept = await DisbursedLoan(400_000_000, "61/2026/HĐTD");
        var broken = await DisbursedLoan(200_000_000, "62/2026/HĐTD");
        AdvanceTo(new LocalDate(2027, 1, 1));
        var officer = await TokenFor(Roles.CreditOfficer);
        await Ok(Post($"/api/loans/{kept}/collections/promises", Promise(1_000_000, "2027-01-05"), officer));
        await Ok(Post($"/api/loans/{broken}/collections/promises", Promise(989_003, "2027-01-05"), officer));

        // kept: 600,000 + 400,000 within the window; broken: 500,000 in time, 489,003 a day late, and a reversed 489,003
        AdvanceTo(new LocalDate(2027, 1, 3));
        await Repaid(kept, 600_000, "2027-01-03");
        await Repaid(broken, 500_000, "2027-01-03");
        var reversed = await Repaid(broken, 489_003, "2027-01-03");
        await Ok(LoanPost(broken, $"repayments/{reversed.RepaymentId}/reversal", new { reason = "Nhập nhầm khoản vay." },
            await TokenFor(Roles.ChiefAccountant)));
        AdvanceTo(new LocalDate(2027, 1, 5));
        await Repaid(kept, 400_000, "2027-01-05");

        // on the promised date itself nothing is decided yet
        (await RunDailyCollections()).FindEnvelopesWithMessageType<SendNotice>().ShouldBeEmpty();
        (await History(kept)).Promises.Single().State.ShouldBe(PromiseState.Open);

        AdvanceTo(new LocalDate(2027, 1, 6));
        await Repaid(broken, 489_003, "2027-01-06");
        var version = (await Loan(broken)).Version;
        var tracked = await RunDailyCollections();

        (await History(kept, await TokenFor(Roles.CreditOfficer))).Promises.Single().ShouldSatisfyAllConditions(
            p => p.State.ShouldBe(PromiseState.Kept), p => p.Paid.ShouldBe(1_000_000), p => p.DecidedOn.ShouldBe(new LocalDate(2027, 1, 6)));
        var history = await History(broken);
        history.Promises.Single().ShouldSatisfyAllConditions(p => p.State.ShouldBe(PromiseState.Broken), p => p.Paid.ShouldBe(500_000));
        history.PromiseBroken.ShouldBeTrue();
        (await Loan(broken)).Version.ShouldBe(version);

        var notice = tracked.FindEnvelopesWithMessageType<SendNotice>().Select(e => e.Message).OfType<SendNotice>().Distinct().ShouldHaveSingleItem();
        var loan = await Loan(broken);
        notice.ShouldSatisfyAllConditions(
            n => n.Kind.ShouldBe(NoticeKind.PromiseToPayBroken), n => n.FundId.ShouldBe(FundA),
            n => n.To.Users.ShouldBe([loan.OfficerId!.Value]), n => n.To.Roles.ShouldBe([Roles.Director]),
            n => n.NoticeId.ShouldBe(CollectionNotices.NoticeId(history.Promises.Single().PromiseId)),
            n => n.Body.ShouldContain("989.003 ₫"), n => n.Body.ShouldContain("500.000 ₫"), n => n.Body.ShouldContain("05/01/2027"));

        // the worklist flags the loan; running again decides nothing and notifies nobody
        var card = (await Worklist(await TokenFor(Roles.CreditOfficer))).Items.Single(c => c.LoanId == broken);
        card.PromiseBroken.ShouldBeTrue();
        card.OpenPromise.ShouldBeNull();
        var events = await EventCount();
        (await RunDailyCollections()).FindEnvelopesWithMessageType<SendNotice>().ShouldBeEmpty();
        (await EventCount()).ShouldBe(events);

        // a new promise lifts the flag
        await Ok(Post($"/api/loans/{broken}/collections/promises", Promise(500_000, "2027-01-10"), officer = await TokenFor(Roles.CreditOfficer)));
        (await Worklist(officer)).Items.Single(c => c.LoanId == broken).PromiseBroken.ShouldBeFalse();
    }
}
