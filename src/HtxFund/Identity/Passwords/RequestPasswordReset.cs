using FluentValidation;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Passwords;

/// <summary>"Forgot password": the user name, or the email address, of the account.</summary>
public sealed record RequestPasswordReset(string? UserNameOrEmail)
{
    public sealed class Validator : AbstractValidator<RequestPasswordReset>
    {
        public Validator()
        {
            RuleFor(x => x.UserNameOrEmail).Must(v => !string.IsNullOrWhiteSpace(v))
                .Refuse("user_name_or_email.required", "Vui lòng nhập tên đăng nhập hoặc địa chỉ thư điện tử.");
            RuleFor(x => x.UserNameOrEmail).MaximumLength(254)
                .Refuse("user_name_or_email.too_long", "Tên đăng nhập hoặc địa chỉ thư điện tử không được dài quá 254 ký tự.");
        }
    }
}

/// <summary>The answer of every reset request, whether or not an account was found.</summary>
public sealed record PasswordResetRequested(string Message)
{
    public static readonly PasswordResetRequested Always = new(
        "Nếu tên đăng nhập hoặc địa chỉ thư điện tử này thuộc một tài khoản đang hoạt động có địa chỉ thư, chúng tôi đã gửi " +
        "đến địa chỉ đó một liên kết để đặt mật khẩu mới. Liên kết chỉ dùng được một lần và trong thời gian ngắn.");
}

public static class RequestPasswordResetEndpoint
{
    /// <summary>The enabled accounts with an email address that the input names (by user name, or by email address: a few
    /// accounts may share one).</summary>
    public static async Task<IReadOnlyList<UserAccount>> LoadAsync(RequestPasswordReset command, IQuerySession session, CancellationToken ct)
    {
        var value = command.UserNameOrEmail!.Trim();
        var byEmail = value.Contains('@');
        var key = byEmail ? value.ToLowerInvariant() : UserAccount.NormaliseUserName(value);
        var found = byEmail
            ? await session.Query<UserAccount>().Where(x => x.Email != null && x.Email.ToLower() == key).Take(5).ToListAsync(ct)
            : await session.Query<UserAccount>().Where(x => x.UserName == key).ToListAsync(ct);
        return found.Where(u => !u.Disabled && !string.IsNullOrWhiteSpace(u.Email)).ToArray();
    }

    /// <summary>Emails a link to set a new password (valid <c>HtxFund:Accounts:PasswordResetMinutes</c>, 30 by default,
    /// once) to the account named by user name or email address. Always answers 202 with the same text, so the answer
    /// never says whether an account exists. Rate limited per client address (429 <c>auth.too_many_password_resets</c>).</summary>
    [AllowAnonymous]
    [EnableRateLimiting(AccountsSetup.ResetRateLimit)]
    [WolverinePost("/api/auth/password-resets", OperationId = "requestPasswordReset")]
    [Tags("Đăng nhập")]
    [ProducesResponseType<PasswordResetRequested>(202)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static (IResult, IMartenOp, OutgoingMessages) Post(RequestPasswordReset command, [NotBody] IReadOnlyList<UserAccount> accounts,
        HttpContext context, IOptions<AccountsOptions> options, Instant now)
    {
        var resets = accounts.Select(u => Decide(u, PasswordResetReason.Forgotten, now, options.Value, LinkBaseOf(context))).ToArray();
        var messages = new OutgoingMessages();
        messages.AddRange(resets.Select(r => new SendPasswordResetEmail(r.Id)));
        return (Results.Accepted(null as string, PasswordResetRequested.Always), resets.Length == 0 ? MartenOps.Nothing() : MartenOps.StoreObjects(resets), messages);
    }

    /// <summary>A new link for <paramref name="user"/>, valid for the reason's duration.</summary>
    public static PasswordReset Decide(UserAccount user, PasswordResetReason reason, Instant now, AccountsOptions options, string linkBase) => new()
    {
        Id = Guid.CreateVersion7(), UserId = user.Id, FundId = user.FundId, Reason = reason, RequestedAt = now, LinkBase = linkBase,
        ExpiresAt = now + (reason == PasswordResetReason.ForcedByAdmin ? options.ForcedResetFor : options.PasswordResetFor),
    };

    public static string LinkBaseOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
