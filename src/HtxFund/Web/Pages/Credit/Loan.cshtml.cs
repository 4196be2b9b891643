using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Restructuring;
using HtxFund.Loans.Waiving;
using HtxFund.Policy;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Credit;

/// <summary>
/// One loan for the credit staff and the deciders, valued as of today (GET /api/loans/{id}): its position and schedule,
/// its restructurings and interest waivers with their states and decision letters, and (CreditOfficer) the forms to
/// request a restructuring (new principal plan) or an interest waiver, each with a preview the server computes with the
/// same rules and engine as the command (<see cref="RestructuringRules"/>, <see cref="RestructuringPreview"/>,
/// <see cref="WaiverRules"/>, <see cref="WaiverPreview"/>) before anything is sent. Requests are the API's own commands
/// sent through the app's pipeline.
/// </summary>
[Authorize(Roles = Roles)]
public sealed class LoanModel : StaffPage
{
    public const string Roles = Navigation.CreditRoles + "," + HtxFund.Identity.Roles.Chairman;

    /// <summary>How many plan rows the restructuring form offers.</summary>
    public const int PlanRows = 8;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public LoanDetails? Loan { get; private set; }
    public RestructuringPreview? RestructuringPreview { get; private set; }
    public WaiverPreview? WaiverPreview { get; private set; }
    /// <summary>The interest a waiver on the form's date could forgive at most (shown with the waiver preview).</summary>
    public long? InterestOwed { get; private set; }

    [BindProperty] public long? Version { get; set; }
    [BindProperty] public RestructuringForm Restructuring { get; set; } = new();
    [BindProperty] public WaiverForm Waiver { get; set; } = new();
    [BindProperty] public HtxFund.Web.Pages.Portfolio.OfficerReassignForm Officer { get; set; } = new();
    public HtxFund.Web.Pages.Portfolio.OfficerPanel? OfficerPanel { get; private set; }

    public sealed class PlanRow
    {
        public LocalDate? DueDate { get; set; }
        [Money] public long? Principal { get; set; }
    }

    public sealed class RestructuringForm
    {
        public RestructuringKind? Kind { get; set; }
        public LocalDate? Date { get; set; }
        public List<PlanRow> Plan { get; set; } = [];
        public string? Reason { get; set; }

        public RequestRestructuring Command(long? version) => new(version, Kind, Date,
            Plan.Where(p => p.DueDate is not null || p.Principal is not null).Select(p => new PlannedInstalmentInput(p.DueDate, p.Principal)).ToArray(),
            Reason);
    }

    public sealed class WaiverForm
    {
        public LocalDate? Date { get; set; }
        [Money] public long? Amount { get; set; }
        public WaiverGround? Ground { get; set; }
        public string? Reason { get; set; }

        public RequestInterestWaiver Command(long? version) => new(version, Date, Amount, Ground, Reason);
    }

    public bool MayRequestRestructuring => MayCall(typeof(RequestRestructuringEndpoint));
    public bool MayRequestWaiver => MayCall(typeof(RequestInterestWaiverEndpoint));
    public bool MayReassignOfficer => MayCall(typeof(HtxFund.Loans.Officers.ReassignOfficerEndpoint));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return ProblemPage();
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewRestructuringAsync()
    {
        if (!MayRequestRestructuring) return Forbidden();
        if (!await LoadAsync()) return ProblemPage();
        var command = Restructuring.Command(Version);
        if (ModelState.IsValid && !Refused(Validation.Check(command, new RequestRestructuring.Validator(Time.Today)), nameof(Restructuring), Fields)
            && await LoanAndPolicyAsync() is (var loan, var policy) && !Refused(RestructuringRules.Request(loan, command.Kind!.Value, command.Date!.Value,
                command.Instalments(), policy.Lending), nameof(Restructuring)))
            RestructuringPreview = Loans.Restructuring.RestructuringPreview.Of(loan,
                new RestructuringRecord(Guid.Empty, command.Kind!.Value, command.Date!.Value, command.Instalments(), "", Guid.Empty, RestructuringState.Requested),
                policy.Lending);
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostRequestRestructuringAsync()
    {
        if (!MayRequestRestructuring) return Forbidden();
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/restructurings", Restructuring.Command(Version), nameof(Restructuring), Fields) is not null)
            return Saved(Text("Đã gửi đề nghị cơ cấu lại thời hạn trả nợ; chờ người có thẩm quyền phê duyệt."));
        if (!await LoadAsync()) return ProblemPage();
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewWaiverAsync()
    {
        if (!MayRequestWaiver) return Forbidden();
        if (!await LoadAsync()) return ProblemPage();
        var command = Waiver.Command(Version);
        if (ModelState.IsValid && !Refused(Validation.Check(command, new RequestInterestWaiver.Validator(Time.Today)), nameof(Waiver))
            && await LoanAndPolicyAsync() is (var loan, var policy))
        {
            InterestOwed = WaiverRules.InterestOwed(loan, command.Date!.Value, policy.Lending)?.Dong;
            if (!Refused(WaiverRules.Request(loan, command.Date!.Value, command.Amount!.Value, policy.Lending), nameof(Waiver)))
                WaiverPreview = Loans.Waiving.WaiverPreview.Of(loan,
                    new WaiverRecord(Guid.Empty, command.Date!.Value, command.Amount!.Value, command.Ground!.Value, "", Guid.Empty, WaiverState.Requested),
                    policy.Lending);
        }
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostRequestWaiverAsync()
    {
        if (!MayRequestWaiver) return Forbidden();
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/interest-waivers", Waiver.Command(Version), nameof(Waiver)) is not null)
            return Saved(Text("Đã gửi đề nghị miễn, giảm lãi; chờ người có thẩm quyền phê duyệt."));
        if (!await LoadAsync()) return ProblemPage();
        Defaults();
        return Page();
    }

    /// <summary>The Director gives the loan to another credit officer (POST /api/loans/{id}/officer).</summary>
    public async Task<IActionResult> OnPostReassignOfficerAsync()
    {
        if (!MayReassignOfficer) return Forbidden();
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/officer", Officer.Command(), nameof(Officer)) is not null)
            return Saved(Text("Đã giao khoản vay cho cán bộ tín dụng khác."));
        if (!await LoadAsync()) return ProblemPage();
        Defaults();
        return Page();
    }

    /// <summary>API field → form field (the plan's rows keep their index).</summary>
    private static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string> { ["plan"] = "Plan" };

    private IActionResult Saved(string message)
    {
        Done = message;
        return RedirectToPage(new { Id });
    }

    private async Task<bool> LoadAsync()
    {
        Loan = await GetLoanEndpoint.ReadAsync(Query, Id, Time.Today, User, Service<ILogger<LoanDetails>>(), Ct);
        if (Loan is null) return false;
        OfficerPanel = await HtxFund.Web.Pages.Portfolio.OfficerPanels.ForAsync(Loan.OfficerName, !Loan.Stage.IsClosed(), MayReassignOfficer, Officer,
            User, Query, Ct);
        return true;
    }

    private async Task<(HtxFund.Loans.Loan, RiskDecisionPolicy)?> LoanAndPolicyAsync() =>
        await Query.LoadAsync<HtxFund.Loans.Loan>(Id, Ct) is { } loan ? (loan, await RiskDecisionPolicy.LoadAsync(Query, Ct)) : null;

    private void Defaults()
    {
        Restructuring.Date ??= Time.Today;
        Waiver.Date ??= Time.Today;
        Pad();
    }

    private void Pad()
    {
        while (Restructuring.Plan.Count < PlanRows) Restructuring.Plan.Add(new PlanRow());
    }
}
