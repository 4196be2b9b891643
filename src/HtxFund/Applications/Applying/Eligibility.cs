using System.Security.Claims;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Documents.Formatting;
using HtxFund.Funds;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Policy;
using Marten;
using HtxFund.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Applying;

/// <summary>Who may borrow (Decree 45/2021 Art 20, 22): checked when a draft is started and again at submission.</summary>
public static class Eligibility
{
    public sealed record Borrower(CooperativeDetails Cooperative, CooperativeMemberView? Member)
    {
        public string Name => Member?.FullName ?? Cooperative.Name;
    }

    /// <summary>The borrower found, or why it may not borrow.</summary>
    public sealed record BorrowerCheck(Borrower? Borrower, ProblemDetails? Refusal);

    public static async Task<BorrowerCheck> BorrowerAsync(IQuerySession session, Guid cooperativeId, Guid? memberId, CancellationToken ct)
    {
        var cooperative = await session.LoadAsync<CooperativeDetails>(cooperativeId, ct);
        if (cooperative is null)
            return new(null, Problems.NotFound("cooperative.not_found", "Không tìm thấy tổ chức của bạn trong quỹ."));
        if (memberId is null)
        {
            // Decree 45/2021 Art 20.1.a; Law 17/2023 Art 4.21: a tổ hợp tác has no legal personality, its members borrow.
            return cooperative.Type == CooperativeType.ToHopTac
                ? new(null, Problems.Unprocessable("application.borrower_not_eligible",
                    "Tổ hợp tác không có tư cách pháp nhân nên không được vay trực tiếp; thành viên của tổ hợp tác có thể đứng tên vay."))
                : new(new Borrower(cooperative, null), null);
        }
        var member = cooperative.Members.FirstOrDefault(m => m.MemberId == memberId);
        if (member is null)
            return new(null, Problems.Validation("memberId", "member_id.not_found", "Không tìm thấy thành viên này trong tổ chức của bạn."));
        if (member.IsEnterprise)
            return new(null, Problems.Unprocessable("application.enterprise_member",
                "Thành viên là doanh nghiệp không thuộc đối tượng được vay của quỹ (Nghị định 45/2021, Điều 20 khoản 1)."));
        return new(new Borrower(cooperative, member), null);
    }

    /// <summary>The refusal of sending <paramref name="application"/> to the fund while it is <paramref name="from"/>
    /// (submitting a draft, resubmitting a file returned for information): 404, a stale version or another status, then
    /// <see cref="ToSubmitAsync"/>; <c>NoProblems</c> when it may go.</summary>
    public static async Task<ProblemDetails> RefusalToSendAsync(IQuerySession session, LoanApplication? application, Guid id, long? version,
        ClaimsPrincipal user, ApplicationStatus from, string action, CancellationToken ct) =>
        ApplicationAccess.Writable(application, id, version, user, action, a => a.Status == from)
        ?? await ToSubmitAsync(session, application!, user.FundId(), ct)
        ?? WolverineContinue.NoProblems;

    /// <summary>Whether <paramref name="application"/> may be sent to the fund (submitted or resubmitted): its borrower is
    /// eligible, within the province of a provincial fund, has no other pending application, and brings the own equity
    /// the policy in force requires. Null when it may.</summary>
    public static async Task<ProblemDetails?> ToSubmitAsync(IQuerySession session, LoanApplication application, string fundId,
        CancellationToken ct)
    {
        var (borrower, refusal) = await BorrowerAsync(session, application.CooperativeId, application.MemberId, ct);
        if (refusal is not null) return refusal;
        var policy = await FundPolicies.CurrentAsync(session, ct);
        return await ProvinceAsync(session, fundId, borrower!.Cooperative, ct)
               ?? await NoOtherPendingAsync(session, application.Id, ApplicationAccess.BorrowerKey(application.CooperativeId, application.MemberId), ct)
               ?? OwnEquity(application.Request, policy.ToLendingPolicy());
    }

    /// <summary>A provincial fund lends only within its own province (Decree 45/2021 Art 20.2).</summary>
    public static async Task<ProblemDetails?> ProvinceAsync(IQuerySession session, string fundId, CooperativeDetails cooperative, CancellationToken ct)
    {
        var fund = await session.LoadAsync<Fund>(fundId, ct);
        if (fund is { Kind: FundKind.Provincial, ProvinceName: { } province } && province != cooperative.Province)
            return Problems.Unprocessable("application.out_of_province",
                $"Quỹ cấp tỉnh chỉ cho vay trong địa bàn tỉnh {province}; tổ chức này thuộc {cooperative.Province} (Nghị định 45/2021, Điều 20 khoản 2).");
        return null;
    }

    /// <summary>One pending application per borrower at a time.</summary>
    public static async Task<ProblemDetails?> NoOtherPendingAsync(IQuerySession session, Guid applicationId, string borrowerKey, CancellationToken ct)
    {
        var pending = await session.Query<ApplicationDetails>()
            .Where(x => x.BorrowerKey == borrowerKey && x.Id != applicationId &&
                        (x.Status == ApplicationStatus.Submitted || x.Status == ApplicationStatus.ReturnedForInformation ||
                         x.Status == ApplicationStatus.Appraised))
            .Select(x => x.Id).ToListAsync(ct);
        return pending.Count == 0
            ? null
            : Problems.Conflict("application.duplicate_pending", "Người vay này đã có một hồ sơ vay đang chờ xử lý.",
                new Dictionary<string, object?> { ["existingId"] = pending[0] });
    }

    /// <summary>Own equity at least the policy's share of the total investment (Decree 45/2021 Art 22.5).</summary>
    public static ProblemDetails? OwnEquity(LoanRequest request, LendingPolicy policy)
    {
        var check = LendingLimits.CheckOwnEquity(Money.Of(request.TotalInvestment), Money.Of(request.OwnEquity), policy);
        return check.Passed
            ? null
            : Problems.Unprocessable("application.own_equity_below_minimum",
                $"Vốn tự có {Formatting.Money(request.OwnEquity)} thấp hơn mức tối thiểu {Formatting.Money(check.Limit.Dong)} " +
                $"({VietnameseFormat.Percent(policy.MinOwnEquityPercentOfProject)} tổng mức đầu tư, Nghị định 45/2021, Điều 22 khoản 5).",
                new Dictionary<string, object?> { ["minimum"] = check.Limit.Dong, ["ownEquity"] = request.OwnEquity });
    }
}
