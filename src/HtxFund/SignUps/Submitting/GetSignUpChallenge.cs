using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.SignUps.Submitting;

/// <summary>A fund a cooperative may sign up with: its tenant id, name and, for a provincial fund, the province it serves.</summary>
public sealed record SignUpFund(string Id, string Name, string? Province);

public static class GetSignUpChallengeEndpoint
{
    /// <summary>A proof-of-work challenge for one sign-up (public): a signed, expiring nonce (<c>challenge</c>) and the number
    /// of leading zero bits (<c>difficulty</c>) the SHA-256 of <c>challenge + ":" + counter</c> must start with. The page's
    /// script finds the decimal <c>counter</c> with WebCrypto and sends both with the sign-up; each challenge is good once.
    /// Nothing is stored until it is used.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(SignUpsConfiguration.RateLimit)]
    [WolverineGet("/api/sign-ups/challenge", OperationId = "getSignUpChallenge")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<SignUpChallenge>(200)]
    public static SignUpChallenge Get(SignUpTokens tokens, Instant now) => tokens.IssueChallenge(now);

    /// <summary>The funds a cooperative may sign up with (public): id, name and the province a provincial fund serves.</summary>
    [AllowAnonymous]
    [WolverineGet("/api/sign-ups/funds", OperationId = "listSignUpFunds")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<IReadOnlyList<SignUpFund>>(200)]
    public static async Task<IReadOnlyList<SignUpFund>> GetFunds(IDocumentStore store, CancellationToken ct) => await FundsAsync(store, ct);

    public static async Task<IReadOnlyList<SignUpFund>> FundsAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var funds = await query.Query<Funds.Fund>().OrderBy(f => f.Name).ToListAsync(ct);
        return funds.Select(f => new SignUpFund(f.Id, f.Name, f.ProvinceName)).ToArray();
    }
}
