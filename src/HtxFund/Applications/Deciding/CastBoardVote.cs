using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
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

/// <summary>A board member's vote: Approve, Reject (with the reason, which the applicant reads if the board refuses) or Abstain.</summary>
public sealed record CastBoardVote(long? Version, string? Vote, string? Comment)
{
    public sealed class Validator : AbstractValidator<CastBoardVote>
    {
        public Validator()
        {
            RuleFor(x => x.Vote).Must(v => EnumText.Parse<BoardVote>(v) is not null)
                .Refuse("vote.unknown", "Biểu quyết phải là Approve (tán thành), Reject (không tán thành) hoặc Abstain.");
            RuleFor(x => x.Comment).Must(c => VietnameseText.Normalize(c).Length <= TextLimits.Note)
                .Refuse("comment.too_long", $"Ý kiến tối đa {TextLimits.Note} ký tự.");
            RuleFor(x => x.Comment).Must(c => VietnameseText.Normalize(c).Length > 0)
                .When(x => EnumText.Parse<BoardVote>(x.Vote) == BoardVote.Reject)
                .Refuse("comment.required_for_reject", "Vui lòng nêu lý do không tán thành.");
        }
    }
}

public sealed record VoteResult(string Outcome, int Approvals, int Rejections, int Abstentions, int Quorum, long Version);

/// <summary>What a vote is decided with: the tier recorded at appraisal, the tally with this vote counted, and, when the
/// vote carries the approval, the policy in force and the limit checks at today's capital. Empty when the application
/// cannot take a vote (<c>Validate</c> refuses it).</summary>
public sealed record VoteBasis(DecidingTier? Tier, BoardTally? Tally, FundPolicy? Policy, LimitChecks.Outcome? Limits)
{
    public static readonly VoteBasis None = new(null, null, null, null);
}

public static class CastBoardVoteEndpoint
{
    public static async Task<VoteBasis> LoadAsync(CastBoardVote command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user, IDocumentSession session, LocalDate today, CancellationToken ct)
    {
        if (application is not { Status: ApplicationStatus.Appraised, Appraisal: { } appraisal }) return VoteBasis.None;
        var tier = await Decisions.DecidingTierAsync(session, appraisal, ct);
        if (tier.DecidedBy != ApprovalAuthority.Board) return VoteBasis.None with { Tier = tier };
        var tally = BoardTally.With(application, user.ToActor().UserId, EnumText.Parse<BoardVote>(command.Vote)!.Value, tier);
        if (tally.Outcome != BoardVoteOutcome.Approved) return new VoteBasis(tier, tally, null, null);
        var policy = await FundPolicies.CurrentAsync(session, ct);
        var limits = await LimitChecks.ComputeAsync(session, application, appraisal.Proposal.Amount, today, policy.ToLendingPolicy(), ct);
        return new VoteBasis(tier, tally, policy, limits);
    }

    public static ProblemDetails Validate(Guid id, CastBoardVote command, [Aggregate(Required = false)] LoanApplication? application,
        VoteBasis basis, ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "biểu quyết", a => a.Status == ApplicationStatus.Appraised)
        ?? Decisions.FourEyes(application!, user.ToActor())
        ?? (application!.Votes.ContainsKey(user.ToActor().UserId)
            ? Problems.Conflict("vote.already_cast", "Bạn đã biểu quyết đối với hồ sơ này.")
            : null)
        ?? Decisions.RequireTier(basis.Tier!, application.Appraisal!, ApprovalAuthority.Board)
        ?? (basis.Limits is { AllPassed: false } limits ? LimitChecks.Refusal(limits, "phê duyệt khoản vay (cần thẩm định lại)") : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>The decision's number, when this vote decides, taken in the vote's transaction once it may go ahead.</summary>
    public static async Task<TakenNumbers> BeforeAsync([Aggregate(Required = false)] LoanApplication? application, VoteBasis basis,
        IDocumentSession session, LocalDate today, CancellationToken ct) =>
        (application, basis.Tally?.Outcome) switch
        {
            ({ } decided, BoardVoteOutcome.Approved) => await Registers.TakeAsync(session, decided, Registers.DecisionsToLend, today, ct),
            ({ } decided, BoardVoteOutcome.NotApproved) => await Registers.TakeAsync(session, decided, Registers.RefusalNotices, today, ct),
            _ => TakenNumbers.None,
        };

    /// <summary>A board member votes on an application whose appraisal gave the decision to the board (the tier recorded
    /// at appraisal: a Director application is 403 <c>decision.outside_tier</c>), once. The quorum and majority are the
    /// recorded tier's, not those of a policy adopted later. When the vote reaches the quorum, the decision is recorded in
    /// the same command: approval of the appraised terms (limits re-checked at today's capital; if a limit would break,
    /// the deciding vote is refused) or rejection with the rejecting members' comments as reasons, numbered from the
    /// fund's register in the vote's own transaction. Its letter is issued just after (see <c>IssueDecisionLetter</c>).</summary>
    [Authorize(Roles = Roles.BoardMember)]
    [WolverinePost("/api/applications/{id}/votes", OperationId = "castBoardVote")]
    [Tags("Phê duyệt")]
    [ProducesResponseType<VoteResult>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (VoteResult, Events, OutgoingMessages) Post(Guid id, CastBoardVote command, [Aggregate(Required = false)] LoanApplication? application,
        VoteBasis basis, TakenNumbers numbers, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        var vote = EnumText.Parse<BoardVote>(command.Vote)!.Value;
        var comment = VietnameseText.Normalize(command.Comment);
        var tally = basis.Tally!;
        var events = new Events { new BoardVoteCast(id, vote, comment, actor, now) };
        var letters = new OutgoingMessages();
        if (tally.Outcome == BoardVoteOutcome.Approved)
        {
            var proposal = application!.Appraisal!.Proposal;
            var policy = basis.Policy!;
            var (decision, letter) = Decisions.Record(application, numbers, number => Decisions.Approve(id, proposal,
                ScheduleRows.Generate(proposal, policy.ToLendingPolicy()), Decider.Board, number, basis.Limits!, policy.Version,
                "Hội đồng quản lý biểu quyết thông qua.", actor, now, today), actor, now);
            events.AddRange(decision);
            letters.AddRange(letter);
        }
        else if (tally.Outcome == BoardVoteOutcome.NotApproved)
        {
            var reasons = application!.RejectionComments.Concat(vote == BoardVote.Reject ? [comment] : []).Where(c => c.Length > 0).Distinct().ToArray();
            var (decision, letter) = Decisions.Record(application, numbers, number => new LoanRejected(id,
                reasons.Length > 0 ? reasons : ["Hội đồng quản lý biểu quyết không thông qua."], Decider.Board, number, actor, now, today), actor, now);
            events.AddRange(decision);
            letters.AddRange(letter);
        }
        return (new VoteResult(tally.Outcome.ToString(), tally.Approvals, tally.Rejections, tally.Abstentions, basis.Tier!.Quorum ?? 1,
            application!.Version + events.Count), events, letters);
    }
}
