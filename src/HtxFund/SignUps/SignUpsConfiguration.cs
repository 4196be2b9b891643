using System.Threading.RateLimiting;
using HtxFund.Infrastructure.Http;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HtxFund.SignUps;

public static class SignUpsConfiguration
{
    /// <summary>The rate limiter policy of the public sign-up endpoints and page.</summary>
    public const string RateLimit = "sign-up";

    public static StoreOptions ConfigureSignUps(this StoreOptions opts)
    {
        // One stream per sign-up in its fund; the inline snapshot is what the review pages list.
        opts.Projections.Snapshot<SignUp>(SnapshotLifecycle.Inline);
        opts.Schema.For<SignUp>().Index(x => x.TaxCode).Index(x => x.Status);
        opts.Schema.For<SignUpCredential>();
        opts.Schema.For<SpentSignUpChallenge>().SingleTenanted();
        return opts;
    }

    public static IServiceCollection AddHtxFundSignUps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignUpOptions>().Bind(configuration.GetSection(SignUpOptions.Section))
            .Validate(o => o.IsValid, $"{SignUpOptions.Section}: PermitsPerHour, ChallengeMinutes and ConfirmationHours must be at least 1, ChallengeBits 1 to 32.")
            .ValidateOnStart();
        services.AddSingleton<SignUpTokens>();
        // Sign-up attempts per client address in any hour (SignUpOptions.PermitsPerHour): submissions and email confirmations,
        // API and page together (the page's post is counted, not the command it sends through the pipeline).
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, new Identity.SigningIn.HourlyAddressLimit(
            sp => sp.GetRequiredService<IOptions<SignUpOptions>>().Value.PermitsPerHour,
            seconds => Problems.Create(StatusCodes.Status429TooManyRequests, "sign_up.too_many_attempts", "Quá nhiều lần đăng ký",
                $"Có quá nhiều lần đăng ký từ địa chỉ của bạn. Vui lòng thử lại sau khoảng {Identity.SigningIn.HourlyAddressLimit.Minutes(seconds)} phút.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }),
            pageCountsItself: true)));
        return services;
    }
}
