using System.Security.Claims;
using System.Threading.RateLimiting;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NodaTime;

using HtxFund.Identity.Passwords;
using HtxFund.Infrastructure.Jobs;

namespace HtxFund.Identity;

public static class IdentitySetup
{
    public const string Scheme = "htxfund";
    public const string LoginRateLimit = "login";
    public const string AdminPolicy = "admin";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddHtxFundIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        // the daily purge of sign-in guards that hold nothing any more (02:40 in the fund's time zone)
        services.AddRecurringJob<SigningIn.PurgeSignInGuardsJob>(SigningIn.PurgeSignInGuardsJob.Id, j => j.Run(CancellationToken.None), "40 2 * * *");
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.MaxFailedLogins >= 1 && o.MaxFailedLoginsPerAccount >= o.MaxFailedLogins && o.LockoutMinutes >= 1 &&
                           o.MaxLockoutMinutes >= o.LockoutMinutes && o.LockEscalationHours >= 0 && o.FailureWindowMinutes >= 1 &&
                           o.KnownAddressDays >= 0 && o.LockoutEmailIntervalMinutes >= 0 && o.LoginPermitsPerMinute >= 1 &&
                           o.MinPasswordLength is >= 8 and <= Passwords.PasswordRules.MaxLength,
                $"{SecurityOptions.Section}: the failure limits and minutes must be at least 1, MaxFailedLoginsPerAccount at least " +
                "MaxFailedLogins, MaxLockoutMinutes at least LockoutMinutes, MinPasswordLength 8 to 128, and no setting negative.")
            .ValidateOnStart();
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddHtxFundAccounts(configuration);
        var accounts = configuration.GetSection(Passwords.AccountsOptions.Section).Get<Passwords.AccountsOptions>() ?? new Passwords.AccountsOptions();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = security.PasswordHashIterations;
        });
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            // API clients send "Authorization: Bearer ..."; pages use the cookie.
            .AddPolicyScheme(Scheme, "HtxFund", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(security.SessionHours);
                o.RefreshTokenExpiration = TimeSpan.FromDays(accounts.RefreshTokenDays); // POST /api/auth/refresh (SigningIn/Refresh.cs)
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "htxfund.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(security.SessionHours);
                o.SlidingExpiration = false;
                o.LoginPath = "/dang-nhap";
                o.AccessDeniedPath = "/loi/403"; // a signed-in page user without the role sees the Vietnamese 403 page
                o.Events.OnRedirectToLogin = ctx => StatusInsteadOfRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => StatusInsteadOfRedirect(ctx, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorizationBuilder()
            // Fail closed: an endpoint that declares nothing still requires a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "htxfund.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddSingleton<SigningIn.SignInAttempts>();

        // Sign-in attempts (API and page together, every account) per client address in any minute: a sliding window of
        // six 10-second segments, so that no burst fits twice at a window's edge. In memory on each node (the partition
        // must be chosen before the body is read, so it cannot be per account: the per-account limits are the
        // failure counts in the store, see SignInGuard).
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, ctx =>
            {
                // Showing the sign-in page is not an attempt.
                if (!HttpMethods.IsPost(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("not-an-attempt");
                // The sign-in page's post was counted; the login it sends through the pipeline is the same attempt.
                if (Web.PageCommands.IsSentByPage(ctx)) return RateLimitPartition.GetNoLimiter("counted-by-the-page");
                var permits = ctx.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginPermitsPerMinute;
                return RateLimitPartition.GetSlidingWindowLimiter(SigningIn.ClientAddress.Of(ctx), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Clamp((int)Math.Ceiling(retryAfter.TotalSeconds), 1, 60)
                    : 60;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // A page answers with the Vietnamese status page (/loi/429, through the status-code pages); the API with ProblemDetails.
                if (Web.WebSetup.IsPagePath(http.Request.Path)) return;
                var problem = Problems.Create(StatusCodes.Status429TooManyRequests, "auth.too_many_attempts", "Quá nhiều lần đăng nhập",
                    $"Có quá nhiều lần đăng nhập từ địa chỉ của bạn trong một phút. Vui lòng đợi {seconds} giây rồi thử lại.",
                    new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
                await Results.Problem(problem).ExecuteAsync(http);
            };
        });
        return services;
    }

    private static Task StatusInsteadOfRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hangfire") || ctx.Request.Method != HttpMethods.Get)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseHtxFundIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SessionValidationMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();
        app.UseHtxFundRequestGuards();
        app.UseMiddleware<Infrastructure.Http.Idempotency.IdempotencyMiddleware>();
        return app;
    }

    /// <summary>Builds the principal of a sign-in.</summary>
    public static ClaimsPrincipal PrincipalFor(UserAccount user, UserSession session, string scheme)
    {
        var claims = new List<Claim>
        {
            new(HtxClaims.UserId, user.Id.ToString()),
            new(HtxClaims.UserName, user.UserName),
            new(HtxClaims.Fund, user.FundId),
            new(HtxClaims.Session, session.Id.ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(HtxClaims.Role, r)));
        if (user.CooperativeId is { } cooperativeId) claims.Add(new Claim(HtxClaims.Cooperative, cooperativeId.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, HtxClaims.UserName, HtxClaims.Role));
    }
}

/// <summary>Every signed-in request must belong to a live session: logout, expiry and disabling the user
/// take effect at once for cookies and bearer tokens alike.</summary>
internal sealed class SessionValidationMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context, IDocumentStore store, IClock clock)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var valid = Guid.TryParse(context.User.FindFirst(HtxClaims.Session)?.Value, out var sessionId);
            if (valid)
            {
                await using var query = store.QuerySession();
                var session = await query.LoadAsync<UserSession>(sessionId, context.RequestAborted);
                valid = session is not null && session.IsActiveAt(clock.GetCurrentInstant());
            }
            if (!valid) context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }
}

/// <summary>Cookie-authenticated writes must carry the antiforgery token (header <c>X-CSRF-TOKEN</c> or form field).
/// Bearer-token requests carry no ambient credential and need none.</summary>
internal sealed class CookieAntiforgeryMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ||
                             HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        var cookieAuthenticated = context.User.Identity?.IsAuthenticated == true &&
                                  !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && cookieAuthenticated && !await antiforgery.IsRequestValidAsync(context))
        {
            var problem = Problems.Create(StatusCodes.Status400BadRequest, "antiforgery.invalid", "Yêu cầu không hợp lệ",
                "Thiếu hoặc sai mã chống giả mạo yêu cầu (antiforgery). Vui lòng tải lại trang và thử lại.");
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
