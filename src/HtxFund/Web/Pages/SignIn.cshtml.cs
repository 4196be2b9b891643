using HtxFund.Identity;
using HtxFund.Identity.SigningIn;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HtxFund.Web.Pages;

/// <summary>Cookie sign-in with the API's own login function (<see cref="LoginEndpoint"/>): same password check,
/// lockout, session and claims; rate limited like the API.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.LoginRateLimit)]
public sealed class SignInModel(IDocumentStore store, IPasswordHasher<UserAccount> hasher, IClock clock, IOptions<SecurityOptions> options)
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
        var result = await LoginEndpoint.Post(new Login(Input.UserName, Input.Password), useCookies: true, session, hasher, clock, options, ct);
        await session.SaveChangesAsync(ct); // failed attempts count towards the lockout, as in the API
        if (Refused(result.ProblemOf())) return Page();
        await result.ExecuteAsync(HttpContext); // sets the htxfund.auth cookie
        return Redirect(Target());
    }

    private string Target() =>
        ReturnUrl is { Length: > 1 } url && Url.IsLocalUrl(url) && !url.StartsWith("/dang-nhap") && !url.StartsWith("/loi") ? url : "/";
}
