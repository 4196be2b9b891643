using FluentValidation;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Passwords;

/// <summary>The token of an emailed link and the new password.</summary>
public sealed record ConfirmPasswordReset(string? Token, string? NewPassword)
{
    public sealed class Validator : AbstractValidator<ConfirmPasswordReset>
    {
        public Validator()
        {
            RuleFor(x => x.Token).Must(t => !string.IsNullOrWhiteSpace(t))
                .Refuse("token.required", "Thiếu mã của liên kết đặt lại mật khẩu. Vui lòng mở lại liên kết trong thư.");
            RuleFor(x => x.Token).MaximumLength(100).Refuse("token.too_long", "Mã của liên kết đặt lại mật khẩu không hợp lệ.");
            RuleFor(x => x.NewPassword).NotEmpty().Refuse("new_password.required", "Vui lòng nhập mật khẩu mới.");
        }
    }
}

/// <summary>The link a token names, its user, the user's live sessions and the user's other links still unused.</summary>
public sealed record ResetToConfirm(PasswordReset? Reset, UserAccount? User, IReadOnlyList<UserSession> Sessions, IReadOnlyList<PasswordReset> OtherLinks);

public static class ConfirmPasswordResetEndpoint
{
    public static async Task<ResetToConfirm> LoadAsync(ConfirmPasswordReset command, IQuerySession session, CancellationToken ct)
    {
        var hash = PasswordReset.HashOf(command.Token!.Trim());
        var reset = await session.Query<PasswordReset>().SingleOrDefaultAsync(x => x.TokenHash == hash, ct);
        if (reset is null) return new(null, null, [], []);
        var user = await session.LoadAsync<UserAccount>(reset.UserId, ct);
        var sessions = await session.Query<UserSession>().Where(x => x.UserId == reset.UserId && x.RevokedAt == null).ToListAsync(ct);
        var others = await session.Query<PasswordReset>().Where(x => x.UserId == reset.UserId && x.UsedAt == null && x.Id != reset.Id).ToListAsync(ct);
        return new(reset, user, sessions, others);
    }

    /// <summary>The clock is read through <see cref="BusinessTime"/> here: an <c>Instant now</c> in both Validate and Post would be
    /// generated twice.</summary>
    public static ProblemDetails Validate(ConfirmPasswordReset command, ResetToConfirm found, IOptions<SecurityOptions> security, BusinessTime time) =>
        found is not { Reset: { } reset, User: { Disabled: false } user } ? Invalid("password_reset.invalid",
                "Liên kết đặt lại mật khẩu không hợp lệ. Vui lòng mở đúng liên kết trong thư, hoặc yêu cầu liên kết mới.")
        : reset.UsedAt is not null ? Invalid("password_reset.used",
            "Liên kết này đã được dùng để đặt mật khẩu. Nếu cần, hãy yêu cầu liên kết mới tại trang Quên mật khẩu.")
        : time.Now >= reset.ExpiresAt ? Invalid("password_reset.expired",
            "Liên kết đặt lại mật khẩu đã hết hạn. Vui lòng yêu cầu liên kết mới tại trang Quên mật khẩu.")
        : PasswordRules.Refusal(command.NewPassword!, user.UserName, security.Value, "newPassword") ?? WolverineContinue.NoProblems;

    private static ProblemDetails Invalid(string code, string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, code, "Không đặt được mật khẩu mới", detail);

    /// <summary>Sets a new password with the token of an emailed link (once, before it expires). Every sign-in of the user
    /// ends, every other link of the user stops working, and a reset forced by an administrator is lifted.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(AccountsSetup.ResetRateLimit)]
    [WolverinePost("/api/auth/password-resets/confirm", OperationId = "confirmPasswordReset")]
    [Tags("Đăng nhập")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static (IResult, IMartenOp) Post(ConfirmPasswordReset command, [NotBody] ResetToConfirm found, IPasswordHasher<UserAccount> hasher, Instant now)
    {
        var user = found.User!;
        object[] changed =
        [
            PasswordChange.Of(user, hasher.HashPassword(user, command.NewPassword!), now),
            .. new[] { found.Reset! }.Concat(found.OtherLinks).Select(r => r with { UsedAt = now }),
            .. found.Sessions.Select(s => s with { RevokedAt = now }),
        ];
        return (Results.NoContent(), MartenOps.StoreObjects(changed));
    }
}

/// <summary>A user's new password, whoever sets it (the user, or through an emailed link).</summary>
public static class PasswordChange
{
    public static UserAccount Of(UserAccount user, string hash, Instant now) =>
        user with { PasswordHash = hash, PasswordChangedAt = now, MustChangePassword = false };
}
