using NodaTime;

namespace HtxFund.Identity;

/// <summary>Sign-in rules (configuration section <c>HtxFund:Security</c>). How they work together:
/// docs/operations.md, "Security settings".</summary>
public sealed class SecurityOptions
{
    public const string Section = "HtxFund:Security";

    /// <summary>Failed sign-ins of one account from one client address, within <see cref="FailureWindowMinutes"/>, that
    /// lock that account at that address (elsewhere it still signs in). A success from that address clears them.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    /// <summary>How long the first lock lasts; a further lock of the same account and address (or of the whole account)
    /// starting within <see cref="LockEscalationHours"/> of the end of the last one lasts twice as long as it, up to
    /// <see cref="MaxLockoutMinutes"/>.</summary>
    public int LockoutMinutes { get; set; } = 15;
    public int MaxLockoutMinutes { get; set; } = 24 * 60;
    public int LockEscalationHours { get; set; } = 24;
    /// <summary>Failed sign-ins of one account from all addresses together, within <see cref="FailureWindowMinutes"/>,
    /// that lock the account everywhere except at the addresses it signed in from successfully in the last
    /// <see cref="KnownAddressDays"/> days (a password guessed from many addresses at once).</summary>
    public int MaxFailedLoginsPerAccount { get; set; } = 50;
    /// <summary>Failures older than this are forgotten.</summary>
    public int FailureWindowMinutes { get; set; } = 60;
    /// <summary>How long an address where the account signed in successfully stays exempt from the account-wide lock.</summary>
    public int KnownAddressDays { get; set; } = 30;
    /// <summary>At most one email about address locks per account in this many minutes (each lock is still shown after
    /// the next sign-in); an account-wide lock is always emailed.</summary>
    public int LockoutEmailIntervalMinutes { get; set; } = 60;
    /// <summary>Sign-in attempts (API and page, every account together) allowed per client address in any minute
    /// (IPv6: per /64 network). An office behind one address must fit in it.</summary>
    public int LoginPermitsPerMinute { get; set; } = 60;
    /// <summary>PBKDF2 iterations of ASP.NET Core Identity's PasswordHasher (its default is 100,000).</summary>
    public int PasswordHashIterations { get; set; } = 100_000;
    /// <summary>How long a sign-in (cookie or bearer token) lasts.</summary>
    public int SessionHours { get; set; } = 8;
    /// <summary>The shortest password accepted (Unicode characters). 15: NIST SP 800-63B-4 §3.1.1.2, the minimum for a
    /// password used as the only factor (HtxFund has no second factor); see <see cref="Passwords.PasswordRules"/>.</summary>
    public int MinPasswordLength { get; set; } = 15;

    public Duration FailureWindow => Duration.FromMinutes(FailureWindowMinutes);
    public Duration LockEscalation => Duration.FromHours(LockEscalationHours);
    public Duration KnownAddressFor => Duration.FromDays(KnownAddressDays);
    public Duration LockoutEmailInterval => Duration.FromMinutes(LockoutEmailIntervalMinutes);

    /// <summary>The length of the <paramref name="nth"/> lock in a row (1 = the first): doubling, capped.</summary>
    public Duration LockDuration(int nth)
    {
        var minutes = (double)LockoutMinutes * Math.Pow(2, Math.Clamp(nth, 1, 30) - 1);
        return Duration.FromMinutes(Math.Min(minutes, Math.Max(MaxLockoutMinutes, LockoutMinutes)));
    }
}
