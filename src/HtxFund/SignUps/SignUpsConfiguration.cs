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
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, new SignUpRateLimit()));
        return services;
    }
}

/// <summary>Sign-up attempts per client address in any hour (<see cref="SignUpOptions.PermitsPerHour"/>): submissions and
/// email confirmations, API and page together (the page's post is counted, not the command it sends through the pipeline).
/// Showing a page or taking a challenge is not an attempt. In memory on each node, like the sign-in limit.</summary>
internal sealed class SignUpRateLimit : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext ctx)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("not-an-attempt");
        if (Web.PageCommands.IsSentByPage(ctx)) return RateLimitPartition.GetNoLimiter("counted-by-the-page");
        var permits = ctx.RequestServices.GetRequiredService<IOptions<SignUpOptions>>().Value.PermitsPerHour;
        return RateLimitPartition.GetSlidingWindowLimiter(Identity.SigningIn.ClientAddress.Of(ctx), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (ctx, _) =>
    {
        var http = ctx.HttpContext;
        var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Clamp((int)Math.Ceiling(retryAfter.TotalSeconds), 1, 3600) : 600;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A page answers with the Vietnamese status page (/loi/429); the API with ProblemDetails.
        if (Web.WebSetup.IsPagePath(http.Request.Path)) return;
        var minutes = (seconds + 59) / 60;
        await Results.Problem(Problems.Create(StatusCodes.Status429TooManyRequests, "sign_up.too_many_attempts", "Quá nhiều lần đăng ký",
            $"Có quá nhiều lần đăng ký từ địa chỉ của bạn. Vui lòng thử lại sau khoảng {minutes} phút.",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })).ExecuteAsync(http);
    };
}
