using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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

public static class AppraiseApplicationEndpoint
{
    /// <summary>Records the appraisal with the schedule preview, the limit checks computed now and the deciding tier:
    /// the body of the approval matrix in force now that decides the proposed amount (the Director, or the board with its
    /// quorum and majority); every later decision is checked against it. A recommendation to approve that breaks a limit
    /// is refused. Appraising again (e.g. after capital changed) replaces the appraisal; votes already cast are voided
    /// (<c>BoardVotesVoided</c>, in the history) and, once the board has begun to vote, the board keeps the decision even
    /// if the new amount is within the Director's tier.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [WolverinePost("/api/applications/{id}/appraisal", OperationId = "appraiseApplication")]
    [Tags("Thẩm định")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, AppraiseApplication command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var invalid = Validation.Check(command, new AppraiseApplication.Validator(time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var proposal = command.Proposal!.ToProposal(time.Today);
        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var policy = fundPolicy.ToLendingPolicy();
        if (ScheduleRows.TryGenerate(proposal, policy, out var why) is not (var rows, var totalInterest, var calendarVersion))
            return Results.Problem(Problems.Validation("proposal", "proposal.invalid_terms", $"Điều kiện vay không lập được lịch trả nợ: {why}"));

        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var application = loaded.Application;
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.Appraised))
            return Results.Problem(ApplicationAccess.WrongState(application, "thẩm định"));

        var recommendation = Enum.Parse<Recommendation>(command.Recommendation!, true);
        var limits = await LimitChecks.ComputeAsync(session, application, proposal.Amount, time.Today, policy, ct);
        if (recommendation == Recommendation.Approve && !limits.AllPassed)
            return Results.Problem(LimitChecks.Refusal(limits, "đề nghị phê duyệt"));

        var previous = application.Appraisal is { } earlier ? await Decisions.DecidingTierAsync(session, earlier, ct) : null;
        var tier = Decisions.TierAtAppraisal(fundPolicy, proposal.Amount, application.BoardSeized, previous);
        var appraisal = new Appraisal(command.DocumentsVerified!.Value, VietnameseText.Normalize(command.VerificationNotes),
            VietnameseText.Normalize(command.FinancialAnalysis), Enum.Parse<RiskRating>(command.RiskRating!, true), proposal,
            command.CollateralValuation ?? 0, recommendation, VietnameseText.Normalize(command.Note), rows, totalInterest,
            limits.Checks, limits.ActualCharterCapital, fundPolicy.Version, tier, calendarVersion);
        var actor = user.ToActor();
        if (Decisions.VoidVotes(application, "thẩm định lại hồ sơ", actor, time.Now) is { } voided) loaded.Stream!.AppendOne(voided);
        loaded.Stream!.AppendOne(new ApplicationAppraised(id, appraisal, actor, time.Now, time.Today));
        return Results.NoContent();
    }
}
