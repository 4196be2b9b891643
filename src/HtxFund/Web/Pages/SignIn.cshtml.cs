using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.Web.Pages;

/// <summary>Cookie sign-in with the API's own login function (<see cref="LoginEndpoint"/>): same password check,
/// lockout, session and claims; rate limited like the API (per client address, attempts of both counted together).
/// The locks of the account since the previous sign-in are shown on the next page (<see cref="SecurityNotices"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.LoginRateLimit)]
public sealed class SignInModel(IDocumentStore store, SignInAttempts attempts, IClock clock, IOptions<SecurityOptions> options)
    : PortalPage
{
    public sealed class SignInInput
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Redirect(Target()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(); // users are not per fund: the login endpoint's session
        var result = await LoginEndpoint.Post(new Login(Input.UserName, Input.Password), useCookies: true, HttpContext, session, attempts,
            clock, options, ct);
        await session.SaveChangesAsync(ct); // the session and the user's last sign-in, as Wolverine commits them for the API
        if (Refused(result.ProblemOf())) return Page();
        var signedIn = (SignedIn)result;
        await HttpContext.SignInAsync(signedIn.Scheme, signedIn.Principal); // sets the htxfund.auth cookie
        SecurityNotices.Keep(TempData, signedIn.Notices);
        return Redirect(Target());
    }

    private string Target() =>
        ReturnUrl is { Length: > 1 } url && Url.IsLocalUrl(url) && !url.StartsWith("/dang-nhap") && !url.StartsWith("/loi") ? url : "/";
}
