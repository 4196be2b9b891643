using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Restructuring;

/// <summary>
/// The pure rules of restructuring (Decree 45/2021 Art 27), for the endpoints and the portfolio seeder alike: a disbursed,
/// open loan with principal outstanding at the date; a plan the engine accepts on the loan as recorded; an adjustment
/// that keeps the term and an extension that goes past maturity; one request pending at a time; and at the decision,
/// a pending request decided by someone other than its requester (the plan checked again on the loan as it is then).
/// </summary>
public static class RestructuringRules
{
    /// <summary>The policy the plan is valued with.</summary>
    public static async Task<LendingPolicy> PolicyAsync(IQuerySession session, CancellationToken ct) =>
        (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();

    /// <summary>A request for <paramref name="plan"/> from <paramref name="date"/>.</summary>
    public static ProblemDetails? Request(Loan loan, RestructuringKind kind, LocalDate date, IReadOnlyList<PlannedInstalment> plan, LendingPolicy policy) =>
        Plan(loan, kind, date, plan, policy)
        ?? (loan.Restructurings.Any(r => r.State == RestructuringState.Requested)
            ? Problems.Conflict("restructuring.pending", "Đã có một đề nghị cơ cấu lại đang chờ phê duyệt.")
            : null);

    /// <summary>The approval of <paramref name="restructuringId"/> by <paramref name="actor"/>.</summary>
    public static ProblemDetails? Approval(Loan loan, Guid restructuringId, Actor actor, LendingPolicy policy) =>
        Decision(loan, restructuringId, actor, "Người đề nghị cơ cấu lại không được tự phê duyệt (nguyên tắc bốn mắt).")
        ?? (loan.RestructuringOf(restructuringId) is { } r ? Plan(loan, r.Kind, r.Date, r.Plan, policy) : null);

    /// <summary>The refusal (403 <c>approval.tier_exceeded</c>) of a decider whose authority does not cover the principal
    /// the pending <paramref name="restructuringId"/> reschedules (fund policy <c>riskApprovals.restructurings</c>); null
    /// when it does or when there is no such pending request (the decision's own checks answer that).</summary>
    public static ProblemDetails? Authority(Loan loan, Guid restructuringId, ClaimsPrincipal user, RiskDecisionPolicy policy) =>
        loan.RestructuringOf(restructuringId) is { State: RestructuringState.Requested } r
            ? RiskApprovalSettings.Refusal(policy.Approvals.Restructurings, PrincipalRestructured(loan, r, policy.Lending), user, "Cơ cấu lại dư nợ gốc")
            : null;

    /// <summary>Whether <paramref name="user"/> may decide <paramref name="r"/> (the pages show only those).</summary>
    public static bool MayDecide(Loan loan, RestructuringRecord r, ClaimsPrincipal user, RiskDecisionPolicy policy) =>
        RiskApprovalSettings.MayDecide(policy.Approvals.Restructurings, PrincipalRestructured(loan, r, policy.Lending), user);

    /// <summary>The principal a restructuring reschedules: all principal outstanding at its date (zero before the loan's start).</summary>
    public static Money PrincipalRestructured(Loan loan, RestructuringRecord r, LendingPolicy policy) =>
        LoanTransactions.Statement(loan, r.Date, policy)?.Valuation.PrincipalOutstanding ?? Money.Zero;

    /// <summary>The rejection of <paramref name="restructuringId"/> by <paramref name="actor"/>.</summary>
    public static ProblemDetails? Rejection(Loan loan, Guid restructuringId, Actor actor) =>
        Decision(loan, restructuringId, actor, "Người đề nghị cơ cấu lại không được tự quyết định đề nghị của mình (nguyên tắc bốn mắt).");

    private static ProblemDetails? Decision(Loan loan, Guid restructuringId, Actor actor, string fourEyes)
    {
        if (loan.RestructuringOf(restructuringId) is not { } r)
            return Problems.NotFound("restructuring.not_found", $"Không tìm thấy đề nghị cơ cấu lại {restructuringId}.");
        if (r.State != RestructuringState.Requested)
            return Problems.Conflict("restructuring.not_pending", "Đề nghị cơ cấu lại này đã được xử lý (phê duyệt hoặc từ chối).");
        if (r.RequestedBy == actor.UserId) return Problems.Forbidden("four_eyes.requester_cannot_approve", fourEyes);
        return null;
    }

    /// <summary>The plan on the loan as recorded: an open loan with principal outstanding at <paramref name="date"/>, the
    /// kind's rule on the last due date, and a plan the engine accepts.</summary>
    private static ProblemDetails? Plan(Loan loan, RestructuringKind kind, LocalDate date, IReadOnlyList<PlannedInstalment> plan, LendingPolicy policy)
    {
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (loan.Contract is null || !loan.LentBy(date))
            return Problems.Unprocessable("restructuring.nothing_disbursed", $"Chưa có dư nợ đến ngày {date:dd/MM/yyyy}: không có gì để cơ cấu lại.");
        var before = LoanTransactions.Statement(loan, date, policy)!.Valuation;
        if (before.PrincipalOutstanding.IsZero)
            return Problems.Unprocessable("restructuring.nothing_outstanding", "Khoản vay không còn dư nợ gốc để cơ cấu lại.");
        var last = plan[^1].DueDate;
        if (kind == RestructuringKind.ScheduleAdjustment && last > before.FinalDueDate)
            return Problems.Unprocessable("restructuring.adjustment_beyond_term",
                $"Điều chỉnh kỳ hạn trả nợ không được kéo dài thời hạn cho vay: kỳ cuối phải không sau {before.FinalDueDate:dd/MM/yyyy} (dùng gia hạn nợ).");
        if (kind == RestructuringKind.Extension && last <= before.FinalDueDate)
            return Problems.Unprocessable("restructuring.extension_within_term",
                $"Gia hạn nợ phải có kỳ cuối sau ngày đáo hạn hiện tại {before.FinalDueDate:dd/MM/yyyy}.");
        try
        {
            var record = new RestructuringRecord(Guid.Empty, kind, date, plan, "", Guid.Empty, RestructuringState.Approved);
            LoanTransactions.Statement(loan, date, policy, [LoanTransactions.Restructuring(record)]);
        }
        catch (ArgumentException e)
        {
            return Problems.Unprocessable("restructuring.invalid_plan", $"Kế hoạch trả nợ mới không hợp lệ: {e.Message}");
        }
        return null;
    }
}
