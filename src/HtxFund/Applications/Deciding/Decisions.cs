using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Applications.Deciding;

/// <summary>What the Director's decision and the board's vote share: four eyes, numbering, and the decision events.</summary>
public static class Decisions
{
    /// <summary>Whoever appraised an application never votes or decides on it (four eyes, enforced by the server).</summary>
    public static ProblemDetails? FourEyes(LoanApplication application, Actor actor) =>
        application.AppraisedBy == actor.UserId
            ? Problems.Forbidden("four_eyes.appraiser_cannot_decide",
                "Người đã thẩm định hồ sơ không được biểu quyết hoặc quyết định cho vay đối với chính hồ sơ đó (nguyên tắc bốn mắt).")
            : null;

    public static ApprovalTier TierFor(FundPolicy policy, long amount) => policy.DecisionRuleFor(Money.Of(amount));

    /// <summary>The next number in the fund's yearly register: <c>12/QĐ-QHTX</c> for decisions to lend,
    /// <c>5/TB-QHTX</c> for notices of refusal.</summary>
    public static async Task<string> NextNumberAsync(IQuerySession session, bool approval, LocalDate date, CancellationToken ct)
    {
        var year = date.Year;
        var status = approval ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        var count = await session.Query<ApplicationDetails>().CountAsync(x => x.DecisionYear == year && x.Status == status, ct);
        return approval ? $"{count + 1}/QĐ-QHTX" : $"{count + 1}/TB-QHTX";
    }

    public static LoanApproved Approve(Guid id, LoanProposal terms, Decider decider, string number, LimitChecks.Outcome limits,
        int policyVersion, string note, LendingPolicy policy, Actor by, Instant at, LocalDate date)
    {
        var (schedule, _, calendarVersion) = ScheduleRows.Generate(terms, policy);
        return new LoanApproved(id, terms, decider, number, limits.Checks, limits.ActualCharterCapital, policyVersion, note, schedule, by, at, date,
            calendarVersion);
    }
}
