using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications.Appraising;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Deciding;

/// <summary>The Director's decision on an application whose appraisal gave the decision to the Director alone (the tier
/// recorded at appraisal). The approval may be for other terms than appraised (<see cref="Terms"/>; by default the
/// appraisal's proposal), for at most the appraised amount and within the Director's tier.</summary>
public sealed record DecideApplication(long? Version, bool? Approve, ProposalInput? Terms, IReadOnlyList<string>? Reasons, string? Note)
{
    public const int MaxReasons = 20;
    public const int MaxReasonLength = 1000;

    /// <summary>The reasons as the applicant reads them: normalised, the empty ones left out.</summary>
    public static string[] ReasonsOf(IReadOnlyList<string>? reasons) =>
        (reasons ?? []).Select(VietnameseText.Normalize).Where(r => r.Length > 0).ToArray();

    public sealed class Validator : AbstractValidator<DecideApplication>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Approve).NotNull().Refuse("approve.required", "Vui lòng chọn phê duyệt hoặc từ chối.");
            RuleFor(x => x.Reasons).Must(r => ReasonsOf(r).Length > 0).When(x => x.Approve == false)
                .Refuse("reasons.required", "Vui lòng nêu lý do từ chối để thông báo cho người vay.");
            RuleFor(x => x.Reasons).Must(r => ReasonsOf(r) is { Length: <= MaxReasons } reasons && reasons.All(x => x.Length <= MaxReasonLength))
                .Refuse("reasons.too_long", $"Tối đa {MaxReasons} lý do, mỗi lý do tối đa {MaxReasonLength} ký tự.");
            RuleFor(x => x.Note).OptionalText("note", "ý kiến", TextLimits.Note);
            RuleFor(x => x.Terms!).SetValidator(new ProposalInput.Validator(today)).When(x => x.Terms is not null);
        }
    }
}

/// <summary>What a Director's decision is decided with: the tier recorded at appraisal and, for an approval, the terms,
/// their schedule under the policy in force and the limit checks at today's capital. Empty when the application cannot
/// be decided (<c>Validate</c> refuses it).</summary>
public sealed record DirectorDecisionBasis(DecidingTier? Tier, FundPolicy? Policy, LoanProposal? Terms, ScheduleRows.Attempt? Schedule,
    LimitChecks.Outcome? Limits)
{
    public static readonly DirectorDecisionBasis None = new(null, null, null, null, null);
}

public static class DecideApplicationEndpoint
{
    public static async Task<DirectorDecisionBasis> LoadAsync(DecideApplication command, [Aggregate(Required = false)] LoanApplication? application,
        IDocumentSession session, LocalDate today, CancellationToken ct)
    {
        if (application is not { Status: ApplicationStatus.Appraised, Appraisal: { } appraisal }) return DirectorDecisionBasis.None;
        var tier = await Decisions.DecidingTierAsync(session, appraisal, ct);
        if (command.Approve != true || tier.DecidedBy != ApprovalAuthority.Director) return DirectorDecisionBasis.None with { Tier = tier };
        var terms = command.Terms?.ToProposal(today) ?? appraisal.Proposal;
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var schedule = ScheduleRows.Try(terms, policy.ToLendingPolicy());
        var limits = schedule.Schedule is null ? null
            : await LimitChecks.ComputeAsync(session, application, terms.Amount, today, policy.ToLendingPolicy(), ct);
        return new DirectorDecisionBasis(tier, policy, terms, schedule, limits);
    }

    public static ProblemDetails Validate(Guid id, DecideApplication command, [Aggregate(Required = false)] LoanApplication? application,
        DirectorDecisionBasis basis, ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "quyết định", a => a.Status == ApplicationStatus.Appraised)
        ?? Decisions.FourEyes(application!, user.ToActor())
        ?? Decisions.RequireTier(basis.Tier!, application!.Appraisal!, ApprovalAuthority.Director)
        ?? (command.Approve == true ? ApprovalRefusal(application, basis) : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>Why the Director may not approve these terms: above the Director's tier, the requested or the appraised
    /// amount, terms that make no schedule, or a broken limit; null when he may.</summary>
    private static ProblemDetails? ApprovalRefusal(LoanApplication application, DirectorDecisionBasis basis)
    {
        var (tier, terms, appraisal) = (basis.Tier!, basis.Terms!, application.Appraisal!);
        if (!tier.Rule.Covers(Money.Of(terms.Amount)))
            return Decisions.OutsideTier(tier, appraisal,
                $"Số tiền phê duyệt {Formatting.Money(terms.Amount)} vượt thẩm quyền quyết định của Giám đốc (đến {tier.UpToAmount!.Value.ToDisplayString()}) "
                + $"theo ma trận phê duyệt (chính sách phiên bản {tier.PolicyVersion}).");
        if (terms.Amount > application.Request.Amount)
            return Problems.Unprocessable("decision.amount_above_request",
                $"Số tiền phê duyệt không được lớn hơn số tiền đề nghị vay ({Formatting.Money(application.Request.Amount)}).");
        if (terms.Amount > appraisal.Proposal.Amount)
            return Problems.Unprocessable("decision.amount_above_appraisal",
                $"Số tiền phê duyệt không được lớn hơn số tiền đã thẩm định ({Formatting.Money(appraisal.Proposal.Amount)}); muốn cho vay nhiều hơn, hồ sơ phải được thẩm định lại.");
        return basis.Schedule!.Refusal("terms")
               ?? (basis.Limits!.AllPassed ? null : LimitChecks.Refusal(basis.Limits, "phê duyệt khoản vay"));
    }

    /// <summary>The decision's number (and the file's, for a file submitted before files were numbered), taken in the
    /// decision's transaction once it may go ahead.</summary>
    public static async Task<TakenNumbers> BeforeAsync(DecideApplication command, [Aggregate(Required = false)] LoanApplication? application,
        IDocumentSession session, LocalDate today, CancellationToken ct) =>
        application is null
            ? TakenNumbers.None
            : await Registers.TakeAsync(session, application, command.Approve == true ? Registers.DecisionsToLend : Registers.RefusalNotices, today, ct);

    /// <summary>Approves or refuses an application the appraisal gave to the Director. A board application is 403
    /// <c>decision.outside_tier</c>, whatever amount is sent; so is an amount above the Director's tier. The decision
    /// number is taken from the fund's register in the decision's own transaction; its letter is issued just after
    /// (see <c>IssueDecisionLetter</c>).</summary>
    [Authorize(Roles = Roles.Director)]
    [WolverinePost("/api/applications/{id}/decision", OperationId = "decideApplication")]
    [Tags("Phê duyệt")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (Events, OutgoingMessages) Post(Guid id, DecideApplication command, [Aggregate(Required = false)] LoanApplication? application,
        DirectorDecisionBasis basis, TakenNumbers numbers, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        return command.Approve == true
            ? Decisions.Record(application!, numbers, number => Decisions.Approve(id, basis.Terms!, basis.Schedule!.Schedule!, Decider.Director,
                number, basis.Limits!, basis.Policy!.Version, VietnameseText.Normalize(command.Note), actor, now, today), actor, now)
            : Decisions.Record(application!, numbers, number => new LoanRejected(id, DecideApplication.ReasonsOf(command.Reasons), Decider.Director,
                number, actor, now, today), actor, now);
    }
}
