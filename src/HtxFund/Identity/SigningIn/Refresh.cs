using System.Security.Claims;
using FluentValidation;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.SigningIn;

/// <summary>The refresh token of a bearer sign-in (the <c>refreshToken</c> of login's answer, or of the last refresh).</summary>
public sealed record RefreshSignIn(string? RefreshToken)
{
    public sealed class Validator : AbstractValidator<RefreshSignIn>
    {
        public Validator()
        {
            RuleFor(x => x.RefreshToken).Must(t => !string.IsNullOrWhiteSpace(t))
                .Refuse("refresh_token.required", "Vui lòng gửi mã làm mới (refreshToken) của lần đăng nhập.");
        }
    }
}

/// <summary>What a refresh token names: its sign-in and user, when the token is genuine and unexpired (else all null).</summary>
public sealed record SignInToRefresh(bool TokenValid, UserSession? Session, UserAccount? User);

public static class RefreshEndpoint
{
    public static async Task<SignInToRefresh> LoadAsync(RefreshSignIn command, IOptionsMonitor<BearerTokenOptions> bearer,
        IQuerySession session, CancellationToken ct)
    {
        var options = bearer.Get(BearerTokenDefaults.AuthenticationScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(command.RefreshToken!.Trim());
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= now) return new(false, null, null);
        var principal = ticket.Principal;
        if (!Guid.TryParse(principal.FindFirstValue(HtxClaims.Session), out var sessionId)) return new(false, null, null);
        var signedIn = await session.LoadAsync<UserSession>(sessionId, ct);
        var user = signedIn is null ? null : await session.LoadAsync<UserAccount>(signedIn.UserId, ct);
        return new(true, signedIn, user);
    }

    /// <summary>A forged or expired token, a disabled user, a forced password reset, and a sign-in that ended (logout, a new
    /// password, disabling, or this token already used for a refresh) are refused with 401 and their code.</summary>
    public static ProblemDetails Validate(SignInToRefresh found) =>
        !found.TokenValid || found.Session is null || found.User is null
            ? Unauthorized("auth.refresh_token_invalid", "Mã làm mới không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.")
        : found.User.Disabled ? Unauthorized("auth.account_disabled", "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên của quỹ.")
        : found.User.MustChangePassword ? Unauthorized("auth.password_change_required",
            "Quản trị viên yêu cầu bạn đặt mật khẩu mới. Hãy mở liên kết trong thư đã gửi cho bạn, rồi đăng nhập lại.")
        : found.Session.ReplacedBy is not null ? Unauthorized("auth.refresh_token_used",
            "Mã làm mới này đã được dùng. Mỗi mã chỉ dùng được một lần; vui lòng dùng mã mới nhất hoặc đăng nhập lại.")
        : found.Session.RevokedAt is not null ? Unauthorized("auth.session_ended", "Phiên đăng nhập này đã kết thúc. Vui lòng đăng nhập lại.")
        : WolverineContinue.NoProblems;

    private static ProblemDetails Unauthorized(string code, string detail) =>
        Problems.Create(StatusCodes.Status401Unauthorized, code, "Không làm mới được phiên đăng nhập", detail);

    /// <summary>Renews a bearer sign-in with its refresh token: answers a new access token and a new refresh token (as
    /// login does) for a new session, and ends the old session, so the old refresh token is refused if used again.
    /// Refused (401) after logout, a password change or reset, when the user is disabled, and for an expired token
    /// (<c>HtxFund:Accounts:RefreshTokenDays</c>). Rate limited with sign-ins.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(IdentitySetup.LoginRateLimit)]
    [WolverinePost("/api/auth/refresh", OperationId = "refreshSignIn")]
    [Tags("Đăng nhập")]
    [ProducesResponseType<AccessTokenResponse>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(401)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static (IResult, IMartenOp) Post(RefreshSignIn command, [NotBody] SignInToRefresh found, IOptions<SecurityOptions> security, Instant now)
    {
        var user = found.User!;
        var renewed = new UserSession
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, FundId = user.FundId, CreatedAt = now,
            ExpiresAt = now + Duration.FromHours(security.Value.SessionHours),
        };
        var ended = found.Session! with { RevokedAt = now, ReplacedBy = renewed.Id };
        var scheme = BearerTokenDefaults.AuthenticationScheme;
        return (new SignedIn(IdentitySetup.PrincipalFor(user, renewed, scheme), scheme, []), MartenOps.StoreObjects(ended, renewed));
    }
}
