using HtxFund.Applications;
using HtxFund.Applications.Applying;
using HtxFund.Applications.Appraising;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The guided loan application: 1. the request (saved as a draft, with the schedule preview), 2. documents,
/// 3. review and submit. Each step sends the API's own command through the app's pipeline: StartApplication/EditDraft,
/// AttachDocument (the same multipart form), SubmitApplication; all of them are Cooperative-only in the API too. The live
/// schedule preview is the API's preview function (<see cref="SchedulePreview.Of(ProposalInput, FundPolicy, NodaTime.LocalDate)"/>).</summary>
[Authorize(Roles = Roles.Cooperative)]
public sealed class ApplyModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "buoc")] public int Step { get; set; } = 1;
    [BindProperty] public LoanRequestForm Input { get; set; } = new();
    [BindProperty] public long? Version { get; set; }

    public ApplicationDetails? Application { get; private set; }
    public SchedulePreviewView Preview { get; private set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Step = Math.Clamp(Step, 1, 3);
        if (Id is null)
        {
            Step = 1;
            Preview = await PreviewOf(Input, ct);
            return Page();
        }
        if (!await LoadAsync(ct)) return NotFoundPage();
        if (!IsEditable) return Redirect($"/htx/ho-so/{Id}");
        Input = LoanRequestForm.From(Application!.Request);
        Version = Application.Version;
        Preview = await PreviewOf(Input, ct);
        return Page();
    }

    /// <summary>The schedule preview fragment, refreshed by site.js as the request changes.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(LoanRequestForm input, CancellationToken ct) =>
        Partial("_SchedulePreview", await PreviewOf(input, ct));

    /// <summary>Without JavaScript: the same preview, re-rendering the form.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Id is not null && !await LoadAsync(ct)) return NotFoundPage();
        Step = 1;
        ModelState.Clear();
        Preview = await PreviewOf(Input, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Step = 1;
        if (!ModelState.IsValid) return await Redisplay(ct); // e.g. a malformed amount
        if (Id is null)
        {
            var started = await Post("/api/applications", new StartApplication(null, Input.ToInput()), "Input", Fields);
            if (started is null) return await Redisplay(ct);
            return Redirect($"/htx/ho-so/lap/{ValueOf<CreationResponse<Guid>>(started)!.Value}?buoc=2");
        }
        var edited = await Put($"/api/applications/{Id}", new EditDraft(Version, Input.ToInput()), "Input", Fields);
        return edited is null ? await Redisplay(ct) : Redirect($"/htx/ho-so/lap/{Id}?buoc=2");
    }

    public async Task<IActionResult> OnPostAttachAsync(CancellationToken ct)
    {
        if (Id is null) return NotFoundPage();
        Step = 2;
        var form = await Request.ReadFormAsync(ct);
        var attached = await PostForm($"/api/applications/{Id}/documents",
            [new("kind", form["kind"].ToString()), new("version", form["version"].ToString())], "file", form.Files.GetFile("file"));
        if (attached is null)
        {
            if (!await LoadAsync(ct)) return NotFoundPage();
            return Page();
        }
        return Redirect($"/htx/ho-so/lap/{Id}?buoc=2");
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (Id is null) return NotFoundPage();
        Step = 3;
        var submitted = await Post($"/api/applications/{Id}/submit", new SubmitApplication(Version), prefix: "");
        if (submitted is null)
        {
            if (!await LoadAsync(ct)) return NotFoundPage();
            Input = LoanRequestForm.From(Application!.Request);
            Preview = await PreviewOf(Input, ct);
            return Page();
        }
        return Redirect($"/htx/ho-so/{Id}?da-nop=1");
    }

    /// <summary>Route values of this page's forms: no <c>id</c> at all for a new application (an empty one matches no route).</summary>
    public Dictionary<string, string> RouteValues => Id is { } id ? new() { ["id"] = id.ToString() } : new();

    public bool IsEditable => Application is null || Application.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForInformation;

    private static IReadOnlyDictionary<string, string> Fields => LoanRequestForm.Fields;

    private async Task<IActionResult> Redisplay(CancellationToken ct)
    {
        if (Id is not null && !await LoadAsync(ct)) return NotFoundPage();
        Preview = await PreviewOf(Input, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await Read<ApplicationView>(q => GetApplicationEndpoint.Get(Id!.Value, User, q, Time, ct));
        Problem = null;
        Application = view?.Application;
        return Application is not null;
    }

    private async Task<SchedulePreviewView> PreviewOf(LoanRequestForm form, CancellationToken ct)
    {
        if (form.Amount is null || form.TermMonths is null || form.PreviewRatePercent is null)
            return new(null, "Nhập số tiền vay, thời hạn và lãi suất tham khảo để xem lịch trả nợ dự kiến.");
        var (preview, refusal) = SchedulePreview.Of(form.ToPreview(), await FundPolicies.CurrentAsync(Query, ct), Time.Today);
        return refusal is null ? new(preview, null) : new(null, refusal.Detail ?? refusal.Title);
    }
}
