using System.Globalization;
using HtxFund.Applications;
using HtxFund.Applications.Appraising;
using HtxFund.Applications.Deciding;
using HtxFund.Applications.GettingDetails;
using HtxFund.Files;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.GettingDetails;
using HtxFund.Policy;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Credit;

/// <summary>
/// The application file for the fund's staff: request, documents (PDF and images open in the browser), the appraisal
/// form with limit checks and schedule preview computed by the server as the terms change, the board's vote with the
/// approval matrix's progress, the Director's decision, the decision letter and the contract. Every action sends the
/// API's own command through the app's pipeline and is allowed only to the roles that endpoint names.
/// </summary>
[Authorize(Roles = Navigation.CreditRoles)]
public sealed class ApplicationModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public ApplicationView? View { get; private set; }
    public ApplicationDetails Details => View!.Application;
    public LoanDetails? Loan { get; private set; }
    /// <summary>The collateral pledged to the application or loan, with its deductible value and coverage today.</summary>
    public HtxFund.Collateral.Reading.LoanCollateralView? Collateral { get; private set; }
    /// <summary>Who decides: the tier recorded at appraisal (null before the appraisal).</summary>
    public DecidingTier? Tier { get; private set; }
    public LimitCheckPanel? Check { get; private set; }

    [BindProperty] public long? Version { get; set; }
    [BindProperty] public HtxFund.Web.Pages.Portfolio.OfficerReassignForm Officer { get; set; } = new();
    public HtxFund.Web.Pages.Portfolio.OfficerPanel? OfficerPanel { get; private set; }
    [BindProperty] public AppraisalForm Appraisal { get; set; } = new();
    [BindProperty] public string? Questions { get; set; }
    [BindProperty] public string? Vote { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool? Approve { get; set; }
    [BindProperty] public string? Reasons { get; set; }
    [BindProperty] public string? ContractNumber { get; set; }
    [BindProperty] public LocalDate? SignedOn { get; set; }

    /// <summary>The appraisal form, shaped like <see cref="AppraiseApplication"/> so the server's field errors land on it.</summary>
    public sealed class AppraisalForm
    {
        public bool DocumentsVerified { get; set; }
        public string? VerificationNotes { get; set; }
        public string? FinancialAnalysis { get; set; }
        public string? RiskRating { get; set; }
        public ProposalForm Proposal { get; set; } = new();
        [Money] public long? CollateralValuation { get; set; }
        public string? Recommendation { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ProposalForm
    {
        [Money] public long? Amount { get; set; }
        /// <summary>Text, so that both "6,5" and "6.5" read as 6,5 %/năm whatever the page's culture.</summary>
        public string? AnnualRatePercent { get; set; }
        public int? TermMonths { get; set; }
        public string? Method { get; set; }
        public string? Frequency { get; set; }
        public int? GraceMonths { get; set; }
    }

    public bool MayAppraise => MayCall(typeof(AppraiseApplicationEndpoint));
    public bool MayReturn => MayCall(typeof(ReturnForInformationEndpoint));
    public bool MayVote => MayCall(typeof(CastBoardVoteEndpoint));
    public bool MayDecide => MayCall(typeof(DecideApplicationEndpoint));
    public bool MaySign => MayCall(typeof(SignContractEndpoint));
    public bool MayExempt => MayCall(typeof(HtxFund.Collateral.Exempting.ExemptFromCollateralEndpoint));
    public bool MayReassignOfficer => MayCall(typeof(HtxFund.Loans.Officers.ReassignOfficerEndpoint));
    [BindProperty] public string? ExemptionReason { get; set; }
    [BindProperty] public string? ExemptionReference { get; set; }

    /// <summary>The Director exempts the application from the minimum collateral coverage (the API's command).</summary>
    public async Task<IActionResult> OnPostExemptAsync()
    {
        if (!MayExempt) return Forbidden();
        var command = new HtxFund.Collateral.Exempting.ExemptFromCollateral(Version, ExemptionReason, ExemptionReference);
        var done = await Post($"/api/applications/{Id}/collateral-exemption", command, "",
            new Dictionary<string, string> { ["reason"] = nameof(ExemptionReason), ["reference"] = nameof(ExemptionReference) });
        if (done is null)
        {
            if (!await LoadAsync()) return ProblemPage();
            FillAppraisalFromFile();
            return Page();
        }
        Done = Text("Đã ghi nhận quyết định miễn tài sản bảo đảm.");
        return Redirect($"/tin-dung/ho-so/{Id}");
    }


    /// <summary>The limit checks and schedule of the terms in the form, with the policy they were computed under (its shares
    /// label the checks).</summary>
    public sealed record LimitCheckPanel(IReadOnlyList<LimitResult> Checks, long ActualCharterCapital, SchedulePreview? Schedule,
        HtxFund.Lending.LendingPolicy Policy);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return ProblemPage();
        FillAppraisalFromFile();
        return Page();
    }

    /// <summary>Opens an attached document: PDF and images inline in the browser, anything else as a download
    /// (the same access rule as GET /api/applications/{id}/documents/{documentId}).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid documentId)
    {
        var details = await ApplicationAccess.ReadableAsync(Query, Id, User, Ct);
        if (details?.Documents.FirstOrDefault(d => d.DocumentId == documentId) is not { } document) return NotFoundPage();
        if (await FileStore.LoadAsync(Query, documentId, Ct) is not { } loaded) return NotFoundPage();
        if (document.ContentType is not ("application/pdf" or "image/png" or "image/jpeg"))
            return new HttpResultAction(FileStore.Download(loaded));
        Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(document.FileName)}";
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-cache";
        return File(loaded.Content, document.ContentType);
    }

    /// <summary>The limit checks and the schedule for the terms in the form, computed by the server with the functions
    /// the appraisal itself uses; the page's script posts here whenever a term changes (the button without script).</summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (!MayAppraise) return Forbidden();
        if (!await LoadAsync()) return ProblemPage();
        await ComputeCheckAsync();
        return Request.Headers.ContainsKey("X-Live-Check") ? Partial("_LimitCheck", this) : Page();
    }

    public async Task<IActionResult> OnPostAppraiseAsync()
    {
        if (!MayAppraise) return Forbidden();
        if (!await LoadAsync()) return ProblemPage();
        var a = Appraisal;
        var proposal = ProposalInput();
        if (ModelState.IsValid)
        {
            var command = new AppraiseApplication(Version, a.DocumentsVerified, a.VerificationNotes, a.FinancialAnalysis, a.RiskRating,
                proposal, a.CollateralValuation, a.Recommendation, a.Note);
            if (await Post($"/api/applications/{Id}/appraisal", command, nameof(Appraisal)) is not null)
                return Saved("Đã lưu kết quả thẩm định.");
        }
        await ComputeCheckAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        if (!MayReturn) return Forbidden();
        if (await Post($"/api/applications/{Id}/return", new ReturnForInformation(Version, Questions), "") is not null)
            return Saved("Đã trả hồ sơ để người vay bổ sung thông tin.");
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostVoteAsync()
    {
        if (!MayVote) return Forbidden();
        var result = await Post($"/api/applications/{Id}/votes", new CastBoardVote(Version, Vote, Comment), "");
        if (result is not null && ValueOf<VoteResult>(result) is { } outcome)
            return Saved(outcome.Outcome switch
            {
                nameof(BoardVoteOutcome.Approved) => "Đã ghi nhận biểu quyết. Hội đồng quản lý đã thông qua khoản vay.",
                nameof(BoardVoteOutcome.NotApproved) => "Đã ghi nhận biểu quyết. Hội đồng quản lý không thông qua khoản vay.",
                _ => "Đã ghi nhận biểu quyết của bạn.",
            });
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostDecideAsync()
    {
        if (!MayDecide) return Forbidden();
        var reasons = (Reasons ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (await Post($"/api/applications/{Id}/decision", new DecideApplication(Version, Approve, null, reasons, null), "") is not null)
            return Saved(Approve == true ? "Đã phê duyệt khoản vay." : "Đã từ chối khoản vay.");
        return await RedisplayAsync();
    }

    public async Task<IActionResult> OnPostSignContractAsync()
    {
        if (!MaySign) return Forbidden();
        var command = new SignContract(Version, ContractNumber, SignedOn, null, null, null, null, null);
        if (await Post($"/api/loans/{Id}/contract", command, "") is not null)
            return Saved("Đã ghi nhận hợp đồng tín dụng.");
        return await RedisplayAsync();
    }

    /// <summary>The Director gives the application to another credit officer (POST /api/loans/{id}/officer: the same stream).</summary>
    public async Task<IActionResult> OnPostReassignOfficerAsync()
    {
        if (!MayReassignOfficer) return Forbidden();
        if (await Post($"/api/loans/{Id}/officer", Officer.Command(), nameof(Officer)) is not null)
            return Saved("Đã giao hồ sơ cho cán bộ tín dụng khác.");
        return await RedisplayAsync();
    }

    private IActionResult Saved(string message)
    {
        Done = Text(message);
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> RedisplayAsync()
    {
        if (!await LoadAsync()) return ProblemPage();
        FillAppraisalFromFile();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        View = await Read<ApplicationView>(q => GetApplicationEndpoint.Get(Id, User, q, Time, Ct));
        if (View is null) return false;
        Loan = await LoanAccess.ReadableAsync(Query, Id, User, Ct);
        var file = await Query.LoadAsync<LoanDetails>(Id, Ct);
        OfficerPanel = await HtxFund.Web.Pages.Portfolio.OfficerPanels.ForAsync(file?.OfficerName,
            file is not null && HtxFund.Loans.Officers.OfficerTransferRules.IsOpenFile(Details.Status, file.Stage), MayReassignOfficer, Officer, User,
            Query, Ct);
        Collateral = (await HtxFund.Collateral.Reading.GetCollateralEndpoints.ForLoan(Id, null, User, Query, Time.Today, Ct))
            .ValueOf<HtxFund.Collateral.Reading.LoanCollateralView>();
        Tier = Details.Appraisal is { } appraisal ? await Decisions.DecidingTierAsync(Query, appraisal, Ct) : null;
        return true;
    }

    private void FillAppraisalFromFile()
    {
        var appraisal = Details.Appraisal;
        var proposal = appraisal?.Proposal;
        var request = Details.Request;
        Appraisal = new AppraisalForm
        {
            DocumentsVerified = appraisal?.DocumentsVerified ?? false,
            VerificationNotes = appraisal?.VerificationNotes,
            FinancialAnalysis = appraisal?.FinancialAnalysis,
            RiskRating = appraisal?.RiskRating.ToString(),
            CollateralValuation = appraisal?.CollateralValuation,
            Recommendation = appraisal?.Recommendation.ToString(),
            Note = appraisal?.Note,
            Proposal = new ProposalForm
            {
                Amount = proposal?.Amount ?? request.Amount,
                AnnualRatePercent = proposal?.AnnualRatePercent.ToString(CultureInfo.InvariantCulture),
                TermMonths = proposal?.TermMonths ?? request.TermMonths,
                Method = (proposal?.Method ?? request.Method).ToString(),
                Frequency = (proposal?.Frequency ?? request.Frequency).ToString(),
                GraceMonths = proposal?.GraceMonths ?? request.GraceMonths,
            },
        };
        SignedOn ??= Time.Today;
    }

    /// <summary>The form's terms as the API's <see cref="Applications.Appraising.ProposalInput"/>; a rate that is not a
    /// number is a field error.</summary>
    private ProposalInput ProposalInput()
    {
        var p = Appraisal.Proposal;
        decimal? rate = null;
        if (!string.IsNullOrWhiteSpace(p.AnnualRatePercent))
        {
            if (decimal.TryParse(p.AnnualRatePercent.Replace(',', '.').Replace("%", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var r))
                rate = r;
            else ModelState.AddModelError("Appraisal.Proposal.AnnualRatePercent", Text("Lãi suất phải là một số, ví dụ 6,5."));
        }
        return new ProposalInput(p.Amount, rate, p.TermMonths, p.Method, p.Frequency, p.GraceMonths, null);
    }

    private async Task ComputeCheckAsync()
    {
        var input = ProposalInput();
        if (input.Amount is not { } amount || !ModelState.IsValid) return;
        var policy = await FundPolicies.CurrentAsync(Query, Ct);
        var limits = await LimitChecks.ComputeAsync(Query, Id, Details.CooperativeId, Details.MemberId, Details.Request, amount, Time.Today,
            policy.ToLendingPolicy(), Ct);
        var (preview, refusal) = SchedulePreview.Of(input, policy, Time.Today);
        Refused(refusal, "Appraisal.Proposal");
        Check = new LimitCheckPanel(limits.Checks, limits.ActualCharterCapital, preview, policy.ToLendingPolicy());
    }
}
