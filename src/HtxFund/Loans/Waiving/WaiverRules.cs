using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Waiving;

/// <summary>
/// The pure rules of interest waivers (miễn, giảm lãi; Decree 45/2021 Art 25.2): a disbursed, open loan; an amount no
/// larger than the interest owed on the date (<see cref="LoanValuator.OwedBefore"/>, the engine's own figure) that the
/// loan's other approved waivers leave whole; one request pending at a time; and at the decision, a pending request
/// decided by someone other than its requester whose authority covers the amount (<see cref="RiskApprovalSettings.Waivers"/>),
/// the amount checked again on the loan as it is then.
/// </summary>
public static class WaiverRules
{
    /// <summary>The interest a waiver on <paramref name="date"/> can forgive: all interest owed for a payment that day, after
    /// the loan's transactions that come before it (those of earlier dates, that day's repayments and approved waivers
    /// ranked before it). Null before the loan's start.</summary>
    public static Money? InterestOwed(Loan loan, LocalDate date, LendingPolicy policy)
    {
        if (loan.Contract is not { } contract || date < contract.Terms.StartDate) return null;
        return LoanValuator.OwedBefore(LoanTransactions.Schedule(contract, policy), LoanTransactions.Of(loan), new InterestWaiver(date, Money.Of(1)),
            policy).Interest;
    }

    /// <summary>A request to waive <paramref name="amount"/> on <paramref name="date"/>.</summary>
    public static ProblemDetails? Request(Loan loan, LocalDate date, long amount, LendingPolicy policy) =>
        Amount(loan, date, amount, policy)
        ?? (loan.Waivers.Any(w => w.State == WaiverState.Requested)
            ? Problems.Conflict("waiver.pending", "Đã có một đề nghị miễn, giảm lãi đang chờ phê duyệt.")
            : null);

    /// <summary>The approval of <paramref name="waiverId"/> by <paramref name="user"/>.</summary>
    public static ProblemDetails? Approval(Loan loan, Guid waiverId, ClaimsPrincipal user, RiskDecisionPolicy policy) =>
        Decision(loan, waiverId, user, policy, "Người đề nghị miễn, giảm lãi không được tự phê duyệt (nguyên tắc bốn mắt).")
        ?? (loan.WaiverOf(waiverId) is { } w ? Amount(loan, w.Date, w.Amount, policy.Lending) : null);

    /// <summary>The rejection of <paramref name="waiverId"/> by <paramref name="user"/>.</summary>
    public static ProblemDetails? Rejection(Loan loan, Guid waiverId, ClaimsPrincipal user, RiskDecisionPolicy policy) =>
        Decision(loan, waiverId, user, policy, "Người đề nghị miễn, giảm lãi không được tự quyết định đề nghị của mình (nguyên tắc bốn mắt).");

    /// <summary>Whether <paramref name="user"/> may decide a waiver of <paramref name="amount"/> (the pages show only those).</summary>
    public static bool MayDecide(long amount, ClaimsPrincipal user, RiskDecisionPolicy policy) =>
        RiskApprovalSettings.MayDecide(policy.Approvals.Waivers, Money.Of(amount), user);

    private static ProblemDetails? Decision(Loan loan, Guid waiverId, ClaimsPrincipal user, RiskDecisionPolicy policy, string fourEyes)
    {
        if (loan.WaiverOf(waiverId) is not { } w)
            return Problems.NotFound("waiver.not_found", $"Không tìm thấy đề nghị miễn, giảm lãi {waiverId}.");
        if (w.State != WaiverState.Requested)
            return Problems.Conflict("waiver.not_pending", "Đề nghị miễn, giảm lãi này đã được xử lý (phê duyệt hoặc từ chối).");
        if (w.RequestedBy == user.UserId()) return Problems.Forbidden("four_eyes.requester_cannot_approve", fourEyes);
        return RiskApprovalSettings.Refusal(policy.Approvals.Waivers, Money.Of(w.Amount), user, "Khoản miễn, giảm lãi");
    }

    /// <summary>The amount on the loan as recorded: an open loan disbursed by <paramref name="date"/>, no more than the interest
    /// owed that day, and every approved waiver still forgiving its whole amount with this one added.</summary>
    private static ProblemDetails? Amount(Loan loan, LocalDate date, long amount, LendingPolicy policy)
    {
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (loan.Contract is null || !loan.LentBy(date))
            return Problems.Unprocessable("waiver.nothing_disbursed", $"Chưa có dư nợ đến ngày {date:dd/MM/yyyy}: không có tiền lãi nào để miễn, giảm.");
        var owed = InterestOwed(loan, date, policy)!.Value;
        if (Money.Of(amount) > owed)
            return Problems.Unprocessable("waiver.above_interest_owed",
                $"Số tiền miễn, giảm {Money.Of(amount).ToDisplayString()} vượt quá tiền lãi (kể cả lãi phạt) còn phải trả đến ngày {date:dd/MM/yyyy} là {owed.ToDisplayString()}: không miễn, giảm nợ gốc.",
                new Dictionary<string, object?> { ["interestOwed"] = owed.Dong });
        var approved = loan.Waivers.Where(w => w.State == WaiverState.Approved).ToArray();
        if (approved.Length > 0)
        {
            var end = approved.Max(w => w.Date) is var last && last > date ? last : date;
            var before = LoanTransactions.Statement(loan, end, policy)!.Valuation.InterestWaived;
            var after = LoanTransactions.Statement(loan, end, policy, [LoanTransactions.Waiver(date, amount, WaiverGround.OtherPolicyGround)])!.Valuation.InterestWaived;
            if (after - before != Money.Of(amount))
                return Problems.Unprocessable("waiver.conflicts_with_later_waiver",
                    "Khoản miễn, giảm này cộng với các khoản miễn, giảm đã phê duyệt sau ngày đó vượt quá tiền lãi còn phải trả: vui lòng giảm số tiền.");
        }
        return null;
    }
}
