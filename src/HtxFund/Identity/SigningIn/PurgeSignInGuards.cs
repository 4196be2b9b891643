using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Identity.SigningIn;

/// <summary>Forgets the sign-in guards that hold nothing any more: every name ever tried has one (unknown names too), so
/// without this an outsider trying random names would grow the table for ever. A guard with no known address goes once
/// nothing in it can matter (no failure in the window, no lock, none recent enough to escalate); one with known
/// addresses once those have expired too (<see cref="SignInGuard.ForgetAtUnixSeconds"/>).</summary>
public sealed record PurgeSignInGuards;

public static class PurgeSignInGuardsHandler
{
    public static void Handle(PurgeSignInGuards _, IDocumentSession session, IClock clock)
    {
        var now = clock.GetCurrentInstant().ToUnixTimeSeconds();
        session.DeleteWhere<SignInGuard>(g => g.ForgetAtUnixSeconds < now);
    }
}

/// <summary>Hangfire recurring job (daily): only sends the Wolverine command.</summary>
public sealed class PurgeSignInGuardsJob(IMessageBus bus)
{
    public const string Id = "sign-in-guard-purge";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new PurgeSignInGuards(), ct);
}
