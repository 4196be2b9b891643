namespace HtxFund.Identity;

/// <summary>Sign-in rules (configuration section <c>HtxFund:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "HtxFund:Security";

    /// <summary>Consecutive failed logins before the account is locked.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Login attempts allowed per client IP address per minute (rate limiting).</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;
    /// <summary>PBKDF2 iterations of ASP.NET Core Identity's PasswordHasher (its default is 100,000).</summary>
    public int PasswordHashIterations { get; set; } = 100_000;
    /// <summary>How long a sign-in (cookie or bearer token) lasts.</summary>
    public int SessionHours { get; set; } = 8;
    public int MinPasswordLength { get; set; } = 10;
}
