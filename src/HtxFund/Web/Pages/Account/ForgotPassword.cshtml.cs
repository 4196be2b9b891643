using HtxFund.Identity.Passwords;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Account;

/// <summary>"Forgot password": posts <see cref="RequestPasswordReset"/> to <c>POST /api/auth/password-resets</c> through the
/// app's pipeline (rate limited per client address there) and shows the same answer whether or not an account was found.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel : PortalPage
{
    public sealed class ForgotForm
    {
        public string? UserNameOrEmail { get; set; }
    }

    [BindProperty] public ForgotForm Input { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Post("/api/auth/password-resets", new RequestPasswordReset(Input.UserNameOrEmail)) is null) return Page();
        Done = PasswordResetRequested.Always.Message;
        return Redirect("/quen-mat-khau");
    }
}
