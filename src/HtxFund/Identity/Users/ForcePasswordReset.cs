using System.Security.Claims;
using HtxFund.Identity.Passwords;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Users;

public static class ForcePasswordResetEndpoint
{
    public static async Task<UserToDisable> LoadAsync(Guid id, ClaimsPrincipal admin, IQuerySession session, CancellationToken ct) =>
        await DisableUserEndpoint.LoadAsync(id, admin, session, ct);

    public static ProblemDetails Validate(UserToDisable found, ClaimsPrincipal admin) =>
        found.User is not { } user ? ListUsersEndpoint.NotFound()
        : user.Id == admin.UserId() ? Problems.Conflict("user.cannot_reset_self",
            "Quản trị viên không thể buộc chính mình đặt lại mật khẩu; hãy đổi mật khẩu tại trang Tài khoản.")
        : user.Disabled ? Problems.Conflict("user.disabled", "Tài khoản này đang bị khóa; hãy mở khóa trước khi buộc đặt lại mật khẩu.")
        : string.IsNullOrWhiteSpace(user.Email) ? Problems.Conflict("user.no_email",
            "Người dùng này chưa có địa chỉ thư điện tử để nhận liên kết đặt mật khẩu mới.")
        : WolverineContinue.NoProblems;

    /// <summary>Forces a user of the admin's fund to set a new password: every sign-in of the user ends at once, sign-in is
    /// refused (403 <c>auth.password_change_required</c>) until a new password is set, and a link to set it (valid
    /// <c>HtxFund:Accounts:ForcedResetHours</c>, 24 by default) is emailed to the user.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users/{id}/password-reset", OperationId = "forcePasswordReset")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, IMartenOp, OutgoingMessages) Post(Guid id, [NotBody] UserToDisable found, HttpContext context,
        IOptions<AccountsOptions> options, Instant now)
    {
        var marked = found.User! with { MustChangePassword = true };
        var reset = RequestPasswordResetEndpoint.Decide(marked, PasswordResetReason.ForcedByAdmin, now, options.Value,
            RequestPasswordResetEndpoint.LinkBaseOf(context));
        object[] changed = [marked, reset, .. found.ActiveSessions.Select(s => s with { RevokedAt = now })];
        return (Results.Ok(UserView.From(marked)), MartenOps.StoreObjects(changed), [new SendPasswordResetEmail(reset.Id)]);
    }
}
