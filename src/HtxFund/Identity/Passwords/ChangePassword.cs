using System.Security.Claims;
using FluentValidation;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Passwords;

/// <summary>The signed-in user's current password and the new one.</summary>
public sealed record ChangePassword(string? CurrentPassword, string? NewPassword)
{
    public sealed class Validator : AbstractValidator<ChangePassword>
    {
        public Validator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().Refuse("current_password.required", "Vui lòng nhập mật khẩu hiện tại.");
            RuleFor(x => x.NewPassword).NotEmpty().Refuse("new_password.required", "Vui lòng nhập mật khẩu mới.");
        }
    }
}

/// <summary>The signed-in user and their other live sign-ins (null user: the account is gone).</summary>
public sealed record PasswordOwner(UserAccount? User, IReadOnlyList<UserSession> OtherSessions);

public static class ChangePasswordEndpoint
{
    public static async Task<PasswordOwner> LoadAsync(ClaimsPrincipal principal, IQuerySession session, CancellationToken ct)
    {
        var user = await session.LoadAsync<UserAccount>(principal.UserId(), ct);
        var current = Guid.TryParse(principal.FindFirstValue(HtxClaims.Session), out var sid) ? sid : Guid.Empty;
        var others = user is null ? [] : await session.Query<UserSession>()
            .Where(x => x.UserId == user.Id && x.RevokedAt == null && x.Id != current).ToListAsync(ct);
        return new(user, others);
    }

    public static ProblemDetails Validate(ChangePassword command, PasswordOwner owner, IPasswordHasher<UserAccount> hasher,
        IOptions<SecurityOptions> security) =>
        owner.User is not { } user ? Problems.NotFound("user.not_found", "Không tìm thấy tài khoản của bạn.")
        : hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword!) == PasswordVerificationResult.Failed
            ? Problems.Validation("currentPassword", "password.current_wrong", "Mật khẩu hiện tại không đúng.")
        : PasswordRules.Refusal(command.NewPassword!, user.UserName, security.Value, "newPassword") ?? WolverineContinue.NoProblems;

    /// <summary>Changes the signed-in user's password (the current one must be given). The user's other sign-ins (other
    /// browsers, bearer tokens and their refresh tokens) end at once; this one goes on.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverinePost("/api/me/password", OperationId = "changeMyPassword")]
    [Tags("Đăng nhập")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static (IResult, IMartenOp) Post(ChangePassword command, [NotBody] PasswordOwner owner, IPasswordHasher<UserAccount> hasher, Instant now)
    {
        var user = owner.User!;
        object[] changed = [PasswordChange.Of(user, hasher.HashPassword(user, command.NewPassword!), now), .. owner.OtherSessions.Select(s => s with { RevokedAt = now })];
        return (Results.NoContent(), MartenOps.StoreObjects(changed));
    }
}
