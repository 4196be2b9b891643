namespace HtxFund.SignUps;

/// <summary>Deployment settings of the public sign-up (<c>HtxFund:SignUps:*</c>), validated on start.</summary>
public sealed class SignUpOptions
{
    public const string Section = "HtxFund:SignUps";

    /// <summary>Sign-up attempts (submissions and email confirmations, API and page together) per client address in any hour.</summary>
    public int PermitsPerHour { get; set; } = 10;
    /// <summary>Leading zero bits the proof of work must find: 16 takes a phone a few hundred milliseconds on average
    /// (about 65 000 SHA-256 hashes), a bot sending thousands of sign-ups as many times that.</summary>
    public int ChallengeBits { get; set; } = 16;
    /// <summary>How long a challenge may be used after it was given.</summary>
    public int ChallengeMinutes { get; set; } = 30;
    /// <summary>How long the emailed confirmation link is valid.</summary>
    public int ConfirmationHours { get; set; } = 48;
    /// <summary>The address people reach the portal at, for the links in emails (never taken from a request's Host header).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    public bool IsValid => PermitsPerHour >= 1 && ChallengeBits is >= 1 and <= 32 && ChallengeMinutes >= 1 && ConfirmationHours >= 1 &&
                           Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
