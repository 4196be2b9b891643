using HtxFund.Collections;
using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Support;
using NodaTime;
using Wolverine.Tracking;

namespace HtxFund.Tests.Collections;

/// <summary>Contacts, promises to pay and escalations go on the loan's collection case, never on its money stream.</summary>
public sealed class collecting_a_loan(AppFixture fixture) : CollectionContext(fixture)
{
    private static readonly LocalDate NewYear = new(2027, 1, 1);

    private async Task<Guid> LateLoan(string number)
    {
        var id = await DisbursedLoan(400_000_000, number);
        AdvanceTo(NewYear);
        await CooperativeSignsInAgain();
        return id;
    }

    [Fact]
    public async Task an_officer_logs_a_contact_and_a_promise_without_moving_the_loans_version()
    {
        var id = await LateLoan("41/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        var version = (await Loan(id)).Version;

        var logged = await Post($"/api/loans/{id}/collections/contacts", Contact(channel: "Visit", outcome: "PromisedToPay"), officer);
        logged.Context.Response.StatusCode.ShouldBe(201, await logged.ReadAsTextAsync());
        var promised = await Post($"/api/loans/{id}/collections/promises", Promise(1_978_007, "2027-01-08"), officer);
        promised.Context.Response.StatusCode.ShouldBe(201, await promised.ReadAsTextAsync());
        var receipt = await promised.Read<PromiseToPayReceipt>();
        receipt.Supersedes.ShouldBeNull();

        (await Loan(id)).Version.ShouldBe(version);
        (await CaseVersion(id)).ShouldBe(2);
        var history = await History(id);
        history.Contacts.Single().ShouldSatisfyAllConditions(
            c => c.Channel.ShouldBe(ContactChannel.Visit), c => c.Outcome.ShouldBe(ContactOutcome.PromisedToPay),
            c => c.ContactedOn.ShouldBe(NewYear), c => c.Note.ShouldBe("Gặp chủ tịch HĐQT, hẹn trả trong tuần."),
            c => c.ByUserName.ShouldBe(UserName(FundA, Roles.CreditOfficer)));
        history.Promises.Single().ShouldSatisfyAllConditions(
            p => p.Amount.ShouldBe(1_978_007), p => p.PayBy.ShouldBe(new LocalDate(2027, 1, 8)), p => p.MadeOn.ShouldBe(NewYear),
            p => p.State.ShouldBe(PromiseState.Open));
        history.PaymentReference.ShouldBe(Lending.Payments.PaymentReference.For(id).Value);

        // a new promise supersedes the open one
        var again = await Post($"/api/loans/{id}/collections/promises", Promise(1_000_000, "2027-01-05"), await TokenFor(Roles.Director));
        again.Context.Response.StatusCode.ShouldBe(201, await again.ReadAsTextAsync());
        (await again.Read<PromiseToPayReceipt>()).Supersedes.ShouldBe(receipt.PromiseId);
        (await History(id)).Promises.Select(p => p.State).ShouldBe([PromiseState.Open, PromiseState.Superseded]);
    }

    [Fact]
    public async Task refused_contacts_and_promises_append_nothing()
    {
        var approvedOnly = await Approved(200_000_000);
        var id = await LateLoan("42/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        var contacts = $"/api/loans/{id}/collections/contacts";
        var promises = $"/api/loans/{id}/collections/promises";
        var events = await EventCount();

        await (await Post(contacts, new { outcome = "Reached", contactedOn = "2027-01-01" }, officer)).ShouldBeRefusal(400, "channel.required");
        await (await Post(contacts, Contact(channel: "Pigeon"), officer)).ShouldBeRefusal(400, "value.unknown");
        await (await Post(contacts, Contact(contactedOn: "2027-01-02"), officer)).ShouldBeRefusal(400, "contacted_on.in_future");
        await (await Post(contacts, Contact(note: new string('a', 2001)), officer)).ShouldBeRefusal(400, "note.too_long");
        await (await Post(promises, Promise(0, "2027-01-05"), officer)).ShouldBeRefusal(400, "amount.not_positive");
        await (await Post(promises, Promise(1_000, "2026-12-31"), officer)).ShouldBeRefusal(400, "pay_by.in_past");
        var far = await Post(promises, Promise(1_000, "2027-02-01"), officer); // 31 days ahead, the policy allows 30
        await far.ShouldBeRefusal(422, "promise.too_far");
        (await far.ReadAsTextAsync()).ShouldContain("31/01/2027");
        await (await Post($"/api/loans/{approvedOnly}/collections/contacts", Contact(), officer)).ShouldBeRefusal(409, "collection.loan_not_contracted");
        await (await Post($"/api/loans/{Guid.NewGuid()}/collections/contacts", Contact(), officer)).ShouldBeRefusal(404, "loan.not_found");
        await (await Post(contacts, Contact(), await TokenFor(Roles.CreditOfficer, FundB))).ShouldBeRefusal(404, "loan.not_found");
        await (await Post(contacts, Contact(), await TokenFor(Roles.Accountant))).ShouldBeRefusal(403, "forbidden");
        await (await Post(promises, Promise(1_000, "2027-01-05"), Coop)).ShouldBeRefusal(403, "forbidden");

        (await EventCount()).ShouldBe(events);
        (await CaseVersion(id)).ShouldBe(0);
    }

    [Fact]
    public async Task a_closed_loan_is_not_collected()
    {
        var id = await DisbursedLoan(400_000_000, "43/2026/HĐTD");
        // repaid in full the day it was paid out: 400,000,000 ₫ and no interest yet
        await Repaid(id, 400_000_000, Today);
        var events = await EventCount();
        await (await Post($"/api/loans/{id}/collections/contacts", Contact(contactedOn: Today), await TokenFor(Roles.CreditOfficer)))
            .ShouldBeRefusal(409, "loan.closed");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task an_escalation_tells_the_director_and_only_the_director_resolves_it_once()
    {
        var id = await LateLoan("44/2026/HĐTD");
        var officer = await TokenFor(Roles.CreditOfficer);
        var escalations = $"/api/loans/{id}/collections/escalations";

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
        {
            var result = await Post(escalations, new { reason = "Hợp tác xã không nghe máy hai tuần, đề nghị Giám đốc làm việc trực tiếp." }, officer);
            result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        }));
        var notice = tracked.FindEnvelopesWithMessageType<SendNotice>().Select(e => e.Message).OfType<SendNotice>().Distinct().ShouldHaveSingleItem();
        notice.Kind.ShouldBe(NoticeKind.CollectionEscalated);
        notice.FundId.ShouldBe(FundA);
        notice.To.Roles.ShouldBe([Roles.Director]);
        notice.Title.ShouldContain("44/2026/HĐTD");
        notice.Body.ShouldContain("đề nghị Giám đốc làm việc trực tiếp");
        var escalation = (await History(id)).Escalations.Single();
        notice.NoticeId.ShouldBe(CollectionNotices.NoticeId(escalation.EscalationId));

        var events = await EventCount();
        await (await Post(escalations, new { reason = "Lần nữa" }, officer)).ShouldBeRefusal(409, "escalation.already_open");
        await (await Post(escalations, new { reason = "" }, officer)).ShouldBeRefusal(400, "reason.required");
        await (await Post($"{escalations}/resolution", new { note = "Đã gọi." }, officer)).ShouldBeRefusal(403, "forbidden");
        await (await Post($"{escalations}/resolution", new { note = "" }, await TokenFor(Roles.Director))).ShouldBeRefusal(400, "note.required");
        (await EventCount()).ShouldBe(events);

        var resolved = await Post($"{escalations}/resolution", new { note = "Giám đốc làm việc với HTX ngày 05/01, thống nhất lịch trả." },
            await TokenFor(Roles.Director));
        resolved.Context.Response.StatusCode.ShouldBe(204, await resolved.ReadAsTextAsync());
        (await History(id)).Escalations.Single().ShouldSatisfyAllConditions(
            e => e.ResolvedOn.ShouldBe(NewYear), e => e.ResolvedBy.ShouldBe(UserName(FundA, Roles.Director)), e => e.IsOpen.ShouldBeFalse());

        events = await EventCount();
        await (await Post($"{escalations}/resolution", new { note = "Lần nữa" }, await TokenFor(Roles.Director))).ShouldBeRefusal(409, "escalation.none_open");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task the_history_is_for_the_funds_staff_only()
    {
        var id = await LateLoan("45/2026/HĐTD");
        (await History(id, await TokenFor(Roles.BoardMember))).Contacts.ShouldBeEmpty();
        await (await Get($"/api/loans/{id}/collections", await TokenFor(Roles.Director, FundB))).ShouldBeRefusal(404, "loan.not_found");
        (await Get($"/api/loans/{id}/collections", Coop)).Context.Response.StatusCode.ShouldBe(403);
    }
}
