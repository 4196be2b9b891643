using HtxFund.Cooperatives.Searching;
using HtxFund.Identity;
using HtxFund.Identity.Users;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The fund's users and their roles: list, create, disable, enable and force a password reset, by sending the API's user commands
/// through the app's pipeline (Admin).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersModel : PortalPage
{
    public sealed class UserForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
        public List<string> Roles { get; set; } = [];
        public Guid? CooperativeId { get; set; }
    }

    [BindProperty] public UserForm Input { get; set; } = new();
    public IReadOnlyList<UserView> Users { get; private set; } = [];
    public IReadOnlyList<CooperativeSummary> Cooperatives { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var command = new CreateUser(Input.UserName, Input.DisplayName, Input.Email, Input.Password, Input.Roles, Input.CooperativeId);
        if (await Post("/api/users", command) is not null)
        {
            Done = $"Đã tạo tài khoản {command.UserName}.";
            return Redirect("/quan-tri/nguoi-dung");
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct)
    {
        if (await Post($"/api/users/{id}/disable", null, prefix: "") is not null) Done = "Đã khóa tài khoản.";
        else { await LoadAsync(ct); return Page(); }
        return Redirect("/quan-tri/nguoi-dung");
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct)
    {
        if (await Post($"/api/users/{id}/enable", null, prefix: "") is not null) Done = "Đã mở khóa tài khoản.";
        else { await LoadAsync(ct); return Page(); }
        return Redirect("/quan-tri/nguoi-dung");
    }

    /// <summary>Ends the user's sign-ins and emails them a link to set a new password (<see cref="ForcePasswordResetEndpoint"/>).</summary>
    public async Task<IActionResult> OnPostForceResetAsync(Guid id, CancellationToken ct)
    {
        if (await Post($"/api/users/{id}/password-reset", null, prefix: "") is not null)
        {
            Done = "Đã buộc đặt lại mật khẩu và gửi liên kết đến thư điện tử của người dùng.";
            return Redirect("/quan-tri/nguoi-dung");
        }
        ActionProblem = Problem;
        Problem = null;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The refusal of an action on a row of the table (shown above it, not in the creation form).</summary>
    public Microsoft.AspNetCore.Mvc.ProblemDetails? ActionProblem { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await ListUsersEndpoint.Get(User, Query, ct);
        var problem = Problem;
        Cooperatives = (await Read<PagedResult<CooperativeSummary>>(q => SearchCooperativesEndpoint.Get(null, null, null, 1, 100, q, ct)))?.Items ?? [];
        Problem = problem;
    }
}
