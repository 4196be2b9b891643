using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HtxFund.Capital;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using NodaTime;

namespace HtxFund.Applications;

public enum ApplicationStatus
{
    Draft,
    Submitted,
    ReturnedForInformation,
    Appraised,
    Approved,
    Rejected,
    Withdrawn,
}

public enum CollateralType { LandUseRight, Building, Machinery, Vehicle, Inventory, DepositOrValuablePapers, Other }

public enum DocumentKind { BusinessPlan, FinancialStatements, CollateralPapers, Other }

public enum Recommendation { Approve, Reject }

public enum RiskRating { Low, Medium, High }

public enum BoardVote { Approve, Reject, Abstain }

public enum Decider { Director, Board }

/// <summary>Collateral offered, with the applicant's appraised value in whole đồng.</summary>
public sealed record Collateral(CollateralType Type, string Description, long AppraisedValue);

/// <summary>What the applicant asks for (all money in whole đồng).</summary>
public sealed record LoanRequest(
    string Purpose,
    string Sector,
    long TotalInvestment,
    long OwnEquity,
    long Amount,
    int TermMonths,
    RepaymentMethod Method,
    RepaymentFrequency Frequency,
    int GraceMonths,
    IReadOnlyList<Collateral> Collateral,
    bool UnsecuredRequested,
    PriorityFlags Priority);

/// <summary>Terms proposed at appraisal or approved at decision (money in whole đồng, rate in % per year).</summary>
public sealed record LoanProposal(
    long Amount,
    decimal AnnualRatePercent,
    int TermMonths,
    RepaymentMethod Method,
    RepaymentFrequency Frequency,
    int GraceMonths,
    LocalDate StartDate);

public sealed record ScheduleRow(int Number, LocalDate DueDate, long Principal, long Interest, long Total, long BalanceAfter);

/// <summary>A limit check as computed by the server at a moment (Decree 45/2021 Art 22.5, 23.2);
/// <see cref="Kind"/> is SingleBorrower, RelatedGroup or OwnEquity.</summary>
public sealed record LimitResult(string Rule, string Kind, long Limit, long Value, long Headroom, bool Passed, string Explanation);

/// <summary>
/// The body that decides an application, fixed when it is appraised: the tier of the approval matrix that covers the
/// appraised amount under the policy version in force at the appraisal (<see cref="PolicyVersion"/>), with the board's
/// quorum and majority. Every decision path checks against it, never against an amount sent with the decision or a
/// policy adopted later (see <see cref="Deciding.Decisions.TierAtAppraisal"/>).
/// </summary>
public sealed record DecidingTier(
    ApprovalAuthority DecidedBy,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money? UpToAmount,
    int? Quorum,
    BoardMajority? Majority,
    bool AbstentionsCountForQuorum,
    int PolicyVersion)
{
    public static DecidingTier From(ApprovalTier tier, int policyVersion) =>
        new(tier.DecidedBy, tier.UpToAmount, tier.Quorum, tier.Majority, tier.AbstentionsCountForQuorum, policyVersion);

    /// <summary>The matrix tier it was taken from (for the board's tally).</summary>
    [JsonIgnore]
    public ApprovalTier Rule => new(UpToAmount, DecidedBy, Quorum, Majority, AbstentionsCountForQuorum);

    /// <summary>"Giám đốc" or "Hội đồng quản lý".</summary>
    [JsonIgnore]
    public string BodyName => DecidedBy == ApprovalAuthority.Director ? "Giám đốc" : "Hội đồng quản lý";
}

/// <summary>The credit officer's appraisal: the proposal, its schedule preview (placed by the working-day calendar of
/// <see cref="CalendarVersion"/>; appraisals recorded before calendars were versioned read as version 1) and the checks.
/// <see cref="DecidingTier"/> is null only in appraisals recorded before the deciding tier was recorded; those are
/// decided under the policy version <see cref="PolicyVersion"/> they name.</summary>
public sealed record Appraisal(
    bool DocumentsVerified,
    string VerificationNotes,
    string FinancialAnalysis,
    RiskRating RiskRating,
    LoanProposal Proposal,
    long CollateralValuation,
    Recommendation Recommendation,
    string Note,
    IReadOnlyList<ScheduleRow> SchedulePreview,
    long TotalInterest,
    IReadOnlyList<LimitResult> LimitChecks,
    long ActualCharterCapital,
    int PolicyVersion,
    DecidingTier? DecidingTier = null,
    int CalendarVersion = 1);

// ---- Events of the loan stream (id = application id), from application to decision. ----

public sealed record ApplicationDrafted(Guid ApplicationId, Guid CooperativeId, Guid? MemberId, string BorrowerName,
    string Province, LoanRequest Request, Actor By, Instant At, LocalDate BusinessDate);

public sealed record ApplicationDraftEdited(Guid ApplicationId, LoanRequest Request, Actor By, Instant At);

public sealed record ApplicationDocumentAttached(Guid ApplicationId, Guid DocumentId, DocumentKind Kind, string FileName,
    string ContentType, long SizeBytes, string Sha256, Actor By, Instant At);

public sealed record ApplicationSubmitted(Guid ApplicationId, Actor By, Instant At, LocalDate BusinessDate);

public sealed record ApplicationReturnedForInformation(Guid ApplicationId, string Questions, Actor By, Instant At, LocalDate BusinessDate);

/// <summary>The fund entered the file in its register of loan files (<see cref="Registers.ApplicationFiles"/>), e.g.
/// <c>HS-2026-00042</c>: the number people quote and the letters print ("hồ sơ số"). Appended just before the first
/// <see cref="ApplicationSubmitted"/>; a file submitted before files were numbered gets it when it is resubmitted or decided.</summary>
public sealed record ApplicationNumbered(Guid ApplicationId, string Number, Actor By, Instant At);

public sealed record ApplicationResubmitted(Guid ApplicationId, string Response, Actor By, Instant At, LocalDate BusinessDate);

public sealed record ApplicationWithdrawn(Guid ApplicationId, string Reason, Actor By, Instant At);

public sealed record ApplicationAppraised(Guid ApplicationId, Appraisal Appraisal, Actor By, Instant At, LocalDate BusinessDate);

public sealed record BoardVoteCast(Guid ApplicationId, BoardVote Vote, string Comment, Actor By, Instant At);

/// <summary>The votes cast so far no longer count: the file was appraised again or returned for information while the
/// board was voting (<paramref name="Voters"/> voted before). The board votes again on the new appraisal; it keeps the
/// decision even if the new amount falls in the Director's tier (see <see cref="LoanApplication.BoardSeized"/>).</summary>
public sealed record BoardVotesVoided(Guid ApplicationId, IReadOnlyList<Guid> Voters, string Reason, Actor By, Instant At);

/// <summary>The loan was approved on these terms; <paramref name="Schedule"/> was placed by the working-day calendar of
/// <paramref name="CalendarVersion"/> (approvals recorded before calendars were versioned read as version 1).</summary>
public sealed record LoanApproved(Guid ApplicationId, LoanProposal Terms, Decider DecidedBy, string DecisionNumber,
    IReadOnlyList<LimitResult> LimitChecks, long ActualCharterCapital, int PolicyVersion, string Note,
    IReadOnlyList<ScheduleRow> Schedule, Actor By, Instant At, LocalDate BusinessDate, int CalendarVersion = 1);

public sealed record LoanRejected(Guid ApplicationId, IReadOnlyList<string> Reasons, Decider DecidedBy, string DecisionNumber,
    Actor By, Instant At, LocalDate BusinessDate);

public sealed record DecisionLetterIssued(Guid ApplicationId, Guid FileId, string FileName, string Sha256, Instant At);

/// <summary>What decisions about an application need; people read <see cref="ApplicationDetails"/>.</summary>
/// <param name="BoardSeized">The board has begun to decide (a vote was cast, even one voided since): from then on the
/// board keeps the decision, whatever a later appraisal proposes.</param>
/// <param name="Number">The file's number in the fund's register (null until the first submission).</param>
public sealed record LoanApplication(
    Guid Id,
    Guid CooperativeId,
    Guid? MemberId,
    ApplicationStatus Status,
    LoanRequest Request,
    int DocumentCount,
    Guid? AppraisedBy,
    Appraisal? Appraisal,
    ImmutableDictionary<Guid, BoardVote> Votes,
    bool BoardSeized = false,
    string? Number = null)
{
    /// <summary>The stream's version (set by Marten when it folds the stream): what a command's <c>version</c> is compared with.</summary>
    public long Version { get; init; }

    /// <summary>The comments of the votes against, in the order cast, since the last appraisal or voiding: the board's
    /// reasons when it refuses.</summary>
    public ImmutableList<string> RejectionComments { get; init; } = ImmutableList<string>.Empty;

    /// <summary>The decision (<see cref="LoanApproved"/> or <see cref="LoanRejected"/>), once decided: what its letter says.</summary>
    public object? Decision { get; init; }

    /// <summary>The stored letter of the decision, once issued (<see cref="DecisionLetterIssued"/>).</summary>
    public Guid? LetterFileId { get; init; }

    /// <summary>The Director's exemption from the minimum collateral coverage (Decree 45/2021 Art 31.2), once recorded.</summary>
    public HtxFund.Collateral.Exempting.CollateralRequirementExempted? CollateralExemption { get; init; }

    public LoanApplication Apply(HtxFund.Collateral.Exempting.CollateralRequirementExempted e) => this with { CollateralExemption = e };

    /// <summary>Who took <paramref name="decision"/>.</summary>
    public static Actor DecidedBy(object decision) => decision switch
    {
        LoanApproved a => a.By,
        LoanRejected r => r.By,
        _ => throw new ArgumentException($"Not a decision: {decision.GetType().Name}", nameof(decision)),
    };

    public static LoanApplication Create(ApplicationDrafted e) =>
        new(e.ApplicationId, e.CooperativeId, e.MemberId, ApplicationStatus.Draft, e.Request, 0, null, null,
            ImmutableDictionary<Guid, BoardVote>.Empty);

    public LoanApplication Apply(ApplicationDraftEdited e) => this with { Request = e.Request };
    public LoanApplication Apply(ApplicationDocumentAttached e) => this with { DocumentCount = DocumentCount + 1 };
    public LoanApplication Apply(ApplicationSubmitted e) => this with { Status = ApplicationStatus.Submitted };
    public LoanApplication Apply(ApplicationNumbered e) => this with { Number = e.Number };
    public LoanApplication Apply(ApplicationReturnedForInformation e) => this with { Status = ApplicationStatus.ReturnedForInformation };
    public LoanApplication Apply(ApplicationResubmitted e) => this with { Status = ApplicationStatus.Submitted };
    public LoanApplication Apply(ApplicationWithdrawn e) => this with { Status = ApplicationStatus.Withdrawn };
    public LoanApplication Apply(ApplicationAppraised e) => this with
    {
        Status = ApplicationStatus.Appraised, AppraisedBy = e.By.UserId, Appraisal = e.Appraisal, Votes = Votes.Clear(),
        RejectionComments = RejectionComments.Clear(),
    };
    public LoanApplication Apply(BoardVoteCast e) => this with
    {
        Votes = Votes.SetItem(e.By.UserId, e.Vote), BoardSeized = true,
        RejectionComments = e.Vote == BoardVote.Reject ? RejectionComments.Add(e.Comment) : RejectionComments,
    };
    public LoanApplication Apply(BoardVotesVoided e) => this with { Votes = Votes.Clear(), RejectionComments = RejectionComments.Clear() };
    public LoanApplication Apply(LoanApproved e) => this with { Status = ApplicationStatus.Approved, Decision = e };
    public LoanApplication Apply(LoanRejected e) => this with { Status = ApplicationStatus.Rejected, Decision = e };
    public LoanApplication Apply(DecisionLetterIssued e) => this with { LetterFileId = e.FileId };

    public bool IsEditableByApplicant => Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForInformation;
    public bool IsPending => Status is ApplicationStatus.Submitted or ApplicationStatus.ReturnedForInformation or ApplicationStatus.Appraised;
}

public static class ApplicationStatuses
{
    public static string DisplayName(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "Bản nháp",
        ApplicationStatus.Submitted => "Đã nộp, chờ thẩm định",
        ApplicationStatus.ReturnedForInformation => "Trả lại để bổ sung thông tin",
        ApplicationStatus.Appraised => "Đã thẩm định, chờ quyết định",
        ApplicationStatus.Approved => "Đã phê duyệt",
        ApplicationStatus.Rejected => "Bị từ chối",
        ApplicationStatus.Withdrawn => "Đã rút hồ sơ",
        _ => status.ToString(),
    };

    /// <summary>Statuses in which an application blocks another one for the same borrower.</summary>
    public static readonly ApplicationStatus[] Pending =
        [ApplicationStatus.Submitted, ApplicationStatus.ReturnedForInformation, ApplicationStatus.Appraised];
}
