using HtxFund.Applications;
using HtxFund.Applications.Applying;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>One application of the cooperative: request, documents, what the fund asks (answer and resubmit), decision
/// and its letter, and the timeline, as the API shows it to an applicant. Another cooperative's application is 404.</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class ApplicationModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public long? Version { get; set; }
    /// <summary>The cooperative's reply or reason (form field <c>Response</c>, the API's <c>response</c>); named so as not to hide <see cref="PageModel.Response"/>.</summary>
    [BindProperty(Name = "Response")] public string? Reply { get; set; }
    [BindProperty(SupportsGet = true, Name = "da-nop")] public bool JustSubmitted { get; set; }

    public ApplicationView? View { get; private set; }
    public ApplicationDetails Application => View!.Application;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFoundPage();

    /// <summary>Answers the fund's questions and sends the file back (the API's resubmit).</summary>
    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken ct)
    {
        var done = await Post($"/api/applications/{Id}/resubmit", new ResubmitApplication(Version, Reply), prefix: "");
        if (done is not null) return Redirect($"/htx/ho-so/{Id}?da-nop=1");
        var problem = Problem;
        if (!await LoadAsync(ct)) return NotFoundPage();
        Problem = problem;
        return Page();
    }

    /// <summary>Withdraws an application that is not decided yet (the API's withdraw).</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var done = await Post($"/api/applications/{Id}/withdraw", new WithdrawApplication(Version, Reply), prefix: "");
        if (done is not null) return Redirect($"/htx/ho-so/{Id}");
        var problem = Problem;
        if (!await LoadAsync(ct)) return NotFoundPage();
        Problem = problem;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        View = await Read<ApplicationView>(q => GetApplicationEndpoint.Get(Id, User, q, Time, ct));
        Problem = null;
        return View is not null;
    }

    public bool MayWithdraw => Application.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForInformation
        or ApplicationStatus.Submitted or ApplicationStatus.Appraised;
}
