using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.WritingOff;
using HtxFund.Policy;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Risk;

/// <summary>
/// One loan's risk handling (/rui-ro/xu-ly-rui-ro/{id}): its position today, the Risk Handling Council's proposals and their
/// decisions (with the decision's PDF), the off-balance tracking (principal, provisions used, uncovered loss, recoveries),
/// the council's proposal form (RiskCouncil) and, for a pending proposal, the decision with the approval document and the
/// rejection (the policy's decider). Each form posts the API's command through the app's pipeline.
/// </summary>
[Authorize(Roles = RiskHandlingText.PortalRoles)]
public sealed class LoanModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public LoanDetails? Details { get; private set; }
    public Loan? Snapshot { get; private set; }
    public RiskHandlingSettings Settings { get; private set; } = RiskHandlingSettings.Default;

    [BindProperty] public long? Version { get; set; }
    [BindProperty] public ProposalForm Proposal { get; set; } = new();
    [BindProperty] public DecisionForm Decision { get; set; } = new();

    public sealed class ProposalForm
    {
        public RiskHandlingStep? Step { get; set; }
        public RiskHandlingGround? Ground { get; set; }
        public string? Reason { get; set; }
        public string? RecoveryActions { get; set; }
    }

    public sealed class DecisionForm
    {
        public string? DocumentNumber { get; set; }
        public LocalDate? DocumentDate { get; set; }
        public string? IssuingBody { get; set; }
        public string? Reason { get; set; }
    }

    public bool MayPropose => MayCall(typeof(ProposeRiskHandlingEndpoint));
    public bool MayDecide => MayCall(typeof(DecideRiskHandlingEndpoint)) && User.IsInRole(Settings.DecidingRole);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        Decision.DocumentDate ??= Time.Today;
        Decision.IssuingBody ??= Settings.ApprovingBody;
        Proposal.Step ??= Snapshot!.OffBalanceSince is null ? RiskHandlingStep.UseOfProvisions : RiskHandlingStep.WriteOffFromBooks;
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync()
    {
        if (!MayCall(typeof(ProposeRiskHandlingEndpoint))) return Forbidden();
        var p = Proposal;
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/risk-handling", new ProposeRiskHandling(Version, p.Step,
                p.Step == RiskHandlingStep.UseOfProvisions ? p.Ground : null, p.Reason, p.RecoveryActions), nameof(Proposal)) is not null)
            return Saved(Text("Đã gửi đề xuất xử lý rủi ro; chờ người có thẩm quyền quyết định."));
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid proposalId)
    {
        if (!MayCall(typeof(DecideRiskHandlingEndpoint))) return Forbidden();
        var d = Decision;
        if (ModelState.IsValid && await Post($"/api/loans/{Id}/risk-handling/{proposalId}/decision",
                new DecideRiskHandling(null, d.DocumentNumber, d.DocumentDate, d.IssuingBody), nameof(Decision)) is not null)
            return Saved(Text("Đã quyết định xử lý rủi ro; quyết định (PDF) được lập ngay sau đó."));
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid proposalId)
    {
        if (!MayCall(typeof(RejectRiskHandlingEndpoint))) return Forbidden();
        if (await Post($"/api/loans/{Id}/risk-handling/{proposalId}/rejection", new RejectRiskHandling(null, Decision.Reason), nameof(Decision)) is not null)
            return Saved(Text("Đã từ chối đề xuất xử lý rủi ro."));
        return await RedisplayAsync();
    }

    private IActionResult Saved(string message)
    {
        Done = message;
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> RedisplayAsync() => await LoadAsync() ? Page() : NotFoundPage();

    private async Task<bool> LoadAsync()
    {
        Details = await GetLoanEndpoint.ReadAsync(Query, Id, Time.Today, User, Service<ILogger<LoanDetails>>(), Ct);
        Snapshot = Details is null ? null : await Query.LoadAsync<Loan>(Id, Ct);
        Settings = (await FundPolicies.CurrentAsync(Query, Ct)).Settings.RiskHandling;
        Version ??= Details?.Version;
        return Details is not null && Snapshot is not null;
    }
}
