using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtxFund.Infrastructure.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Identity.SigningIn;

public sealed record Login(string? UserName, string? Password)
{
    /// <summary>Both fields present; nothing else about them is said before the credentials are checked.</summary>
    public sealed class Validator : AbstractValidator<Login>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).Must(name => !string.IsNullOrWhiteSpace(name))
                .Refuse("auth.user_name_required", "Vui lòng nhập tên đăng nhập.");
            RuleFor(x => x.Password).Must(password => !string.IsNullOrEmpty(password))
                .Refuse("auth.password_required", "Vui lòng nhập mật khẩu.");
        }
    }
}

/// <summary>The response of a bearer sign-in (ASP.NET Core's bearer-token scheme), with the user's
/// <see cref="SecurityNotices"/>: locks of their account by failed sign-ins since their previous sign-in (empty when
/// there were none). A cookie sign-in (<c>useCookies=true</c>) answers <c>{ "securityNotices": [...] }</c> only.</summary>
public sealed record AccessTokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken,
    IReadOnlyList<SecurityNotice> SecurityNotices);

/// <summary>The response of a cookie sign-in.</summary>
public sealed record CookieSignInResponse(IReadOnlyList<SecurityNotice> SecurityNotices);

public static class LoginEndpoint
{
    /// <summary>Signs in with user name and password. Returns a bearer token, or sets the sign-in cookie when
    /// <c>useCookies=true</c>; either way with <c>securityNotices</c>, the locks of the account since the previous sign-in.
    /// Every failure (unknown or disabled name, wrong password, locked account) is the same 401
    /// <c>auth.invalid_credentials</c>, after the same work. Failures lock the account at the address they come from, and
    /// many failures from many addresses lock it everywhere but at the addresses it signed in from recently; the user is
    /// told by email and after the next sign-in (<see cref="SignInGuard"/>). Attempts are rate limited per client address
    /// (429 <c>auth.too_many_attempts</c> with <c>Retry-After</c>). A user whose administrator forced a password reset gets
    /// 403 <c>auth.password_change_required</c> after the right password, until they set a new one.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(IdentitySetup.LoginRateLimit)]
    [WolverinePost("/api/auth/login", OperationId = "login")]
    [Tags("Đăng nhập")]
    [ProducesResponseType<AccessTokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static async Task<IResult> Post(Login command, bool? useCookies, HttpContext context, IDocumentSession session,
        SignInAttempts attempts, IClock clock, IOptions<SecurityOptions> options, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var userName = UserAccount.NormaliseUserName(command.UserName!);
        var address = ClientAddress.Of(context);
        var found = await session.Query<UserAccount>().SingleOrDefaultAsync(x => x.UserName == userName, ct);
        var user = found is { Disabled: false } ? found : null;

        // The same steps for every attempt, so that neither the answer nor its time says whether the name exists or is locked.
        var admission = await attempts.AdmitAsync(userName, address, now, ct);
        var verification = attempts.Verify(user, command.Password!);
        if (!admission.Admitted || user is null || verification == PasswordVerificationResult.Failed)
        {
            if (admission is { Admitted: true, CompletesALock: true }) await attempts.FailedAsync(userName, user, address, now, ct);
            return InvalidCredentials();
        }

        // An administrator forced a reset (Users/ForcePasswordReset.cs): the right old password no longer signs in.
        if (user.MustChangePassword) return Results.Problem(PasswordChangeRequiredProblem());

        var notices = await attempts.SucceededAsync(user, address, now, ct);
        var signedIn = new UserSession
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, FundId = user.FundId, CreatedAt = now,
            ExpiresAt = now + Duration.FromHours(options.Value.SessionHours),
        };
        session.Store(signedIn);
        session.Store(user with
        {
            LastLoginAt = now,
            PasswordHash = verification == PasswordVerificationResult.SuccessRehashNeeded
                ? attempts.Rehash(user, command.Password!) : user.PasswordHash,
        });

        var scheme = useCookies == true ? CookieAuthenticationDefaults.AuthenticationScheme : BearerTokenDefaults.AuthenticationScheme;
        return new SignedIn(IdentitySetup.PrincipalFor(user, signedIn, scheme), scheme, notices);
    }

    public static ProblemDetails InvalidCredentialsProblem() =>
        Problems.Create(StatusCodes.Status401Unauthorized, "auth.invalid_credentials", "Đăng nhập không thành công",
            "Tên đăng nhập hoặc mật khẩu không đúng.");

    public static ProblemDetails PasswordChangeRequiredProblem() =>
        Problems.Create(StatusCodes.Status403Forbidden, "auth.password_change_required", "Cần đặt mật khẩu mới",
            "Quản trị viên yêu cầu bạn đặt mật khẩu mới trước khi đăng nhập. Hãy mở liên kết trong thư đã gửi cho bạn, " +
            "hoặc nhận liên kết mới tại trang Quên mật khẩu.");

    private static IResult InvalidCredentials() => Results.Problem(InvalidCredentialsProblem());
}

/// <summary>A successful sign-in: signs the principal in with its scheme and answers the bearer token (or, for the cookie,
/// nothing else) together with the security notices. Pages read <see cref="Principal"/> and <see cref="Notices"/>
/// and sign in themselves.</summary>
public sealed class SignedIn(ClaimsPrincipal principal, string scheme, IReadOnlyList<SecurityNotice> notices) : IResult
{
    public ClaimsPrincipal Principal { get; } = principal;
    public string Scheme { get; } = scheme;
    public IReadOnlyList<SecurityNotice> Notices { get; } = notices;

    public async Task ExecuteAsync(HttpContext context)
    {
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (Scheme == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            await context.SignInAsync(Scheme, Principal);
            await context.Response.WriteAsJsonAsync(new CookieSignInResponse(Notices), json);
            return;
        }
        // The bearer scheme writes its own token response; the notices are added to it.
        var body = context.Response.Body;
        using var token = new MemoryStream();
        context.Response.Body = token;
        try
        {
            await context.SignInAsync(Scheme, Principal);
        }
        finally
        {
            context.Response.Body = body;
        }
        var answer = JsonNode.Parse(token.ToArray())!.AsObject();
        answer["securityNotices"] = JsonSerializer.SerializeToNode(Notices, json);
        context.Response.ContentLength = null;
        await context.Response.WriteAsJsonAsync(answer, json);
    }
}
