using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace HtxFund.Web.Pages;

/// <summary>Cookie sign-in: the form's user name and password are sent to the API's login
/// (<c>POST /api/auth/login?useCookies=true</c>, <see cref="LoginEndpoint"/>) through the application's pipeline, so the
/// page gets the same password check, lockout, session and claims as the API. The page post is rate limited like the API
/// (per client address, page and API attempts counted together; the login it sends is not counted again). The cookie the login sets is the page's answer's. The locks of the account since the previous
/// sign-in are shown on the next page (<see cref="SecurityNotices"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.LoginRateLimit)]
public sealed class SignInModel : PortalPage
{
    public sealed class SignInInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    /// <summary>TempData key of a message shown above the form (a new password was set through an emailed link).</summary>
    public const string DoneKey = "SignInDone";

    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Redirect(Target()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Post("/api/auth/login?useCookies=true", new Login(Input.UserName, Input.Password));
        if (result is null) return Page();
        SecurityNotices.Keep(TempData, ValueOf<CookieSignInResponse>(result)?.SecurityNotices ?? []);
        return Redirect(Target());
    }

    private string Target() =>
        ReturnUrl is { Length: > 1 } url && Url.IsLocalUrl(url) && !url.StartsWith("/dang-nhap") && !url.StartsWith("/loi") ? url : "/";
}
