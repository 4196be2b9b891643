using HtxFund.Identity;
using HtxFund.Identity.Passwords;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HtxFund.Web.Pages.Account;

/// <summary>The signed-in user changes their password: the form posts <see cref="ChangePassword"/> to
/// <c>POST /api/me/password</c> through the app's pipeline (<see cref="ChangePasswordEndpoint"/>).</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class ChangePasswordModel(IOptions<SecurityOptions> security) : PortalPage
{
    public sealed class PasswordForm
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
    }

    [BindProperty] public PasswordForm Input { get; set; } = new();
    [TempData] public string? Done { get; set; }
    public int MinLength => security.Value.MinPasswordLength;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Post("/api/me/password", new ChangePassword(Input.CurrentPassword, Input.NewPassword)) is null) return Page();
        Done = "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.";
        return Redirect("/tai-khoan/mat-khau");
    }
}
