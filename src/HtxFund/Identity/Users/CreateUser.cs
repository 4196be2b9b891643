using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Identity.Users;

/// <summary>An Admin creates a user of their own fund. A Cooperative user is bound to one cooperative of the fund.</summary>
public sealed record CreateUser(
    string? UserName,
    string? DisplayName,
    string? Email,
    string? Password,
    IReadOnlyList<string>? Roles,
    Guid? CooperativeId)
{
    public sealed class Validator : AbstractValidator<CreateUser>
    {
        public Validator()
        {
            RuleFor(x => x.UserName).NotEmpty().Refuse("user_name.required", "Vui lòng nhập tên đăng nhập.");
            RuleFor(x => x.UserName).Matches("^[a-z0-9][a-z0-9._-]{2,63}$").When(x => !string.IsNullOrEmpty(x.UserName))
                .Refuse("user_name.format", "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");
            RuleFor(x => x.DisplayName).RequiredText("display_name", "họ và tên", TextLimits.Name);
            RuleFor(x => x.Email).OptionalText("email", "thư điện tử", 254)
                .EmailAddress().Refuse("email.format", "Địa chỉ thư điện tử không hợp lệ.");
            RuleFor(x => x.Password).NotEmpty().Refuse("password.required", "Vui lòng nhập mật khẩu.");
            RuleFor(x => x.Roles).NotEmpty().Refuse("roles.required", "Vui lòng chọn ít nhất một vai trò.");
            RuleFor(x => x.Roles).Must(r => r is null || r.Count <= HtxFund.Identity.Roles.All.Count)
                .Refuse("roles.too_many", "Danh sách vai trò dài hơn số vai trò của hệ thống.");
            RuleForEach(x => x.Roles).Must(HtxFund.Identity.Roles.IsKnown)
                .Refuse("roles.unknown", "Vai trò không hợp lệ.");
            RuleFor(x => x.Roles).Must(r => r!.Count == 1).When(x => x.Roles?.Contains(HtxFund.Identity.Roles.Cooperative) == true)
                .Refuse("roles.cooperative_exclusive", "Tài khoản hợp tác xã không thể kiêm vai trò của cán bộ quỹ.");
            RuleFor(x => x.CooperativeId).NotNull().When(x => x.Roles?.Contains(HtxFund.Identity.Roles.Cooperative) == true)
                .Refuse("cooperative_id.required", "Tài khoản hợp tác xã phải gắn với một tổ chức.");
            RuleFor(x => x.CooperativeId).Null().When(x => x.Roles?.Contains(HtxFund.Identity.Roles.Cooperative) != true)
                .Refuse("cooperative_id.not_allowed", "Chỉ tài khoản hợp tác xã mới gắn với một tổ chức.");
        }
    }
}

public sealed record UserView(
    Guid Id, string UserName, string DisplayName, string? Email, string FundId, IReadOnlyList<string> Roles,
    Guid? CooperativeId, bool Disabled, Instant CreatedAt, Instant? LastLoginAt, bool MustChangePassword = false)
{
    public static UserView From(UserAccount u) =>
        new(u.Id, u.UserName, u.DisplayName, u.Email, u.FundId, u.Roles, u.CooperativeId, u.Disabled, u.CreatedAt, u.LastLoginAt,
            u.MustChangePassword);
}

/// <summary>What creating a user must know from the store: whether the name is taken (in any fund) and whether the
/// cooperative to bind is one of the admin's fund.</summary>
public sealed record NewUserChecks(bool UserNameTaken, bool CooperativeFound);

public static class CreateUserEndpoint
{
    public static async Task<NewUserChecks> LoadAsync(CreateUser command, IQuerySession session, CancellationToken ct)
    {
        var userName = UserAccount.NormaliseUserName(command.UserName ?? "");
        var taken = await session.Query<UserAccount>().AnyAsync(x => x.UserName == userName, ct);
        // The session belongs to the admin's fund, so a cooperative of another fund is simply not found.
        var found = command.CooperativeId is not { } cooperativeId || await session.LoadAsync<CooperativeDetails>(cooperativeId, ct) is not null;
        return new NewUserChecks(taken, found);
    }

    /// <summary>The password rule (<see cref="Passwords.PasswordRules"/>), a name already used and
    /// a cooperative outside the fund.</summary>
    public static ProblemDetails Validate(CreateUser command, NewUserChecks checks, IOptions<SecurityOptions> security)
    {
        if (Passwords.PasswordRules.Refusal(command.Password!, UserAccount.NormaliseUserName(command.UserName!), security.Value) is { } weak)
            return weak;
        if (checks.UserNameTaken)
            return Problems.Conflict("user.duplicate_user_name", $"Tên đăng nhập {UserAccount.NormaliseUserName(command.UserName!)} đã được sử dụng.");
        if (!checks.CooperativeFound)
            return Problems.Validation("cooperativeId", "cooperative_id.not_found", "Không tìm thấy tổ chức này trong quỹ.");
        return WolverineContinue.NoProblems;
    }

    /// <summary>Creates a user of the admin's own fund (201 with the user). A Cooperative user is bound to a cooperative
    /// of the fund.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/api/users", OperationId = "createUser")]
    [Tags("Người dùng")]
    [ProducesResponseType<UserView>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, StoreDoc<UserAccount>) Post(CreateUser command, ClaimsPrincipal admin, IPasswordHasher<UserAccount> hasher, Instant now)
    {
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = UserAccount.NormaliseUserName(command.UserName!),
            DisplayName = VietnameseText.Normalize(command.DisplayName),
            Email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim(),
            FundId = admin.FundId(),
            Roles = command.Roles!.Distinct().ToArray(),
            CooperativeId = command.CooperativeId,
            PasswordHash = "",
            CreatedAt = now,
            CreatedBy = admin.UserId(),
        };
        user = user with { PasswordHash = hasher.HashPassword(user, command.Password!) };
        return (Results.Created($"/api/users/{user.Id}", UserView.From(user)), MartenOps.Store(user));
    }
}
