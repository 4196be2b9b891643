using HtxFund.SignUps;
using HtxFund.SignUps.Confirming;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace HtxFund.Web.Pages.SignUp;

/// <summary>The emailed link (<c>/dang-ky/xac-nhan?token=</c>): showing it changes nothing (mail scanners open links);
/// its button sends <c>POST /api/sign-ups/email-confirmations</c> (<see cref="ConfirmSignUpEmailEndpoint"/>) through the
/// app's pipeline.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignUpsConfiguration.RateLimit)]
public sealed class ConfirmModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [TempData] public bool Confirmed { get; set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Post("/api/sign-ups/email-confirmations", new ConfirmSignUpEmail(Token), prefix: "");
        if (result is null) return Page();
        Confirmed = true;
        return RedirectToPage(new { token = (string?)null });
    }
}
