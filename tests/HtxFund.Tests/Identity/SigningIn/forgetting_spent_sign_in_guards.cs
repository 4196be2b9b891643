using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Identity.SigningIn;

/// <summary>Every name ever tried has a guard (unknown names too); the daily purge forgets those that hold nothing any
/// more, so that random names do not grow the table for ever, and keeps every guard that still matters.</summary>
public sealed class forgetting_spent_sign_in_guards(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task Purge()
    {
        using var scope = Host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<PurgeSignInGuardsJob>(scope.ServiceProvider).Run(CancellationToken.None);
    }

    private async Task<bool> Kept(string userName)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<SignInGuard>(SignInGuard.IdOf(userName)) is not null;
    }

    [Fact]
    public async Task the_purge_forgets_guards_once_their_failures_locks_and_known_addresses_have_expired()
    {
        var attacker = NextClientAddress();
        await Login("khong.ton.tai", "sai-mat-khau-1", NextClientAddress());
        var locked = UserName(FundA, Roles.Accountant);
        for (var i = 0; i < 5; i++) await Login(locked, "sai-mat-khau-1", attacker);
        var signedIn = UserName(FundA, Roles.Director);
        (await Login(signedIn, Password)).Context.Response.StatusCode.ShouldBe(200);

        Clock.Advance(Duration.FromMinutes(59));
        await Purge();
        (await Kept("khong.ton.tai")).ShouldBeTrue(); // its failure still counts for another minute

        Clock.Advance(Duration.FromMinutes(2));
        await Purge();
        (await Kept("khong.ton.tai")).ShouldBeFalse();
        (await Kept(locked)).ShouldBeTrue(); // a lock in the last day makes the next one longer
        (await Kept(signedIn)).ShouldBeTrue();

        Clock.Advance(Duration.FromHours(24));
        await Purge();
        (await Kept(locked)).ShouldBeFalse();
        (await Kept(signedIn)).ShouldBeTrue(); // its known address is exempt from a lock of the whole account for 30 days

        Clock.Advance(Duration.FromDays(30));
        await Purge();
        (await Kept(signedIn)).ShouldBeFalse();
    }
}
