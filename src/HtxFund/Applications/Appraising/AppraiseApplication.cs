using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Appraising;

/// <summary>The credit officer's appraisal: verification, analysis, rating, proposed terms and a recommendation.</summary>
public sealed record AppraiseApplication(
    long? Version,
    bool? DocumentsVerified,
    string? VerificationNotes,
    string? FinancialAnalysis,
    string? RiskRating,
    ProposalInput? Proposal,
    long? CollateralValuation,
    string? Recommendation,
    string? Note)
{
    public sealed class Validator : AbstractValidator<AppraiseApplication>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.DocumentsVerified).NotNull().Refuse("documents_verified.required", "Vui lòng xác nhận kết quả kiểm tra hồ sơ, tài liệu.");
            RuleFor(x => x.VerificationNotes).OptionalText("verification_notes", "ghi chú kiểm tra hồ sơ", TextLimits.Note);
            RuleFor(x => x.FinancialAnalysis).RequiredText("financial_analysis", "tóm tắt phân tích tài chính", TextLimits.Analysis);
            RuleFor(x => x.RiskRating).Must(r => EnumText.Parse<RiskRating>(r) is not null)
                .Refuse("risk_rating.unknown", "Xếp hạng rủi ro phải là Low, Medium hoặc High.");
            RuleFor(x => x.Proposal).NotNull().Refuse("proposal.required", "Vui lòng nhập điều kiện cho vay đề xuất.");
            RuleFor(x => x.Proposal!).SetValidator(new ProposalInput.Validator(today)).When(x => x.Proposal is not null);
            // a valuation is of collateral that exists; an unsecured loan sends none
            RuleFor(x => x.CollateralValuation).PositiveDong("collateral_valuation",
                "Giá trị định giá tài sản bảo đảm phải lớn hơn 0 và không quá 10^15 đồng (để trống khi vay không có tài sản bảo đảm).");
            RuleFor(x => x.Recommendation).Must(r => EnumText.Parse<Recommendation>(r) is not null)
                .Refuse("recommendation.unknown", "Đề xuất phải là Approve (phê duyệt) hoặc Reject (từ chối).");
            RuleFor(x => x.Note).OptionalText("note", "ý kiến", TextLimits.Note);
        }
    }
}

/// <summary>What an appraisal is decided with: the policy in force, the proposed terms and their schedule, the limit
/// checks at today's capital and the tier an earlier appraisal recorded (null when the application may not be appraised:
/// <c>Validate</c> refuses it).</summary>
public sealed record AppraisalBasis(FundPolicy Policy, LoanProposal Proposal, ScheduleRows.Attempt Schedule, LimitChecks.Outcome? Limits,
    DecidingTier? PreviousTier)
{
    /// <summary>The collateral coverage of the proposed amount against the policy's minimum (null when not appraisable).</summary>
    public HtxFund.Collateral.Reading.CoverageCheck? Coverage { get; init; }
}

public static class AppraiseApplicationEndpoint
{
    public static async Task<AppraisalBasis> LoadAsync(AppraiseApplication command, [Aggregate(Required = false)] LoanApplication? application,
        IDocumentSession session, LocalDate today, CancellationToken ct)
    {
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var lending = policy.ToLendingPolicy();
        var proposal = command.Proposal!.ToProposal(today);
        if (application is not { Status: ApplicationStatus.Submitted or ApplicationStatus.Appraised })
            return new AppraisalBasis(policy, proposal, ScheduleRows.Try(proposal, lending), null, null);
        var limits = await LimitChecks.ComputeAsync(session, application, proposal.Amount, today, lending, ct);
        var previous = application.Appraisal is { } earlier ? await Decisions.DecidingTierAsync(session, earlier, ct) : null;
        var coverage = await HtxFund.Collateral.Reading.CoverageCheck.OfAsync(session, application.Id, proposal.Amount, application.CollateralExemption is not null,
            today, policy.Settings.Collateral, ct);
        return new AppraisalBasis(policy, proposal, ScheduleRows.Try(proposal, lending), limits, previous) { Coverage = coverage };
    }

    public static ProblemDetails Validate(Guid id, AppraiseApplication command, [Aggregate(Required = false)] LoanApplication? application,
        AppraisalBasis basis, ClaimsPrincipal user) =>
        basis.Schedule.Refusal("proposal")
        ?? ApplicationAccess.Writable(application, id, command.Version, user, "thẩm định",
            a => a.Status is ApplicationStatus.Submitted or ApplicationStatus.Appraised)
        ?? (EnumText.Parse<Recommendation>(command.Recommendation) == Recommendation.Approve && !basis.Limits!.AllPassed
            ? LimitChecks.Refusal(basis.Limits, "đề nghị phê duyệt")
            : null)
        ?? (EnumText.Parse<Recommendation>(command.Recommendation) == Recommendation.Approve ? basis.Coverage?.Refusal() : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>Records the appraisal with the schedule preview, the limit checks computed now and the deciding tier:
    /// the body of the approval matrix in force now that decides the proposed amount (the Director, or the board with its
    /// quorum and majority); every later decision is checked against it. A recommendation to approve that breaks a limit
    /// is refused, and so is one below the minimum collateral coverage of the policy for the amount unless the Director
    /// exempted the application (<c>appraisal.coverage_below_minimum</c>). Appraising again (e.g. after capital changed) replaces the appraisal; votes already cast are voided
    /// (<c>BoardVotesVoided</c>, in the history) and, once the board has begun to vote, the board keeps the decision even
    /// if the new amount is within the Director's tier.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [WolverinePost("/api/applications/{id}/appraisal", OperationId = "appraiseApplication")]
    [Tags("Thẩm định")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Events Post(Guid id, AppraiseApplication command, [Aggregate(Required = false)] LoanApplication? application,
        AppraisalBasis basis, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var schedule = basis.Schedule.Schedule!;
        var limits = basis.Limits!;
        var tier = Decisions.TierAtAppraisal(basis.Policy, basis.Proposal.Amount, application!.BoardSeized, basis.PreviousTier);
        var appraisal = new Appraisal(command.DocumentsVerified!.Value, VietnameseText.Normalize(command.VerificationNotes),
            VietnameseText.Normalize(command.FinancialAnalysis), EnumText.Parse<RiskRating>(command.RiskRating)!.Value, basis.Proposal,
            command.CollateralValuation ?? 0, EnumText.Parse<Recommendation>(command.Recommendation)!.Value, VietnameseText.Normalize(command.Note),
            schedule.Rows, schedule.TotalInterest, limits.Checks, limits.ActualCharterCapital, basis.Policy.Version, tier, schedule.CalendarVersion);
        var actor = user.ToActor();
        var events = new Events();
        if (Decisions.VoidVotes(application, "thẩm định lại hồ sơ", actor, now) is { } voided) events.Add(voided);
        events.Add(new ApplicationAppraised(id, appraisal, actor, now, today));
        return events;
    }
}
