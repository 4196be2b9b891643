using NodaTime;

namespace HtxFund.Identity;

/// <summary>A person who signs in. Stored as a single-tenanted document (the fund is a field), because
/// login must find the user before the fund is known. User names are unique across the deployment.</summary>
public sealed record UserAccount
{
    public Guid Id { get; init; }
    /// <summary>Lower-case, unique.</summary>
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public string? Email { get; init; }
    /// <summary>The fund (Marten tenant id) this user belongs to.</summary>
    public required string FundId { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }
    /// <summary>For Cooperative users: the cooperative they act for.</summary>
    public Guid? CooperativeId { get; init; }
    public required string PasswordHash { get; init; }
    public bool Disabled { get; init; }
    public Instant CreatedAt { get; init; }
    public Guid CreatedBy { get; init; }
    public Instant? DisabledAt { get; init; }
    public Guid? DisabledBy { get; init; }
    public Instant? LastLoginAt { get; init; }
    /// <summary>An administrator forced a password reset: sign-in is refused until a new password is set through the
    /// emailed link (Identity/Users/ForcePasswordReset.cs).</summary>
    public bool MustChangePassword { get; init; }
    public Instant? PasswordChangedAt { get; init; }

    public static string NormaliseUserName(string userName) => userName.Trim().ToLowerInvariant();
}

/// <summary>One sign-in. Cookies and bearer tokens carry its id; logout or disabling the user revokes it,
/// and every request checks it, so a revoked token stops working at once.</summary>
public sealed record UserSession
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string FundId { get; init; }
    public Instant CreatedAt { get; init; }
    public Instant ExpiresAt { get; init; }
    public Instant? RevokedAt { get; init; }
    /// <summary>The session a refresh replaced this one with (SigningIn/Refresh.cs): reusing this session's refresh token
    /// after that is refused.</summary>
    public Guid? ReplacedBy { get; init; }

    public bool IsActiveAt(Instant now) => RevokedAt is null && now < ExpiresAt;
}
