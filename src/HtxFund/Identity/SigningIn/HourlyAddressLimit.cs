using System.Threading.RateLimiting;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace HtxFund.Identity.SigningIn;

/// <summary>
/// A limit on the anonymous writes of a public form (sign-ups, password resets): POSTs per client address in any hour, a
/// sliding window of six 10-minute segments, in memory on each node like the sign-in limit. Showing a page is not an
/// attempt; when <paramref name="pageCountsItself"/>, a page's post is counted by the page and the command it sends through
/// the pipeline is not counted again. The refusal is the policy's own 429 with <c>Retry-After</c> (up to an hour): the
/// Vietnamese status page for a page, <paramref name="problem"/> (given the seconds to wait) for the API.
/// </summary>
internal sealed class HourlyAddressLimit(Func<IServiceProvider, int> permitsPerHour, Func<int, ProblemDetails> problem, bool pageCountsItself)
    : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext ctx)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("not-an-attempt");
        if (pageCountsItself && Web.PageCommands.IsSentByPage(ctx)) return RateLimitPartition.GetNoLimiter("counted-by-the-page");
        var permits = permitsPerHour(ctx.RequestServices);
        return RateLimitPartition.GetSlidingWindowLimiter(ClientAddress.Of(ctx), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, _) =>
    {
        var http = ctx.HttpContext;
        var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Clamp((int)Math.Ceiling(retryAfter.TotalSeconds), 1, 3600) : 600;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Web.WebSetup.IsPagePath(http.Request.Path)) return; // the Vietnamese status page /loi/429
        await Results.Problem(problem(seconds)).ExecuteAsync(http);
    };

    /// <summary>"about N minutes" for a message, from the seconds to wait.</summary>
    public static int Minutes(int seconds) => (seconds + 59) / 60;
}
