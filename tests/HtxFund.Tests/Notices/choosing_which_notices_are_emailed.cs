using Alba;
using HtxFund.Identity;
using HtxFund.Notices;
using HtxFund.Notices.Preferences;
using HtxFund.Reminders.Notifications;
using HtxFund.Tests.Notices.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Notices;

public sealed class choosing_which_notices_are_emailed(AppFixture fixture) : NoticeContext(fixture)
{
    private const string Url = "/api/me/notification-preferences";

    private Task<IScenarioResult> Put(object body, string? token) => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl(Url);
        s.IgnoreStatusCode();
    });

    private async Task<NoticePreferencesView> Preferences(string token)
    {
        var result = await Get(Url, token);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<NoticePreferencesView>();
    }

    [Fact]
    public async Task each_user_sees_the_kinds_of_their_roles_all_emailed_until_turned_off()
    {
        (await Preferences(Coop)).Kinds.Select(k => k.Kind).ShouldBe(
            ["ApplicationReturned", "ApplicationDecided", "ContractReadyToSign", "TranchePaid", "RepaymentReceived", "RestructuringDecided",
             "LoanUseFollowUpDecided"]);
        (await Preferences(Coop)).Kinds.ShouldAllBe(k => k.Email && k.InApp);
        (await Preferences(await TokenFor(Roles.Director))).Kinds.Select(k => k.Kind).ShouldBe(
            ["VoteReachedQuorum", "MisuseFollowUpOpened", "PromiseToPayBroken", "CollectionEscalated"]);
        (await Preferences(await TokenFor(Roles.ChiefAccountant))).Kinds.Select(k => k.Kind).ShouldBe(["TranchePrepared"]);
        (await Preferences(await TokenFor(Roles.Admin))).Kinds.ShouldBeEmpty();

        var set = await Put(new { emailOff = new[] { "TranchePaid", "RepaymentReceived" } }, Coop);
        set.Context.Response.StatusCode.ShouldBe(200, await set.ReadAsTextAsync());
        var after = await Preferences(Coop);
        after.Kinds.Where(k => !k.Email).Select(k => k.Kind).ShouldBe(["TranchePaid", "RepaymentReceived"]);
        after.Kinds.ShouldAllBe(k => k.InApp);
        // another user's choices are theirs: the colleague of the same cooperative still gets every email
        (await Preferences(await ColleagueOfCoop())).Kinds.ShouldAllBe(k => k.Email);
    }

    [Fact]
    public async Task a_kind_of_another_role_or_an_unknown_kind_is_refused_and_changes_nothing()
    {
        await Ok(Task.FromResult(await Put(new { emailOff = new[] { "TranchePaid" } }, Coop)));

        var foreign = await Put(new { emailOff = new[] { "TranchePrepared" } }, Coop);
        await ExpectRefusal(foreign, 400, "notice_preferences.not_for_your_roles");
        (await foreign.ReadAsTextAsync()).ShouldContain("Các loại thông báo TranchePrepared không gửi đến vai trò của bạn nên không thể chọn.");
        var unknown = await Put(new { emailOff = new[] { "Lunch" } }, Coop);
        await ExpectRefusal(unknown, 400, "email_off.unknown_kind");
        (await unknown.ReadAsTextAsync()).ShouldContain("Loại thông báo không hợp lệ.");
        await ExpectRefusal(await Put(new { }, Coop), 400, "email_off.required");

        (await Preferences(Coop)).Kinds.Where(k => !k.Email).Select(k => k.Kind).ShouldBe(["TranchePaid"]);
        (await Get(Url, null)).Context.Response.StatusCode.ShouldBe(401);
        (await Put(new { emailOff = Array.Empty<string>() }, null)).Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task turning_a_kind_off_stops_its_email_but_not_the_in_app_notice()
    {
        await Ok(Task.FromResult(await Put(new { emailOff = new[] { "TranchePaid" } }, Coop)));
        var (id, _) = await DisbursedLoan();

        (await PostedTo(CoopUser, NoticeKind.TranchePaid)).Single().Link.ShouldBe($"/htx/khoan-vay/{id}");
        await Emailed(CoopEmail, 2); // the decision letter and the contract are still emailed
        await Settled();
        MailTo(CoopEmail).ShouldNotContain(m => m.Subject!.StartsWith("Quỹ đã giải ngân", StringComparison.Ordinal));
        (await InApp(CoopUser)).Select(n => n.Notice).ShouldBe([NoticeKind.ApplicationDecided, NoticeKind.ContractReadyToSign, NoticeKind.TranchePaid],
            ignoreOrder: true);
    }

    [Fact]
    public async Task a_notice_delivered_twice_or_made_twice_from_the_same_event_notifies_nobody_twice()
    {
        var id = await Submitted(Request(amount: 400_000_000));
        var first = (await PostedTo(Staff(Roles.CreditOfficer), NoticeKind.ApplicationSubmitted)).Single();
        await Emailed(StaffEmail(Staff(Roles.CreditOfficer)));
        await Settled();

        // the same notice handled again (a redelivery after a crash before the acknowledgement)
        var again = new SendNotice(FundA, first.NoticeId!.Value, NoticeKind.ApplicationSubmitted, NoticeAudience.ToRoles(Roles.CreditOfficer),
            first.Title, first.Body, first.Link);
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeAsync(again)));
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeAsync(again)));

        // the subscription's events read again (a replay): the same notice id, so nothing new either
        await using (var session = Store.QuerySession(FundA))
        {
            var submitted = (await session.Events.FetchStreamAsync(id)).Single(e => e.Data is HtxFund.Applications.ApplicationSubmitted);
            var remade = await HtxFund.Notices.Producing.NoticesFromEvents.ForAsync(submitted, session, CancellationToken.None);
            remade!.NoticeId.ShouldBe(again.NoticeId);
            await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeAsync(remade)));
        }

        (await InApp(Staff(Roles.CreditOfficer))).Count.ShouldBe(1);
        MailTo(StaffEmail(Staff(Roles.CreditOfficer))).Count.ShouldBe(1);
        NoticeMail().Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_disabled_user_gets_neither_the_in_app_notice_nor_the_email()
    {
        var second = await CreateStaffUser("daklak.officer2", [Roles.CreditOfficer]);
        await SetEmail(second, "officer2@quy-htx.test");
        await Ok(PostWithoutBody($"/api/users/{(await User(second)).Id}/disable", await TokenFor(Roles.Admin)));

        await Submitted(Request(amount: 400_000_000));
        await PostedTo(Staff(Roles.CreditOfficer), NoticeKind.ApplicationSubmitted);
        await Emailed(StaffEmail(Staff(Roles.CreditOfficer)));
        await Settled();
        (await InApp(second)).ShouldBeEmpty();
        MailTo("officer2@quy-htx.test").ShouldBeEmpty();
    }
}
