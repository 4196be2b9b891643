using HtxFund.SignUps;
using HtxFund.SignUps.Submitting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace HtxFund.Web.Pages.SignUp;

/// <summary>The public sign-up (<c>/dang-ky</c>, phone first): the form sends the API's multipart sign-up
/// (<c>POST /api/sign-ups</c>, <see cref="SubmitSignUpEndpoint"/>) through the app's pipeline; the page's script
/// (wwwroot/js/signup.js) solves the proof-of-work challenge the page was rendered with before the form goes. Rate
/// limited per client address like the API (the page's post is the attempt).</summary>
[AllowAnonymous]
[EnableRateLimiting(SignUpsConfiguration.RateLimit)]
public sealed class IndexModel : PortalPage
{
    public sealed class SignUpInput
    {
        public string? Fund { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; } = "HopTacXa";
        public string? TaxCode { get; set; }
        public string? Province { get; set; }
        public string? District { get; set; }
        public string? Address { get; set; }
        public string? RegistrationDate { get; set; }
        public string? LegalRepresentative { get; set; }
        public string? MemberCount { get; set; }
        public string? MainSector { get; set; }
        public string? ContactEmail { get; set; }
        public string? Phone { get; set; }
        public string? Password { get; set; }
        public bool Consent { get; set; }
        public string? Challenge { get; set; }
        public string? Counter { get; set; }
        public IFormFile? Certificate { get; set; }
    }

    [BindProperty] public SignUpInput Input { get; set; } = new();
    public IReadOnlyList<SignUpFund> Funds { get; private set; } = [];
    public SignUpChallenge Challenge { get; private set; } = null!;
    /// <summary>Where the confirmation link went, after a sign-up was received (PRG).</summary>
    [TempData] public string? SentTo { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await PrepareAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var i = Input;
        var result = await PostForm("/api/sign-ups",
        [
            new("fund", i.Fund), new("name", i.Name), new("type", i.Type), new("taxCode", i.TaxCode), new("province", i.Province),
            new("district", i.District), new("address", i.Address), new("registrationDate", i.RegistrationDate),
            new("legalRepresentative", i.LegalRepresentative), new("memberCount", i.MemberCount), new("mainSector", i.MainSector),
            new("contactEmail", i.ContactEmail), new("phone", i.Phone), new("password", i.Password),
            new("consent", i.Consent ? "true" : "false"), new("challenge", i.Challenge), new("counter", i.Counter),
        ], "certificate", i.Certificate, prefix: "Input");
        if (result is null)
        {
            await PrepareAsync();
            return Page();
        }
        SentTo = ValueOf<SignUpReceipt>(result)?.Email;
        return RedirectToPage();
    }

    private async Task PrepareAsync()
    {
        Funds = await GetSignUpChallengeEndpoint.FundsAsync(Store, HttpContext.RequestAborted);
        Challenge = HttpContext.RequestServices.GetRequiredService<SignUpTokens>().IssueChallenge(Time.Now);
        // a fresh challenge and counter on every rendering (a refused sign-up spends neither, but the script solves again)
        ModelState.Remove("Input.Challenge");
        ModelState.Remove("Input.Counter");
        ModelState.Remove("Input.Password");
        Input.Challenge = Challenge.Challenge;
        Input.Counter = null;
        Input.Password = null;
    }
}
