using System.Security.Claims;
using HtxFund.Applications.Appraising;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Deciding;

/// <summary>The Director's decision on an application whose appraisal gave the decision to the Director alone (the tier
/// recorded at appraisal). The approval may be for other terms than appraised (<see cref="Terms"/>; by default the
/// appraisal's proposal), for at most the appraised amount and within the Director's tier.</summary>
public sealed record DecideApplication(long? Version, bool? Approve, ProposalInput? Terms, IReadOnlyList<string>? Reasons, string? Note);

public static class DecideApplicationEndpoint
{
    /// <summary>Approves or refuses an application the appraisal gave to the Director. A board application is 403
    /// <c>decision.outside_tier</c>, whatever amount is sent; so is an amount above the Director's tier. The decision
    /// number is taken from the fund's register in the decision's own transaction.</summary>
    [Authorize(Roles = Roles.Director)]
    [WolverinePost("/api/applications/{id}/decision", OperationId = "decideApplication")]
    [Tags("Phê duyệt")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, DecideApplication command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, DecisionLetterService letters, CancellationToken ct)
    {
        if (command.Approve is null)
            return Results.Problem(Problems.Validation("approve", "approve.required", "Vui lòng chọn phê duyệt hoặc từ chối."));
        var reasons = (command.Reasons ?? []).Select(VietnameseText.Normalize).Where(r => r.Length > 0).ToArray();
        if (command.Approve == false && reasons.Length == 0)
            return Results.Problem(Problems.Validation("reasons", "reasons.required", "Vui lòng nêu lý do từ chối để thông báo cho người vay."));
        if (reasons.Any(r => r.Length > 1000) || reasons.Length > 20)
            return Results.Problem(Problems.Validation("reasons", "reasons.too_long", "Tối đa 20 lý do, mỗi lý do tối đa 1000 ký tự."));
        if (VietnameseText.Normalize(command.Note).Length > TextLimits.Note)
            return Results.Problem(Problems.Validation("note", "note.too_long", $"Ý kiến không được dài quá {TextLimits.Note} ký tự."));
        if (command.Terms is not null && Validation.Check(command.Terms, new ProposalInput.Validator(time.Today)) is var bad && bad != WolverineContinue.NoProblems)
            return Results.Problem(bad);

        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var application = loaded.Application;
        if (application.Status != ApplicationStatus.Appraised) return Results.Problem(ApplicationAccess.WrongState(application, "quyết định"));
        var actor = user.ToActor();
        if (Decisions.FourEyes(application, actor) is { } fourEyes) return Results.Problem(fourEyes);

        var appraisal = application.Appraisal!;
        var tier = await Decisions.DecidingTierAsync(session, appraisal, ct);
        if (Decisions.RequireTier(tier, appraisal, ApprovalAuthority.Director) is { } outside) return Results.Problem(outside);

        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var terms = command.Terms?.ToProposal(time.Today) ?? appraisal.Proposal;
        Register register;
        Func<string, object> decide;
        if (command.Approve == true)
        {
            if (!tier.Rule.Covers(Money.Of(terms.Amount)))
                return Results.Problem(Decisions.OutsideTier(tier, appraisal,
                    $"Số tiền phê duyệt {Formatting.Money(terms.Amount)} vượt thẩm quyền quyết định của Giám đốc (đến {tier.UpToAmount!.Value.ToDisplayString()}) "
                    + $"theo ma trận phê duyệt (chính sách phiên bản {tier.PolicyVersion})."));
            if (terms.Amount > application.Request.Amount)
                return Results.Problem(Problems.Unprocessable("decision.amount_above_request",
                    $"Số tiền phê duyệt không được lớn hơn số tiền đề nghị vay ({Formatting.Money(application.Request.Amount)})."));
            if (terms.Amount > appraisal.Proposal.Amount)
                return Results.Problem(Problems.Unprocessable("decision.amount_above_appraisal",
                    $"Số tiền phê duyệt không được lớn hơn số tiền đã thẩm định ({Formatting.Money(appraisal.Proposal.Amount)}); muốn cho vay nhiều hơn, hồ sơ phải được thẩm định lại."));
            var policy = fundPolicy.ToLendingPolicy();
            if (ScheduleRows.TryGenerate(terms, policy, out var why) is not { } schedule)
                return Results.Problem(Problems.Validation("terms", "proposal.invalid_terms", $"Điều kiện vay không lập được lịch trả nợ: {why}"));
            var limits = await LimitChecks.ComputeAsync(session, application, terms.Amount, time.Today, policy, ct);
            if (!limits.AllPassed) return Results.Problem(LimitChecks.Refusal(limits, "phê duyệt khoản vay"));
            register = Registers.DecisionsToLend;
            decide = number => Decisions.Approve(id, terms, schedule, Decider.Director, number, limits, fundPolicy.Version,
                VietnameseText.Normalize(command.Note), actor, time.Now, time.Today);
        }
        else
        {
            register = Registers.RefusalNotices;
            decide = number => new LoanRejected(id, reasons, Decider.Director, number, actor, time.Now, time.Today);
        }
        foreach (var e in await Decisions.RecordAsync(session, application, register, decide, letters, actor, time, ct)) loaded.Stream!.AppendOne(e);
        return Results.NoContent();
    }
}
