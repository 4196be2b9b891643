using System.Globalization;
using HtxFund.Identity;
using HtxFund.Inspections;
using HtxFund.Inspections.FollowUps;
using HtxFund.Inspections.Reading;
using HtxFund.Inspections.Recording;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Inspections;

/// <summary>One inspection of loan use, phone-first: its photos (taken with the phone's camera; a script adds each file's
/// capture time and, when the browser gives it, the phone's position), the visit form, the minutes PDF, and for the Director
/// the decision on a misuse finding. Each form posts the API's command (photos one by one, as the API takes them).</summary>
[Authorize(Roles = InspectionRoles.Readers)]
public sealed class InspectionModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public sealed class VisitForm
    {
        public LocalDate? VisitedOn { get; set; }
        public string? Place { get; set; }
        public bool? UsedAsStated { get; set; }
        public int? SharePercentUsed { get; set; }
        public string? Findings { get; set; }
        public string? RepresentativeName { get; set; }
        public string? RepresentativePosition { get; set; }
        public long ExpectedVersion { get; set; }
    }

    public sealed class DecisionForm
    {
        public string? Decision { get; set; }
        public string? Reason { get; set; }
        public LocalDate? RecallBy { get; set; }
    }

    [BindProperty] public VisitForm Input { get; set; } = new();
    [BindProperty] public DecisionForm Decision { get; set; } = new();

    public InspectionView? View { get; private set; }
    public LoanUseInspection Inspection => View!.Inspection;
    public bool MayRecord => MayCall(typeof(RecordInspectionVisitEndpoint)) && Inspection.State == InspectionState.Due;
    public bool MayDecide => MayCall(typeof(DecideMisuseFollowUpEndpoint)) && Inspection.FollowUp is { IsOpen: true };

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        Input = new VisitForm { VisitedOn = Time.Today, ExpectedVersion = Inspection.Version, SharePercentUsed = 100, UsedAsStated = true };
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        View = await InspectionReads.ViewAsync(Query, Id, Time.Today, Ct);
        return View is not null;
    }

    /// <summary>Adds each chosen photo (the API takes one per request) with its capture time from the script (the file's
    /// last-modified time) or, without script, the time of the upload; the position when the script had one.</summary>
    public async Task<IActionResult> OnPostPhotosAsync()
    {
        if (!MayCall(User, typeof(AddInspectionPhotoEndpoint))) return Forbidden();
        var form = await Request.ReadFormAsync(Ct);
        var times = form["capturedTimes"].ToString().Split(',', StringSplitOptions.TrimEntries);
        var files = form.Files.GetFiles("photos");
        if (files.Count == 0)
        {
            Problem = Infrastructure.Http.Problems.Validation("file", "file.required", "Vui lòng chụp hoặc chọn ít nhất một ảnh.");
            return await Redisplay();
        }
        for (var n = 0; n < files.Count; n++)
        {
            var capturedAt = n < times.Length && times[n].Length > 0 ? times[n] : NodaTime.Text.InstantPattern.ExtendedIso.Format(Time.Now);
            var added = await PostForm($"/api/inspections/{Id}/photos",
                [new("capturedAt", capturedAt), new("latitude", form["latitude"].ToString()), new("longitude", form["longitude"].ToString()),
                 new("accuracy", form["accuracy"].ToString())], "file", files[n]);
            if (added is null) return await Redisplay();
        }
        Done = string.Format(CultureInfo.InvariantCulture, Text("Đã thêm {0} ảnh."), files.Count);
        return Redirect($"/kiem-tra-su-dung-von/{Id}");
    }

    public async Task<IActionResult> OnPostVisitAsync()
    {
        if (!MayCall(User, typeof(RecordInspectionVisitEndpoint))) return Forbidden();
        if (!ModelState.IsValid) return await Redisplay();
        var command = new RecordInspectionVisit(Input.VisitedOn, Input.Place, Input.UsedAsStated, Input.SharePercentUsed, Input.Findings,
            Input.RepresentativeName, Input.RepresentativePosition, Input.ExpectedVersion);
        var recorded = await Post($"/api/inspections/{Id}/visit", command, "Input", VisitFields);
        if (recorded is null) return await Redisplay();
        Done = Text("Đã lập biên bản kiểm tra sử dụng vốn vay.");
        return Redirect($"/kiem-tra-su-dung-von/{Id}");
    }

    public async Task<IActionResult> OnPostDecisionAsync()
    {
        if (!MayCall(User, typeof(DecideMisuseFollowUpEndpoint))) return Forbidden();
        var decision = Enum.TryParse<MisuseDecision>(Decision.Decision, out var d) ? d : (MisuseDecision?)null;
        var decided = await Post($"/api/inspections/{Id}/follow-up/decision",
            new DecideMisuseFollowUp(decision, Decision.Reason, Decision.RecallBy, null), "Decision", DecisionFields);
        if (decided is null) return await Redisplay();
        Done = Text("Đã ghi nhận quyết định xử lý.");
        return Redirect($"/kiem-tra-su-dung-von/{Id}");
    }

    private async Task<IActionResult> Redisplay()
    {
        if (!await LoadAsync()) return NotFoundPage();
        Input.ExpectedVersion = Inspection.Version;
        return Page();
    }

    private static readonly Dictionary<string, string> VisitFields = new()
    {
        ["visitedOn"] = nameof(VisitForm.VisitedOn), ["place"] = nameof(VisitForm.Place), ["usedAsStated"] = nameof(VisitForm.UsedAsStated),
        ["sharePercentUsed"] = nameof(VisitForm.SharePercentUsed), ["findings"] = nameof(VisitForm.Findings),
        ["representativeName"] = nameof(VisitForm.RepresentativeName), ["representativePosition"] = nameof(VisitForm.RepresentativePosition),
    };

    private static readonly Dictionary<string, string> DecisionFields = new()
    {
        ["decision"] = nameof(DecisionForm.Decision), ["reason"] = nameof(DecisionForm.Reason), ["recallBy"] = nameof(DecisionForm.RecallBy),
    };

    public string CaptureTime(Instant at) => at.InZone(Time.Zone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Place(PhotoLocation? l) => l is null ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{l.Latitude:0.00000}, {l.Longitude:0.00000}") + (l.AccuracyMetres is { } a ? $" (±{Math.Round(a):0} m)" : "");
}
