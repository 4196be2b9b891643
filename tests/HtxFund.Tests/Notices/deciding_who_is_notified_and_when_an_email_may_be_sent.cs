using HtxFund.Identity;
using HtxFund.Notices;
using HtxFund.Notices.Delivering;
using HtxFund.Reminders.Notifications;
using NodaTime;

namespace HtxFund.Tests.Notices;

public sealed class deciding_who_is_notified_and_when_an_email_may_be_sent
{
    private static readonly Guid CoopA = Guid.NewGuid(), CoopB = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 3, 0);

    private static UserAccount User(string name, string[] roles, Guid? coop = null) => new()
    {
        Id = Guid.NewGuid(), UserName = name, DisplayName = name, FundId = "daklak", Roles = roles, CooperativeId = coop, PasswordHash = "",
    };

    [Fact]
    public void the_audience_is_the_named_users_the_holders_of_the_roles_and_the_users_of_the_cooperative()
    {
        var officer = User("officer", [Roles.CreditOfficer]);
        var director = User("director", [Roles.Director, Roles.CreditOfficer]);
        var board = User("board", [Roles.BoardMember]);
        var coopA = User("coop.a", [Roles.Cooperative], CoopA);
        var coopB = User("coop.b", [Roles.Cooperative], CoopB);

        var toOfficers = NoticeAudience.ToRoles(Roles.CreditOfficer);
        new[] { officer, director, board, coopA, coopB }.Where(u => NoticeAudiences.Includes(toOfficers, u)).ShouldBe([officer, director]);
        var toCoop = NoticeAudience.ToCooperative(CoopA);
        new[] { officer, director, board, coopA, coopB }.Where(u => NoticeAudiences.Includes(toCoop, u)).ShouldBe([coopA]);
        var named = NoticeAudience.ToUsers(board.Id);
        new[] { officer, director, board, coopA, coopB }.Where(u => NoticeAudiences.Includes(named, u)).ShouldBe([board]);
        // the cooperative role is never an audience by itself: a notice for "Cooperative" reaches no cooperative
        new[] { coopA, coopB }.Where(u => NoticeAudiences.Includes(NoticeAudience.ToRoles(Roles.Cooperative), u)).ShouldBeEmpty();
    }

    [Fact]
    public void an_email_is_sent_unless_done_and_a_claim_is_held_until_its_lease_runs_out()
    {
        var lease = Duration.FromSeconds(50);
        NoticeDeliveryRules.Decide(null, Now, lease).ShouldBe(ClaimDecision.Claim);
        var claimed = new NoticeDelivery { Address = "a@b.vn", State = NoticeEmailState.Sending, ClaimedAt = Now };
        NoticeDeliveryRules.Decide(claimed, Now.Plus(Duration.FromSeconds(49)), lease).ShouldBe(ClaimDecision.HeldByAnotherNode);
        NoticeDeliveryRules.Decide(claimed, Now.Plus(Duration.FromSeconds(50)), lease).ShouldBe(ClaimDecision.Claim);
        NoticeDeliveryRules.Decide(claimed with { State = NoticeEmailState.Deferred }, Now, lease).ShouldBe(ClaimDecision.Claim);
        NoticeDeliveryRules.Decide(claimed with { State = NoticeEmailState.Delivered }, Now.Plus(Duration.FromDays(9)), lease).ShouldBe(ClaimDecision.Done);
        NoticeDeliveryRules.Decide(claimed with { State = NoticeEmailState.Undeliverable }, Now, lease).ShouldBe(ClaimDecision.Done);
    }

    [Fact]
    public void each_role_chooses_only_the_kinds_that_reach_it_and_every_kind_reaches_some_role()
    {
        NoticeKinds.For([Roles.ChiefAccountant]).Select(i => i.Kind).ShouldBe([NoticeKind.TranchePrepared]);
        NoticeKinds.For([Roles.Accountant, Roles.Admin]).ShouldBeEmpty();
        NoticeKinds.All.Select(i => i.Kind).ShouldBe(Enum.GetValues<NoticeKind>());
        NoticeKinds.All.ShouldAllBe(i => i.Roles.Count > 0);
    }
}
