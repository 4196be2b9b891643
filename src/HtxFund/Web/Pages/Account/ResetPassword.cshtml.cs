using HtxFund.Identity;
using HtxFund.Identity.Passwords;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HtxFund.Web.Pages.Account;

/// <summary>The page of an emailed link (<c>/dat-lai-mat-khau?token=…</c>): posts <see cref="ConfirmPasswordReset"/> to
/// <c>POST /api/auth/password-resets/confirm</c> through the app's pipeline, then sends the user to sign in.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(IOptions<SecurityOptions> security) : PortalPage
{
    public sealed class ResetForm
    {
        public string? NewPassword { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public ResetForm Input { get; set; } = new();
    public int MinLength => security.Value.MinPasswordLength;

    /// <summary>The token stays on this origin: the app's Referrer-Policy (strict-origin-when-cross-origin) sends other sites
    /// the origin only, never the address with its token.</summary>
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Post("/api/auth/password-resets/confirm", new ConfirmPasswordReset(Token, Input.NewPassword)) is null) return Page();
        TempData[SignInModel.DoneKey] = "Đã đặt mật khẩu mới. Vui lòng đăng nhập bằng mật khẩu mới.";
        return Redirect("/dang-nhap");
    }
}
