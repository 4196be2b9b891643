using System.Security.Cryptography;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Marten;

namespace HtxFund.Identity.SigningIn;

/// <summary>
/// The storage side of <see cref="SignInGuard"/>: each step reads and writes the name's guard in its own short
/// transaction under a PostgreSQL transaction-scoped advisory lock on the name (<c>pg_advisory_xact_lock</c>), so that
/// attempts at one name from any node are counted one after the other; the lock is held for a few milliseconds, never
/// during the password check. Every attempt, whatever the name, costs the same: one guarded write, then one password
/// check (an unknown or disabled name is checked against a dummy hash made with the configured iteration count).
/// </summary>
public sealed class SignInAttempts(IDocumentStore store, IPasswordHasher<UserAccount> hasher, IServiceScopeFactory scopes,
    IOptions<SecurityOptions> options, BusinessTime time)
{
    private readonly string _dummyHash = hasher.HashPassword(null!, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    private SecurityOptions Options => options.Value;

    /// <summary>Counts the attempt (before its password is checked) or refuses it.</summary>
    public Task<Admission> AdmitAsync(string userName, string address, Instant now, CancellationToken ct) =>
        GuardedAsync(userName, guard => guard.Admit(address, now, Options), null, ct);

    /// <summary>Checks the password against the user's hash, or a dummy hash of the same cost when there is no such
    /// (enabled) user: the same work whether or not the name exists.</summary>
    public PasswordVerificationResult Verify(UserAccount? user, string password)
    {
        var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? _dummyHash, password);
        return user is null ? PasswordVerificationResult.Failed : result;
    }

    /// <summary>The user's password hashed again with the configured iteration count (after a successful check of an older hash).</summary>
    public string Rehash(UserAccount user, string password) => hasher.HashPassword(user, password);

    /// <summary>An admitted attempt failed and completes a lock: applies it, and for a real user records the lockout and
    /// puts its email in the outbox, in the same transaction.</summary>
    public Task FailedAsync(string userName, UserAccount? user, string address, Instant now, CancellationToken ct) =>
        GuardedAsync(userName, guard => guard.Failed(address, now, Options), async (session, outbox, guard, locks) =>
        {
            if (user is null || locks.Count == 0) return guard;
            outbox.Enroll(session);
            foreach (var applied in locks)
            {
                // Address locks are emailed at most once per interval (an attacker at many addresses would flood the
                // inbox); a lock of the whole account always is. Every lock is shown after the next sign-in.
                var emailed = applied.Scope == LockScope.Account || guard.LastLockoutEmailAt is not { } last || now - last >= Options.LockoutEmailInterval;
                var lockout = SignInLockout.From(applied, user, emailed ? LockoutEmailState.Pending : LockoutEmailState.Grouped);
                session.Insert(lockout);
                if (!emailed) continue;
                await outbox.PublishAsync(new SendLockoutEmail(lockout.Id));
                guard = guard with { LastLockoutEmailAt = now };
            }
            return guard;
        }, ct);

    /// <summary>An admitted attempt succeeded: forgets the address's failures, makes it known, and returns the notices of
    /// the user's lockouts since their previous sign-in (most recent first, at most 10).</summary>
    public async Task<IReadOnlyList<SecurityNotice>> SucceededAsync(UserAccount user, string address, Instant now, CancellationToken ct)
    {
        await GuardedAsync(user.UserName, guard => (guard.Succeeded(address, now, Options), true), null, ct);
        await using var query = store.QuerySession();
        var since = user.LastLoginAt?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var lockouts = await query.Query<SignInLockout>()
            .Where(l => l.UserId == user.Id && l.AtUnixMs > since)
            .OrderByDescending(l => l.AtUnixMs).Take(10).ToListAsync(ct);
        return lockouts.Select(l => SecurityNotice.Of(l, time.Zone)).ToArray();
    }

    /// <summary>Clears every failure and lock of a user name (an administrator re-enabled the user).</summary>
    public static Wolverine.Marten.IMartenOp Forget(string userName) =>
        Wolverine.Marten.MartenOps.Delete<SignInGuard>(SignInGuard.IdOf(UserAccount.NormaliseUserName(userName)));

    /// <summary>Loads the name's guard under its advisory lock, decides, lets <paramref name="also"/> add to the same
    /// transaction (with an outbox it may enrol; the scope lives until the outbox has flushed after the commit), stores
    /// the guard and commits.</summary>
    private async Task<T> GuardedAsync<T>(string userName, Func<SignInGuard, (SignInGuard, T)> decide,
        Func<IDocumentSession, IMartenOutbox, SignInGuard, T, Task<SignInGuard>>? also, CancellationToken ct)
    {
        var id = SignInGuard.IdOf(UserAccount.NormaliseUserName(userName));
        await using var scope = scopes.CreateAsyncScope();
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        await AdvisoryLocks.HoldAsync(session, $"htxfund:sign-in:{id}", ct);
        var guard = await session.LoadAsync<SignInGuard>(id, ct) ?? new SignInGuard { Id = id };
        var (next, result) = decide(guard);
        if (also is not null) next = await also(session, scope.ServiceProvider.GetRequiredService<IMartenOutbox>(), next, result);
        session.Store(next.Stamped(Options));
        await session.SaveChangesAsync(ct);
        return result;
    }
}
