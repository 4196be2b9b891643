using System.Threading.RateLimiting;
using HtxFund.Identity.SigningIn;
using HtxFund.Infrastructure.Http;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.Identity.Passwords;

/// <summary>Password resets and refresh tokens (configuration section <c>HtxFund:Accounts</c>; docs/going-live.md,
/// "Accounts"). The links in password-reset emails start with <c>HtxFund:Notices:SiteUrl</c>, the address every email
/// links to.</summary>
public sealed class AccountsOptions
{
    public const string Section = "HtxFund:Accounts";

    /// <summary>How long a link of "forgot password" works (OWASP's forgot-password cheat sheet: short-lived).</summary>
    public int PasswordResetMinutes { get; set; } = 30;
    /// <summary>How long the link of a reset forced by an administrator works (the user may not read mail at once; after it
    /// "forgot password" sends a new one).</summary>
    public int ForcedResetHours { get; set; } = 24;
    /// <summary>Requests of password resets and their confirmations allowed per client address in any hour.</summary>
    public int ResetRequestsPerHour { get; set; } = 10;
    /// <summary>How long a refresh token can renew a bearer sign-in (each refresh gives a new one).</summary>
    public int RefreshTokenDays { get; set; } = 14;

    public Duration PasswordResetFor => Duration.FromMinutes(PasswordResetMinutes);
    public Duration ForcedResetFor => Duration.FromHours(ForcedResetHours);

    public bool IsValid => PasswordResetMinutes is >= 5 and <= 24 * 60 && ForcedResetHours is >= 1 and <= 24 * 14 &&
                           ResetRequestsPerHour >= 1 && RefreshTokenDays is >= 1 and <= 90;
}

public static class AccountsSetup
{
    public const string ResetRateLimit = "password-reset";

    public static IServiceCollection AddHtxFundAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section))
            .Validate(o => o.IsValid, $"{AccountsOptions.Section}: PasswordResetMinutes 5 to 1440, ForcedResetHours 1 to 336, " +
                                      "ResetRequestsPerHour at least 1, RefreshTokenDays 1 to 90.")
            .ValidateOnStart();
        // Password-reset requests and confirmations per client address in any hour, in memory on each node like the sign-in
        // limit: nobody can flood an inbox or guess tokens from one address.
        services.AddRateLimiter(o => o.AddPolicy(ResetRateLimit, new HourlyAddressLimit(
            sp => sp.GetRequiredService<IOptions<AccountsOptions>>().Value.ResetRequestsPerHour, TooManyResets, pageCountsItself: false)));
        return services;
    }

    /// <summary>The API's 429 of <see cref="ResetRateLimit"/>.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails TooManyResets(int seconds) =>
        Problems.Create(StatusCodes.Status429TooManyRequests, "auth.too_many_password_resets", "Quá nhiều yêu cầu đặt lại mật khẩu",
            $"Có quá nhiều yêu cầu đặt lại mật khẩu từ địa chỉ của bạn. Vui lòng thử lại sau khoảng {HourlyAddressLimit.Minutes(seconds)} phút.",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
}
