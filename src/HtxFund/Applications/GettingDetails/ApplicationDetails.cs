using HtxFund.Cooperatives;
using HtxFund.Identity;
using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;

namespace HtxFund.Applications.GettingDetails;

public sealed record HistoryEntry(Instant At, string UserName, IReadOnlyList<string> Roles, string Action, string Description);

public sealed record DocumentView(Guid DocumentId, DocumentKind Kind, string FileName, string ContentType, long SizeBytes, string Sha256, Instant UploadedAt);

public sealed record VoteView(Guid UserId, string UserName, BoardVote Vote, string Comment, Instant At);

public sealed record DecisionView(bool Approved, Decider DecidedBy, string DecisionNumber, LoanProposal? Terms,
    IReadOnlyList<string> Reasons, IReadOnlyList<LimitResult> LimitChecks, string DecidedByUser, Instant At, LocalDate Date,
    Guid? LetterFileId);

/// <summary>An application as applicant and staff read it (inline projection, rebuildable from its stream).</summary>
public sealed record ApplicationDetails
{
    public Guid Id { get; init; }
    /// <summary>The file's number in the fund's register of loan files, e.g. <c>HS-2026-00042</c> (unique in the fund;
    /// numbers run from 1 each year), given at the first submission; null for a draft.</summary>
    public string? ApplicationNumber { get; init; }
    public Guid CooperativeId { get; init; }
    public Guid? MemberId { get; init; }
    /// <summary>Stable key of the borrower: <c>coop:{id}</c> or <c>member:{cooperativeId}:{memberId}</c>.</summary>
    public string BorrowerKey { get; init; } = "";
    public string BorrowerName { get; init; } = "";
    /// <summary>The borrower's province when the application was started.</summary>
    public string Province { get; init; } = "";
    public ApplicationStatus Status { get; init; }
    public string StatusName { get; init; } = "";
    public required LoanRequest Request { get; init; }
    /// <summary>Requested amount, duplicated for filtering and sorting.</summary>
    public long Amount { get; init; }
    public string Sector { get; init; } = "";
    public PriorityFlags Priority { get; init; } = PriorityFlags.None;
    public IReadOnlyList<DocumentView> Documents { get; init; } = [];
    public string? QuestionsFromFund { get; init; }
    public string? ApplicantResponse { get; init; }
    public Appraisal? Appraisal { get; init; }
    public Guid? AppraisedBy { get; init; }
    public IReadOnlyList<VoteView> Votes { get; init; } = [];
    public DecisionView? Decision { get; init; }
    public Instant CreatedAt { get; init; }
    public LocalDate CreatedOn { get; init; }
    /// <summary>The business date the file became complete (last submission or resubmission): processing time starts here.</summary>
    public LocalDate? CompleteFileDate { get; init; }
    public long CompleteFileDayNumber { get; init; }
    public LocalDate? DecidedOn { get; init; }
    public int? DecisionYear { get; init; }
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];
    public long Version { get; init; }

    /// <summary>What the applicant sees: its request, documents, the fund's questions, the decision and a history of the
    /// steps, but not the fund's internal appraisal, limit checks, individual votes or who in the fund did what.</summary>
    public ApplicationDetails ForApplicant() => this with
    {
        Appraisal = null,
        AppraisedBy = null,
        Votes = [],
        Decision = Decision is null ? null : Decision with { LimitChecks = [], DecidedByUser = "" },
        History = History.Where(h => h.Action is not ("voted" or "votes_voided" or "officer_reassigned")).Select(h => h.Action switch
        {
            "appraised" => h with { UserName = "", Roles = [], Description = "Quỹ đã thẩm định hồ sơ và trình cấp có thẩm quyền quyết định." },
            _ when h.Roles.Contains(Identity.Roles.Cooperative) => h,
            _ => h with { UserName = "", Roles = [] },
        }).ToArray(),
    };
}

public sealed class ApplicationDetailsProjection : SingleStreamProjection<ApplicationDetails, Guid>
{
    private static HistoryEntry Entry(Actor by, Instant at, string action, string description) =>
        new(at, by.UserName, by.Roles, action, description);

    private static ApplicationDetails Log(ApplicationDetails d, IEvent e, HistoryEntry entry) =>
        d with { History = [.. d.History, entry], Version = e.Version };

    public static ApplicationDetails Create(IEvent<ApplicationDrafted> @event)
    {
        var e = @event.Data;
        var details = new ApplicationDetails
        {
            Id = e.ApplicationId, CooperativeId = e.CooperativeId, MemberId = e.MemberId,
            BorrowerKey = ApplicationAccess.BorrowerKey(e.CooperativeId, e.MemberId), BorrowerName = e.BorrowerName, Province = e.Province,
            Status = ApplicationStatus.Draft, StatusName = ApplicationStatus.Draft.DisplayName(), Request = e.Request,
            Amount = e.Request.Amount, Sector = e.Request.Sector, Priority = e.Request.Priority,
            CreatedAt = e.At, CreatedOn = e.BusinessDate,
        };
        return Log(details, @event, Entry(e.By, e.At, "drafted", $"Tạo hồ sơ vay nháp cho {e.BorrowerName}."));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationDraftEdited> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(d with { Request = e.Request, Amount = e.Request.Amount, Sector = e.Request.Sector, Priority = e.Request.Priority },
            @event, Entry(e.By, e.At, "edited", "Cập nhật nội dung hồ sơ vay."));
    }

    /// <summary>The Director gave the file to another credit officer (issue 20): in the staff's history, and the version moves
    /// with the stream so the application's next command is not refused as stale.</summary>
    public static ApplicationDetails Apply(IEvent<Loans.Officers.ResponsibleOfficerReassigned> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        var from = e.From is { } f ? $" (thay cho {f.UserName})" : "";
        return Log(d, @event, Entry(e.By, e.At, "officer_reassigned", $"Giao hồ sơ cho cán bộ tín dụng {e.To.UserName}{from}: {e.Reason}"));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationDocumentAttached> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(d with { Documents = [.. d.Documents, new DocumentView(e.DocumentId, e.Kind, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.At)] },
            @event, Entry(e.By, e.At, "document_attached", $"Đính kèm tài liệu {e.FileName}."));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationSubmitted> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.Submitted) with { CompleteFileDate = e.BusinessDate, CompleteFileDayNumber = DayNumber(e.BusinessDate) },
            @event, Entry(e.By, e.At, "submitted",
                d.ApplicationNumber is { } number ? $"Nộp hồ sơ vay cho quỹ; quỹ tiếp nhận hồ sơ số {number}." : "Nộp hồ sơ vay cho quỹ."));
    }

    /// <summary>Numbered as it is submitted (the event comes just before the submission, whose history entry names the
    /// number), or when a file submitted before files were numbered is decided.</summary>
    public static ApplicationDetails Apply(IEvent<ApplicationNumbered> @event, ApplicationDetails d) =>
        d with { ApplicationNumber = @event.Data.Number, Version = @event.Version };

    public static ApplicationDetails Apply(IEvent<ApplicationReturnedForInformation> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.ReturnedForInformation) with { QuestionsFromFund = e.Questions },
            @event, Entry(e.By, e.At, "returned", $"Trả lại hồ sơ để bổ sung thông tin: {e.Questions}"));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationResubmitted> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.Submitted) with
            {
                ApplicantResponse = e.Response, CompleteFileDate = e.BusinessDate, CompleteFileDayNumber = DayNumber(e.BusinessDate),
            },
            @event, Entry(e.By, e.At, "resubmitted", $"Nộp lại hồ sơ đã bổ sung: {e.Response}"));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationWithdrawn> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.Withdrawn), @event, Entry(e.By, e.At, "withdrawn", $"Rút hồ sơ vay: {e.Reason}"));
    }

    public static ApplicationDetails Apply(IEvent<HtxFund.Collateral.Exempting.CollateralRequirementExempted> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(d, @event, Entry(e.By, e.At, "collateral_exempted", $"Miễn tài sản bảo đảm theo quyết định {e.Reference}: {e.Reason}"));
    }

    public static ApplicationDetails Apply(IEvent<ApplicationAppraised> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        var verdict = e.Appraisal.Recommendation == Recommendation.Approve ? "đề nghị phê duyệt" : "đề nghị từ chối";
        return Log(WithStatus(d, ApplicationStatus.Appraised) with { Appraisal = e.Appraisal, AppraisedBy = e.By.UserId, Votes = [] },
            @event, Entry(e.By, e.At, "appraised",
                $"Thẩm định hồ sơ, {verdict} với số tiền {Formatting.Money(e.Appraisal.Proposal.Amount)}, thời hạn {e.Appraisal.Proposal.TermMonths} tháng"
                + (e.Appraisal.DecidingTier is { } tier ? $"; trình {tier.BodyName} quyết định theo ma trận phê duyệt (chính sách phiên bản {tier.PolicyVersion})." : ".")));
    }

    public static ApplicationDetails Apply(IEvent<BoardVotesVoided> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(d with { Votes = [] }, @event, Entry(e.By, e.At, "votes_voided",
            $"Hủy {e.Voters.Count} phiếu biểu quyết đã bỏ do {e.Reason}; Hội đồng quản lý biểu quyết lại trên kết quả thẩm định mới."));
    }

    public static ApplicationDetails Apply(IEvent<BoardVoteCast> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        var vote = e.Vote switch { BoardVote.Approve => "tán thành", BoardVote.Reject => "không tán thành", _ => "không biểu quyết" };
        return Log(d with { Votes = [.. d.Votes.Where(v => v.UserId != e.By.UserId), new VoteView(e.By.UserId, e.By.UserName, e.Vote, e.Comment, e.At)] },
            @event, Entry(e.By, e.At, "voted", $"Biểu quyết: {vote}." + (e.Comment.Length > 0 ? $" Ý kiến: {e.Comment}" : "")));
    }

    public static ApplicationDetails Apply(IEvent<LoanApproved> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.Approved) with
            {
                Decision = new DecisionView(true, e.DecidedBy, e.DecisionNumber, e.Terms, [], e.LimitChecks, e.By.UserName, e.At, e.BusinessDate, null),
                DecidedOn = e.BusinessDate, DecisionYear = e.BusinessDate.Year,
            },
            @event, Entry(e.By, e.At, "approved",
                $"Phê duyệt cho vay {Formatting.Money(e.Terms.Amount)}, lãi suất {e.Terms.AnnualRatePercent:0.##}%/năm, thời hạn {e.Terms.TermMonths} tháng (quyết định số {e.DecisionNumber})."));
    }

    public static ApplicationDetails Apply(IEvent<LoanRejected> @event, ApplicationDetails d)
    {
        var e = @event.Data;
        return Log(WithStatus(d, ApplicationStatus.Rejected) with
            {
                Decision = new DecisionView(false, e.DecidedBy, e.DecisionNumber, null, e.Reasons, [], e.By.UserName, e.At, e.BusinessDate, null),
                DecidedOn = e.BusinessDate, DecisionYear = e.BusinessDate.Year,
            },
            @event, Entry(e.By, e.At, "rejected", $"Từ chối cho vay (thông báo số {e.DecisionNumber}). Lý do: {string.Join("; ", e.Reasons)}"));
    }

    public static ApplicationDetails Apply(IEvent<DecisionLetterIssued> @event, ApplicationDetails d) =>
        d with { Decision = d.Decision! with { LetterFileId = @event.Data.FileId }, Version = @event.Version };

    private static ApplicationDetails WithStatus(ApplicationDetails d, ApplicationStatus status) =>
        d with { Status = status, StatusName = status.DisplayName() };

    private static long DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;
}
