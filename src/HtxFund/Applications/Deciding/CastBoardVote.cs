using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Deciding;

public sealed record CastBoardVote(long? Version, string? Vote, string? Comment);

public sealed record VoteResult(string Outcome, int Approvals, int Rejections, int Abstentions, int Quorum, long Version);

public static class CastBoardVoteEndpoint
{
    /// <summary>A board member votes on an application whose appraisal gave the decision to the board (the tier recorded
    /// at appraisal: a Director application is 403 <c>decision.outside_tier</c>), once. The quorum and majority are the
    /// recorded tier's, not those of a policy adopted later. When the vote reaches the quorum, the decision is recorded in
    /// the same command: approval of the appraised terms (limits re-checked at today's capital; if a limit would break,
    /// the deciding vote is refused) or rejection with the rejecting members' comments as reasons, numbered from the
    /// fund's register in the vote's own transaction.</summary>
    [Authorize(Roles = Roles.BoardMember)]
    [WolverinePost("/api/applications/{id}/votes", OperationId = "castBoardVote")]
    [Tags("Phê duyệt")]
    [ProducesResponseType<VoteResult>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, CastBoardVote command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, DecisionLetterService letters, CancellationToken ct)
    {
        if (EnumText.Parse<BoardVote>(command.Vote) is not { } vote)
            return Results.Problem(Problems.Validation("vote", "vote.unknown", "Biểu quyết phải là Approve (tán thành), Reject (không tán thành) hoặc Abstain."));
        var comment = VietnameseText.Normalize(command.Comment);
        if (comment.Length > 2000) return Results.Problem(Problems.Validation("comment", "comment.too_long", "Ý kiến tối đa 2000 ký tự."));
        if (vote == BoardVote.Reject && comment.Length == 0)
            return Results.Problem(Problems.Validation("comment", "comment.required_for_reject", "Vui lòng nêu lý do không tán thành."));

        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var application = loaded.Application;
        if (application.Status != ApplicationStatus.Appraised) return Results.Problem(ApplicationAccess.WrongState(application, "biểu quyết"));
        var actor = user.ToActor();
        if (Decisions.FourEyes(application, actor) is { } fourEyes) return Results.Problem(fourEyes);
        if (application.Votes.ContainsKey(actor.UserId))
            return Results.Problem(Problems.Conflict("vote.already_cast", "Bạn đã biểu quyết đối với hồ sơ này."));

        var appraisal = application.Appraisal!;
        var proposal = appraisal.Proposal;
        var decidingTier = await Decisions.DecidingTierAsync(session, appraisal, ct);
        if (Decisions.RequireTier(decidingTier, appraisal, ApprovalAuthority.Board) is { } outside) return Results.Problem(outside);
        var tier = decidingTier.Rule;

        var cast = new BoardVoteCast(id, vote, comment, actor, time.Now);
        var votes = application.Apply(cast).Votes.Values.ToArray();
        int approvals = votes.Count(v => v == BoardVote.Approve), rejections = votes.Count(v => v == BoardVote.Reject),
            abstentions = votes.Count(v => v == BoardVote.Abstain);
        var outcome = tier.Tally(approvals, rejections, abstentions);

        var fundPolicy = await FundPolicies.CurrentAsync(session, ct);
        var events = new List<object> { cast };
        if (outcome == BoardVoteOutcome.Approved)
        {
            var policy = fundPolicy.ToLendingPolicy();
            var limits = await LimitChecks.ComputeAsync(session, application, proposal.Amount, time.Today, policy, ct);
            if (!limits.AllPassed) return Results.Problem(LimitChecks.Refusal(limits, "phê duyệt khoản vay (cần thẩm định lại)"));
            events.AddRange(await Decisions.RecordAsync(session, application, Registers.DecisionsToLend, number => Decisions.Approve(id,
                proposal, ScheduleRows.Generate(proposal, policy), Decider.Board, number, limits, fundPolicy.Version,
                "Hội đồng quản lý biểu quyết thông qua.", actor, time.Now, time.Today), letters, actor, time, ct));
        }
        else if (outcome == BoardVoteOutcome.NotApproved)
        {
            var reasons = (await RejectionCommentsAsync(session, id, ct)).Append(comment).Where(c => c.Length > 0).Distinct().ToArray();
            events.AddRange(await Decisions.RecordAsync(session, application, Registers.RefusalNotices, number => new LoanRejected(id,
                reasons.Length > 0 ? reasons : ["Hội đồng quản lý biểu quyết không thông qua."], Decider.Board, number, actor, time.Now, time.Today),
                letters, actor, time, ct));
        }
        var startingVersion = loaded.Stream!.CurrentVersion ?? 0;
        foreach (var e in events) loaded.Stream.AppendOne(e);

        return Results.Ok(new VoteResult(outcome.ToString(), approvals, rejections, abstentions, tier.Quorum ?? 1,
            startingVersion + events.Count));
    }

    private static async Task<IReadOnlyList<string>> RejectionCommentsAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var details = await session.LoadAsync<GettingDetails.ApplicationDetails>(id, ct);
        return details?.Votes.Where(v => v.Vote == BoardVote.Reject).Select(v => v.Comment).ToArray() ?? [];
    }
}
