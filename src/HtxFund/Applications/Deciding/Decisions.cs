using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Marten;

namespace HtxFund.Applications.Deciding;

/// <summary>The board's count once a vote is added: each kind of vote and what the recorded tier's rule makes of them.</summary>
public sealed record BoardTally(int Approvals, int Rejections, int Abstentions, BoardVoteOutcome Outcome)
{
    /// <summary>The votes cast on <paramref name="application"/> with <paramref name="voter"/>'s <paramref name="vote"/>,
    /// tallied by the quorum and majority of <paramref name="tier"/> (a board tier).</summary>
    public static BoardTally With(LoanApplication application, Guid voter, BoardVote vote, DecidingTier tier)
    {
        var votes = application.Votes.SetItem(voter, vote).Values.ToArray();
        int approvals = votes.Count(v => v == BoardVote.Approve), rejections = votes.Count(v => v == BoardVote.Reject),
            abstentions = votes.Count(v => v == BoardVote.Abstain);
        return new BoardTally(approvals, rejections, abstentions, tier.Rule.Tally(approvals, rejections, abstentions));
    }
}

/// <summary>What the Director's decision and the board's vote share: who decides (the tier recorded at appraisal), four
/// eyes, and the decision events.</summary>
public static class Decisions
{
    /// <summary>Whoever appraised an application never votes or decides on it (four eyes, enforced by the server).</summary>
    public static ProblemDetails? FourEyes(LoanApplication application, Actor actor) =>
        application.AppraisedBy == actor.UserId
            ? Problems.Forbidden("four_eyes.appraiser_cannot_decide",
                "Người đã thẩm định hồ sơ không được biểu quyết hoặc quyết định cho vay đối với chính hồ sơ đó (nguyên tắc bốn mắt).")
            : null;

    /// <summary>
    /// Who decides an application appraised at <paramref name="amount"/> under <paramref name="policy"/>: the tier of the
    /// approval matrix that covers the amount, recorded in the appraisal. Once the board has begun to vote on the file
    /// (<see cref="LoanApplication.BoardSeized"/>), a new appraisal never takes the decision away from it: an amount that
    /// would now be the Director's stays with the board, under the voting rule it had (<paramref name="previous"/>).
    /// </summary>
    public static DecidingTier TierAtAppraisal(FundPolicy policy, long amount, bool boardSeized, DecidingTier? previous)
    {
        var tier = DecidingTier.From(policy.DecisionRuleFor(Money.Of(amount)), policy.Version);
        return boardSeized && tier.DecidedBy == ApprovalAuthority.Director && previous is { DecidedBy: ApprovalAuthority.Board }
            ? previous
            : tier;
    }

    /// <summary>The tier recorded at appraisal. Appraisals recorded before the tier was (it is null there) are decided by
    /// the matrix of the policy version they name, never by today's.</summary>
    public static async Task<DecidingTier> DecidingTierAsync(IQuerySession session, Appraisal appraisal, CancellationToken ct)
    {
        if (appraisal.DecidingTier is { } recorded) return recorded;
        var policy = await FundPolicies.VersionAsync(session, appraisal.PolicyVersion, ct);
        return DecidingTier.From(policy.DecisionRuleFor(Money.Of(appraisal.Proposal.Amount)), policy.Version);
    }

    /// <summary>The votes cast so far, voided because the file changes under the board (re-appraisal, return for
    /// information); null when nobody has voted.</summary>
    public static BoardVotesVoided? VoidVotes(LoanApplication application, string reason, Actor by, Instant at) =>
        application.Votes.IsEmpty ? null : new BoardVotesVoided(application.Id, [.. application.Votes.Keys.Order()], reason, by, at);

    /// <summary>A decision or vote by a body the appraisal did not give the decision to (403, <c>decision.outside_tier</c>),
    /// e.g. the Director on a board application, even for a lower amount, or a board vote on a Director application.</summary>
    public static ProblemDetails OutsideTier(DecidingTier tier, Appraisal appraisal, string detail) =>
        Problems.Create(StatusCodes.Status403Forbidden, "decision.outside_tier", "Ngoài thẩm quyền quyết định", detail,
            new Dictionary<string, object?>
            {
                ["decidedBy"] = tier.DecidedBy.ToString(),
                ["appraisedAmount"] = appraisal.Proposal.Amount,
                ["policyVersion"] = tier.PolicyVersion,
            });

    /// <summary>The refusal of a decision by <paramref name="acting"/> on an application the recorded tier gives to the other body.</summary>
    public static ProblemDetails? RequireTier(DecidingTier tier, Appraisal appraisal, ApprovalAuthority acting) =>
        tier.DecidedBy == acting
            ? null
            : OutsideTier(tier, appraisal, tier.DecidedBy == ApprovalAuthority.Board
                ? $"Hồ sơ được thẩm định với số tiền {Formatting.Money(appraisal.Proposal.Amount)}; theo ma trận phê duyệt (chính sách phiên bản {tier.PolicyVersion}) "
                  + "khoản vay thuộc thẩm quyền quyết định của Hội đồng quản lý. Giám đốc không quyết định thay, kể cả với số tiền thấp hơn; "
                  + "số tiền thấp hơn chỉ do Hội đồng quản lý quyết định."
                : $"Hồ sơ được thẩm định với số tiền {Formatting.Money(appraisal.Proposal.Amount)}; theo ma trận phê duyệt (chính sách phiên bản {tier.PolicyVersion}) "
                  + "khoản vay thuộc thẩm quyền quyết định của Giám đốc; Hội đồng quản lý không biểu quyết hồ sơ này.");

    /// <summary>
    /// The events that record a decision, with the <paramref name="numbers"/> the command took from the fund's registers
    /// (<see cref="Registers.TakeAsync"/>): the file's number if it took one (files submitted before files were numbered),
    /// then the decision made by <paramref name="decide"/> with its number (decisions to lend <c>12/QĐ-QHTX</c>, refusal
    /// notices <c>5/TB-QHTX</c>); and the message that issues its letter once the decision is committed.
    /// </summary>
    public static (Events Events, OutgoingMessages Letter) Record(LoanApplication application, TakenNumbers numbers, Func<string, object> decide,
        Actor by, Instant at)
    {
        var number = numbers.Decision ?? throw new InvalidOperationException("A decision is recorded with the number it took from its register.");
        return ([.. numbers.Numbered(application.Id, by, at), decide(number)], [new IssueDecisionLetter(application.Id)]);
    }

    /// <summary>The approval of <paramref name="terms"/>, with their <paramref name="schedule"/> generated under the policy in force.</summary>
    public static LoanApproved Approve(Guid id, LoanProposal terms, ScheduleRows.Generated schedule, Decider decider, string number,
        LimitChecks.Outcome limits, int policyVersion, string note, Actor by, Instant at, LocalDate date) =>
        new(id, terms, decider, number, limits.Checks, limits.ActualCharterCapital, policyVersion, note, schedule.Rows, by, at, date,
            schedule.CalendarVersion);
}
