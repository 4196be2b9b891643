using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.SignUps;

/// <summary>A proof-of-work challenge as given to the page: the signed, expiring nonce and the leading zero bits to find.</summary>
public sealed record SignUpChallenge(string Challenge, int Difficulty, Instant ExpiresAt);

/// <summary>What an emailed confirmation link says: which sign-up of which fund, valid until when.</summary>
public sealed record EmailLink(string Fund, Guid SignUpId, Instant ExpiresAt);

/// <summary>
/// The sign-up's two self-contained tokens, signed and encrypted with the deployment's data-protection keys (shared by
/// every node), so that nothing outside the app is needed and nothing is stored until they are used: the proof-of-work
/// challenge (<c>GET /api/sign-ups/challenge</c>) and the email confirmation link. Each carries its expiry; single use
/// is the store's business (<see cref="SpentSignUpChallenge"/>, the sign-up's status).
/// </summary>
public sealed class SignUpTokens(IDataProtectionProvider protection, IOptions<SignUpOptions> options)
{
    private readonly IDataProtector _challenges = protection.CreateProtector("HtxFund.SignUps.Challenge.v1");
    private readonly IDataProtector _links = protection.CreateProtector("HtxFund.SignUps.EmailLink.v1");

    public SignUpChallenge IssueChallenge(Instant now)
    {
        var bits = options.Value.ChallengeBits;
        var expires = now + Duration.FromMinutes(options.Value.ChallengeMinutes);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = _challenges.Protect(string.Create(CultureInfo.InvariantCulture, $"{nonce}|{bits}|{expires.ToUnixTimeMilliseconds()}"));
        return new SignUpChallenge(token, bits, expires);
    }

    /// <summary>The challenge's difficulty and expiry, or null when it is not one of ours.</summary>
    public (int Bits, Instant ExpiresAt)? ReadChallenge(string? challenge)
    {
        var parts = Unprotect(_challenges, challenge);
        return parts is [_, var bits, var expires] && int.TryParse(bits, CultureInfo.InvariantCulture, out var b) &&
               long.TryParse(expires, CultureInfo.InvariantCulture, out var ms)
            ? (b, Instant.FromUnixTimeMilliseconds(ms)) : null;
    }

    public string IssueEmailLink(string fund, Guid signUpId, Instant expiresAt) =>
        _links.Protect(string.Create(CultureInfo.InvariantCulture, $"{fund}|{signUpId:N}|{expiresAt.ToUnixTimeMilliseconds()}"));

    /// <summary>The link's fund, sign-up and expiry, or null when the token is not one of ours.</summary>
    public EmailLink? ReadEmailLink(string? token)
    {
        var parts = Unprotect(_links, token);
        return parts is [var fund, var id, var expires] && Guid.TryParseExact(id, "N", out var signUpId) &&
               long.TryParse(expires, CultureInfo.InvariantCulture, out var ms)
            ? new EmailLink(fund, signUpId, Instant.FromUnixTimeMilliseconds(ms)) : null;
    }

    private static string[]? Unprotect(IDataProtector protector, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try { return protector.Unprotect(token).Split('|'); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }
}

/// <summary>The proof of work, pure: the counter solves the challenge when SHA-256 of <c>challenge + ":" + counter</c>
/// (UTF-8) starts with the challenge's number of zero bits. The page's script (wwwroot/js/signup.js) searches the same way.</summary>
public static class ProofOfWork
{
    public static bool Solves(string challenge, string? counter, int bits) =>
        counter is { Length: > 0 and <= 20 } && counter.All(char.IsAsciiDigit) &&
        LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge}:{counter}"))) >= bits;

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0) { bits += 8; continue; }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }

    /// <summary>Finds a counter (what the page's script does), for tests and tools.</summary>
    public static string Solve(string challenge, int bits)
    {
        for (long n = 0; ; n++)
        {
            var counter = n.ToString(CultureInfo.InvariantCulture);
            if (Solves(challenge, counter, bits)) return counter;
        }
    }

    /// <summary>The id under which a used challenge is remembered.</summary>
    public static string SpentId(string challenge) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge)));
}
