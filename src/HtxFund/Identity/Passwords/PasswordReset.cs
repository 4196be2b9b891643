using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace HtxFund.Identity.Passwords;

public enum PasswordResetReason { Forgotten, ForcedByAdmin }

/// <summary>
/// One emailed link to set a new password. The link's token is made when the email is sent (SendPasswordResetEmail) and
/// only its SHA-256 hash is stored, so the database never holds a usable link. A link works once, until
/// <see cref="ExpiresAt"/>; setting a password through any link ends all of the user's links. Single-tenanted like the user.
/// </summary>
public sealed record PasswordReset
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string FundId { get; init; }
    public PasswordResetReason Reason { get; init; }
    public Instant RequestedAt { get; init; }
    public Instant ExpiresAt { get; init; }
    /// <summary>Where the link points when <c>HtxFund:Notices:SiteUrl</c> is not set: the origin of the request.</summary>
    public required string LinkBase { get; init; }
    /// <summary>Hex SHA-256 of the token of the link sent (null until sent).</summary>
    public string? TokenHash { get; init; }
    public Instant? SentAt { get; init; }
    public string? SentTo { get; init; }
    public string? EmailError { get; init; }
    public Instant? UsedAt { get; init; }

    public bool IsUsableAt(Instant now) => UsedAt is null && TokenHash is not null && now < ExpiresAt;

    /// <summary>A new random token (256 bits, URL-safe) and its hash.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public const string PagePath = "/dat-lai-mat-khau";
}
