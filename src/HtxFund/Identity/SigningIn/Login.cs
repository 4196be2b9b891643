using HtxFund.Infrastructure.Http;
using Marten;
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

public sealed record Login(string? UserName, string? Password);

/// <summary>The response of a bearer sign-in (ASP.NET Core's bearer-token scheme).</summary>
public sealed record AccessTokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public static class LoginEndpoint
{
    private static readonly string DummyHash =
        new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password-used-for-timing");

    /// <summary>Signs in with user name and password. Returns a bearer token, or sets the sign-in cookie
    /// when <c>useCookies=true</c>. Locks the account after repeated failures; rate limited per IP address.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(IdentitySetup.LoginRateLimit)]
    [WolverinePost("/api/auth/login", OperationId = "login")]
    [Tags("Đăng nhập")]
    [ProducesResponseType<AccessTokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static async Task<IResult> Post(Login command, bool? useCookies, IDocumentSession session,
        IPasswordHasher<UserAccount> hasher, IClock clock, IOptions<SecurityOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.UserName) || string.IsNullOrEmpty(command.Password))
        {
            return Results.Problem(Problems.Validation([
                .. string.IsNullOrWhiteSpace(command.UserName)
                    ? [new FieldError("userName", "auth.user_name_required", "Vui lòng nhập tên đăng nhập.")] : Array.Empty<FieldError>(),
                .. string.IsNullOrEmpty(command.Password)
                    ? [new FieldError("password", "auth.password_required", "Vui lòng nhập mật khẩu.")] : Array.Empty<FieldError>(),
            ]));
        }

        var now = clock.GetCurrentInstant();
        var security = options.Value;
        var userName = UserAccount.NormaliseUserName(command.UserName);
        var user = await session.Query<UserAccount>().SingleOrDefaultAsync(x => x.UserName == userName, ct);

        if (user is null || user.Disabled)
        {
            hasher.VerifyHashedPassword(null!, DummyHash, command.Password); // same cost whether or not the user exists
            return InvalidCredentials();
        }
        if (user.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return Results.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "auth.locked_out", "Tài khoản tạm khóa",
                $"Tài khoản bị tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {security.LockoutMinutes} phút.",
                new Dictionary<string, object?> { ["lockedUntil"] = lockedUntil.ToString() }));
        }

        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, command.Password);
        if (verification == PasswordVerificationResult.Failed)
        {
            var failures = user.FailedLogins + 1;
            var locks = failures >= security.MaxFailedLogins;
            session.Store(user with
            {
                FailedLogins = locks ? 0 : failures,
                LockedUntil = locks ? now + Duration.FromMinutes(security.LockoutMinutes) : user.LockedUntil,
            });
            return InvalidCredentials();
        }

        var signedIn = new UserSession
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, FundId = user.FundId, CreatedAt = now,
            ExpiresAt = now + Duration.FromHours(security.SessionHours),
        };
        session.Store(signedIn);
        session.Store(user with
        {
            FailedLogins = 0, LockedUntil = null, LastLoginAt = now,
            PasswordHash = verification == PasswordVerificationResult.SuccessRehashNeeded
                ? hasher.HashPassword(user, command.Password) : user.PasswordHash,
        });

        var scheme = useCookies == true ? CookieAuthenticationDefaults.AuthenticationScheme : BearerTokenDefaults.AuthenticationScheme;
        return Results.SignIn(IdentitySetup.PrincipalFor(user, signedIn, scheme), authenticationScheme: scheme);
    }

    private static IResult InvalidCredentials() =>
        Results.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "auth.invalid_credentials", "Đăng nhập không thành công",
            "Tên đăng nhập hoặc mật khẩu không đúng."));
}
