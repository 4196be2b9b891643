using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace HtxFund.Identity.SigningIn;

/// <summary>The failed sign-ins of one user name (known or not) and the locks they caused, one document per name read and
/// written under an advisory lock by <see cref="SignInAttempts"/>; the rules are the pure <see cref="Admit"/>,
/// <see cref="Failed"/> and <see cref="Succeeded"/>. How the locks work and why: docs/design/sign-in-guard.md.</summary>
public sealed record SignInGuard
{
    /// <summary><see cref="IdOf"/> the normalised user name.</summary>
    public required string Id { get; init; }
    /// <summary>Failures of the name from every address together.</summary>
    public FailureCount Account { get; init; } = new();
    /// <summary>Failures per client address (only addresses with failures, a lock, or a recent lock).</summary>
    public IReadOnlyList<AddressFailures> Addresses { get; init; } = [];
    /// <summary>Addresses the account signed in from successfully (most recent first, at most <see cref="MaxKnownAddresses"/>).</summary>
    public IReadOnlyList<KnownAddress> KnownAddresses { get; init; } = [];
    public Instant? LastAttemptAt { get; init; }
    public Instant? LastLockoutEmailAt { get; init; }
    /// <summary>When nothing in the guard can matter any more (Unix seconds, for <see cref="PurgeSignInGuards"/>'s query):
    /// set by <see cref="Stamped"/> before every write.</summary>
    public long ForgetAtUnixSeconds { get; init; }

    public const int MaxKnownAddresses = 10;

    public static string IdOf(string normalisedUserName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedUserName)));

    public FailureCount At(string address) =>
        Addresses.FirstOrDefault(a => a.Address == address)?.Count ?? new FailureCount();

    public bool IsKnown(string address, Instant now, SecurityOptions options) =>
        KnownAddresses.Any(k => k.Address == address && now - k.LastSignInAt < options.KnownAddressFor);

    /// <summary>Is this attempt let through to the password check? Refused while the account is locked at the address
    /// (or everywhere, unless the address is known), and while the attempts already counted in the window reach a limit
    /// (they may still be checking their passwords). An admitted attempt is counted as a failure now.</summary>
    public (SignInGuard Guard, Admission Admission) Admit(string address, Instant now, SecurityOptions options)
    {
        var guard = Pruned(now, options) with { LastAttemptAt = now };
        var window = options.FailureWindow;
        var here = guard.At(address);
        var refusedHere = here.IsLocked(now) || here.CurrentFailures(now, window) >= options.MaxFailedLogins;
        var refusedEverywhere = !guard.IsKnown(address, now, options) &&
                                (guard.Account.IsLocked(now) || guard.Account.CurrentFailures(now, window) >= options.MaxFailedLoginsPerAccount);
        if (refusedHere || refusedEverywhere) return (guard, new Admission(false, false, false));

        var countedHere = here.Counted(now, window);
        var countedAccount = guard.Account.Counted(now, window);
        return (guard.With(address, countedHere) with { Account = countedAccount },
            new Admission(true, countedHere.Failures >= options.MaxFailedLogins, countedAccount.Failures >= options.MaxFailedLoginsPerAccount));
    }

    /// <summary>An admitted attempt failed: the locks its failure completes (none, the address, the account, or both).</summary>
    public (SignInGuard Guard, IReadOnlyList<LockApplied> Locks) Failed(string address, Instant now, SecurityOptions options)
    {
        var window = options.FailureWindow;
        var guard = this;
        var locks = new List<LockApplied>();
        var here = At(address);
        if (!here.IsLocked(now) && here.CurrentFailures(now, window) >= options.MaxFailedLogins)
        {
            var locked = here.Locked(now, options);
            guard = guard.With(address, locked);
            locks.Add(new LockApplied(LockScope.Address, address, here.Failures, 1, now, locked.LockedUntil!.Value, locked.Locks));
        }
        if (!Account.IsLocked(now) && Account.CurrentFailures(now, window) >= options.MaxFailedLoginsPerAccount)
        {
            var locked = Account.Locked(now, options);
            var addresses = Addresses.Count(a => a.Count.CurrentFailures(now, window) > 0 || a.Count.LastLockAt is { } at && now - at < window);
            guard = guard with { Account = locked };
            locks.Add(new LockApplied(LockScope.Account, address, Account.Failures, Math.Max(addresses, 1), now, locked.LockedUntil!.Value, locked.Locks));
        }
        return (guard, locks);
    }

    /// <summary>An admitted attempt succeeded: the address's failures and locks are forgotten, the account's count takes
    /// this attempt back, and the address becomes known (exempt from a lock of the whole account).</summary>
    public SignInGuard Succeeded(string address, Instant now, SecurityOptions options)
    {
        var guard = Pruned(now, options);
        return guard with
        {
            Addresses = guard.Addresses.Where(a => a.Address != address).ToArray(),
            Account = guard.Account.Uncounted(),
            KnownAddresses = guard.KnownAddresses.Where(k => k.Address != address).Prepend(new KnownAddress(address, now))
                .Take(MaxKnownAddresses).ToArray(),
        };
    }

    /// <summary>With <see cref="ForgetAtUnixSeconds"/>: the moment every count is spent (no failure in the window, no lock,
    /// none that ended recently enough to escalate), the known addresses expired and the email interval passed.</summary>
    public SignInGuard Stamped(SecurityOptions options)
    {
        var forgetAt = (LastAttemptAt ?? Instant.FromUnixTimeSeconds(0)) + options.FailureWindow;
        foreach (var count in Addresses.Select(a => a.Count).Append(Account))
            if (count.LockedUntil is { } until) forgetAt = Instant.Max(forgetAt, until + options.LockEscalation);
        foreach (var known in KnownAddresses) forgetAt = Instant.Max(forgetAt, known.LastSignInAt + options.KnownAddressFor);
        if (LastLockoutEmailAt is { } emailed) forgetAt = Instant.Max(forgetAt, emailed + options.LockoutEmailInterval);
        return this with { ForgetAtUnixSeconds = forgetAt.ToUnixTimeSeconds() };
    }

    /// <summary>Without the addresses that hold nothing any more, and the known addresses that expired.</summary>
    public SignInGuard Pruned(Instant now, SecurityOptions options) => this with
    {
        Addresses = Addresses.Where(a => !a.Count.IsSpent(now, options)).ToArray(),
        KnownAddresses = KnownAddresses.Where(k => now - k.LastSignInAt < options.KnownAddressFor).ToArray(),
    };

    private SignInGuard With(string address, FailureCount count) => this with
    {
        Addresses = Addresses.Where(a => a.Address != address).Append(new AddressFailures { Address = address, Count = count }).ToArray(),
    };
}

/// <summary>Failures counted in a window that starts at the first of them, and the lock they led to.</summary>
public sealed record FailureCount
{
    public int Failures { get; init; }
    public Instant? WindowStart { get; init; }
    public Instant? LockedUntil { get; init; }
    /// <summary>Locks in a row (each starting within the escalation period after the end of the one before): the next
    /// lasts twice as long.</summary>
    public int Locks { get; init; }
    /// <summary>When the last lock started.</summary>
    public Instant? LastLockAt { get; init; }

    public bool IsLocked(Instant now) => LockedUntil is { } until && until > now;

    public int CurrentFailures(Instant now, Duration window) => WindowStart is { } start && now - start < window ? Failures : 0;

    public FailureCount Counted(Instant now, Duration window) =>
        CurrentFailures(now, window) == 0 ? this with { Failures = 1, WindowStart = now } : this with { Failures = Failures + 1 };

    public FailureCount Uncounted() => this with { Failures = Math.Max(0, Failures - 1) };

    public FailureCount Locked(Instant now, SecurityOptions options)
    {
        var nth = LockedUntil is { } lastEnded && now - lastEnded < options.LockEscalation ? Locks + 1 : 1;
        return this with { Failures = 0, WindowStart = null, Locks = nth, LastLockAt = now, LockedUntil = now + options.LockDuration(nth) };
    }

    /// <summary>Nothing left to remember: not locked, no failure in the window, no lock that ended recently enough to escalate.</summary>
    public bool IsSpent(Instant now, SecurityOptions options) =>
        !IsLocked(now) && CurrentFailures(now, options.FailureWindow) == 0 && (LockedUntil is not { } ended || now - ended >= options.LockEscalation);
}

public sealed record AddressFailures
{
    /// <summary>The client address (<see cref="ClientAddress"/>).</summary>
    public required string Address { get; init; }
    public required FailureCount Count { get; init; }
}

public sealed record KnownAddress(string Address, Instant LastSignInAt);

/// <summary><paramref name="Admitted"/>: the password is checked; otherwise the attempt is refused like a wrong password.
/// The two flags say whether this attempt, if it fails, completes a lock (then <see cref="SignInGuard.Failed"/> is applied).</summary>
public sealed record Admission(bool Admitted, bool CompletesAddressLock, bool CompletesAccountLock)
{
    public bool CompletesALock => CompletesAddressLock || CompletesAccountLock;
}

public enum LockScope
{
    /// <summary>The account is locked at one client address.</summary>
    Address,
    /// <summary>The account is locked at every address except those it signed in from recently.</summary>
    Account,
}

/// <summary>A lock that a failure completed: <paramref name="Failures"/> failures from <paramref name="AddressCount"/>
/// address(es) (for <see cref="LockScope.Address"/>: from <paramref name="Address"/>; for the account, the last came from it).</summary>
public sealed record LockApplied(LockScope Scope, string Address, int Failures, int AddressCount, Instant At, Instant Until, int Nth);
