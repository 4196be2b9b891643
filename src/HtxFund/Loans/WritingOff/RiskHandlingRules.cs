using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.WritingOff;

/// <summary>What a risk-handling decision reads besides the loan: the fund's risk-handling settings and lending policy,
/// and the loan's result in the latest completed classification run (its debt group and the specific provision held for
/// it), if it was classified there.</summary>
public sealed record RiskReads(RiskHandlingSettings Settings, LendingPolicy Policy, LoanClassified? Classification)
{
    public static async Task<RiskReads> LoadAsync(IQuerySession session, Guid? loanId, CancellationToken ct)
    {
        var policy = await FundPolicies.CurrentAsync(session, ct);
        return new RiskReads(policy.Settings.RiskHandling, policy.ToLendingPolicy(), loanId is { } id ? await LatestClassificationAsync(session, id, ct) : null);
    }

    /// <summary>The loan's result in the latest completed classification run of the session's fund, or null.</summary>
    public static async Task<LoanClassified?> LatestClassificationAsync(IQuerySession session, Guid loanId, CancellationToken ct)
    {
        var runs = await session.Query<ClassificationRun>().OrderByDescending(r => r.Month).Take(24).ToListAsync(ct);
        if (runs.FirstOrDefault(r => r.Completed) is not { } run) return null;
        return (await session.Events.QueryRawEventDataOnly<LoanClassified>().Where(x => x.RunId == run.Id && x.LoanId == loanId).ToListAsync(ct))
            .FirstOrDefault();
    }
}

/// <summary>
/// The pure rules of risk handling (Decree 45/2021 Art 28–29; Decree 86/2024/ND-CP): the Risk Handling Council proposes
/// the use of provisions (a group-5 loan, or a borrower dissolved, bankrupt, deceased, missing or permanently disabled) or,
/// at least the policy's years after the provisions were used, the write-off from the books; the person holding the policy's
/// deciding role, never the proposer, decides with the approval document; a recovery on a loan off the balance sheet brings
/// in at most the principal taken off it plus the interest owed, less what was recovered before.
/// </summary>
public static class RiskHandlingRules
{
    /// <summary>A proposal of <paramref name="step"/> on <paramref name="ground"/> as of <paramref name="today"/>.</summary>
    public static ProblemDetails? Proposal(Loan loan, RiskHandlingStep step, RiskHandlingGround ground, RiskReads reads, LocalDate today) =>
        (loan.RiskProposals.Any(p => p.State == RiskProposalState.Proposed)
            ? Problems.Conflict("risk.proposal_pending", "Đã có một đề xuất xử lý rủi ro của khoản vay này đang chờ quyết định.")
            : null)
        ?? Step(loan, step, ground, reads, today);

    /// <summary>The decision on <paramref name="proposalId"/> by <paramref name="actor"/>: the proposal is pending, the actor
    /// holds the policy's deciding role and did not propose it, and the step is still allowed on the loan as it is now.</summary>
    public static ProblemDetails? Decision(Loan loan, Guid proposalId, Actor actor, RiskReads reads, LocalDate today) =>
        Decider(loan, proposalId, actor, reads.Settings)
        ?? (loan.RiskProposalOf(proposalId) is { } p ? Step(loan, p.Step, p.Ground, reads, today) : null);

    /// <summary>The rejection of <paramref name="proposalId"/> by <paramref name="actor"/>.</summary>
    public static ProblemDetails? Rejection(Loan loan, Guid proposalId, Actor actor, RiskHandlingSettings settings) =>
        Decider(loan, proposalId, actor, settings);

    private static ProblemDetails? Decider(Loan loan, Guid proposalId, Actor actor, RiskHandlingSettings settings)
    {
        if (loan.RiskProposalOf(proposalId) is not { } proposal)
            return Problems.NotFound("risk.proposal_not_found", $"Không tìm thấy đề xuất xử lý rủi ro {proposalId} của khoản vay này.");
        if (proposal.State != RiskProposalState.Proposed)
            return Problems.Conflict("risk.proposal_not_pending", "Đề xuất xử lý rủi ro này đã được quyết định hoặc từ chối.");
        if (!actor.Roles.Contains(settings.DecidingRole))
            return Problems.Forbidden("risk.decider_role",
                $"Theo chính sách của quỹ, {Roles.DisplayName(settings.DecidingRole)} quyết định xử lý rủi ro (Nghị định 45/2021 Điều 28.4).");
        if (proposal.ProposedBy == actor.UserId)
            return Problems.Forbidden("four_eyes.proposer_cannot_decide",
                "Người đề xuất xử lý rủi ro không được tự quyết định đề xuất của mình (nguyên tắc bốn mắt).");
        return null;
    }

    /// <summary>Whether <paramref name="step"/> may be taken on the loan as it is at <paramref name="today"/>.</summary>
    private static ProblemDetails? Step(Loan loan, RiskHandlingStep step, RiskHandlingGround ground, RiskReads reads, LocalDate today)
    {
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (step == RiskHandlingStep.WriteOffFromBooks)
        {
            if (loan.WrittenOffOn is { } written)
                return Problems.Conflict("risk.already_handled", $"Khoản vay đã được xuất toán ngày {written:dd/MM/yyyy}.");
            if (loan.OffBalanceSince is not { } since)
                return Problems.Unprocessable("risk.provisions_not_used",
                    "Chỉ xuất toán khoản vay đã được sử dụng dự phòng để xử lý rủi ro (Nghị định 45/2021 Điều 28.3).");
            var earliest = Lending.RiskHandling.EarliestWriteOff(since, reads.Settings.MinYearsFromProvisionUseToWriteOff);
            if (today < earliest)
                return Problems.Unprocessable("risk.write_off_too_early",
                    $"Chỉ được xuất toán sau ít nhất {reads.Settings.MinYearsFromProvisionUseToWriteOff} năm kể từ ngày sử dụng dự phòng " +
                    $"{since:dd/MM/yyyy}, tức từ ngày {earliest:dd/MM/yyyy} (Nghị định 45/2021 Điều 28.3).",
                    new Dictionary<string, object?> { ["earliestWriteOff"] = earliest.ToString("yyyy-MM-dd", null) });
            return null;
        }

        if (loan.OffBalanceSince is { } off)
            return Problems.Conflict("risk.already_handled", $"Khoản vay đã được sử dụng dự phòng để xử lý rủi ro ngày {off:dd/MM/yyyy}.");
        if (loan.Contract is null || !loan.LentBy(today)
            || LoanTransactions.Statement(loan, today, reads.Policy) is not { } statement || statement.Valuation.PrincipalOutstanding.IsZero)
            return Problems.Unprocessable("risk.nothing_outstanding", "Khoản vay không còn dư nợ gốc để xử lý rủi ro.");
        return ground switch
        {
            RiskHandlingGround.DebtGroup5 when reads.Classification is not { Group: 5 } => Problems.Unprocessable("risk.not_eligible",
                reads.Classification is { } c
                    ? $"Khoản vay thuộc nhóm {c.Group} theo kỳ phân loại nợ gần nhất ({c.AsOf:dd/MM/yyyy}): chỉ nợ nhóm 5 mới được sử dụng dự phòng vì lý do này (Nghị định 86/2024)."
                    : "Khoản vay chưa được phân loại nợ trong kỳ phân loại gần nhất: chưa thể xác định nợ nhóm 5 (Nghị định 86/2024)."),
            RiskHandlingGround.BorrowerDissolvedOrBankrupt when loan.MemberId is not null => Problems.Unprocessable("risk.not_eligible",
                "Người vay là cá nhân: lý do giải thể, phá sản chỉ áp dụng cho tổ chức (Nghị định 86/2024)."),
            RiskHandlingGround.BorrowerDeceasedOrMissing or RiskHandlingGround.BorrowerPermanentlyDisabled when loan.MemberId is null =>
                Problems.Unprocessable("risk.not_eligible", "Người vay là tổ chức: lý do chết, mất tích hoặc mất năng lực lao động chỉ áp dụng cho cá nhân (Nghị định 86/2024)."),
            _ => null,
        };
    }

    /// <summary>The use of provisions decided on <paramref name="today"/>: the principal outstanding then leaves the balance
    /// sheet, the loan's specific provision held in the latest completed run used against it (capped at it), the rest charged
    /// to expense.</summary>
    public static LoanProvisionsUsed UseProvisions(Loan loan, RiskProposal proposal, RiskReads reads, ApprovalDocument approval, LocalDate today,
        Actor actor, Instant now, Guid provisionEntryId, Guid principalEntryId)
    {
        var principal = LoanTransactions.Statement(loan, today, reads.Policy)!.Valuation.PrincipalOutstanding;
        var use = Lending.RiskHandling.UseProvisions(principal, Money.Of(reads.Classification?.SpecificProvision ?? 0));
        return new LoanProvisionsUsed(loan.Id, proposal.ProposalId, today, use.PrincipalOffBalance.Dong, use.ProvisionsUsed.Dong,
            use.ChargedToExpense.Dong, reads.Classification?.RunId, approval, provisionEntryId, principalEntryId, actor, now);
    }

    /// <summary>What the borrower owes off the balance sheet at <paramref name="asOf"/>: the principal taken off it and the
    /// interest the engine values as owed then (contractual, overdue and penalty interest; the loan keeps being valued).</summary>
    public static Money InterestOwed(Loan loan, LocalDate asOf, LendingPolicy policy) =>
        LoanTransactions.Statement(loan, asOf, policy) is { } s ? s.Valuation.Payoff - s.Valuation.PrincipalOutstanding : Money.Zero;

    /// <summary>The most a recovery with value date <paramref name="valueDate"/> may bring in.</summary>
    public static Money RecoveryLimit(Loan loan, LocalDate valueDate, LendingPolicy policy) =>
        Lending.RiskHandling.RecoveryLimit(Money.Of(loan.PrincipalOffBalance), InterestOwed(loan, valueDate, policy), Money.Of(loan.Recovered));

    /// <summary>A recovery of <paramref name="amount"/> on <paramref name="valueDate"/> with a bank reference not booked in the fund.</summary>
    public static ProblemDetails? Recovery(Loan loan, long amount, LocalDate valueDate, string bankReference, BookedBankReference? booked,
        LendingPolicy policy, LocalDate today)
    {
        if (loan.OffBalanceSince is not { } since)
            return Problems.Conflict("recovery.not_off_balance",
                "Khoản vay chưa được xử lý rủi ro bằng dự phòng: tiền thu được ghi nhận là thu nợ, không phải thu hồi nợ đã xử lý.");
        if (valueDate > today)
            return Problems.Validation("valueDate", "value_date.in_future", "Ngày giá trị thu hồi không được sau ngày hôm nay.");
        if (valueDate < since)
            return Problems.Unprocessable("recovery.before_off_balance",
                $"Ngày giá trị thu hồi không được trước ngày khoản vay được xử lý rủi ro ({since:dd/MM/yyyy}).");
        if (booked is not null) return RepaymentRules.DuplicateReference(bankReference);
        var limit = RecoveryLimit(loan, valueDate, policy);
        if (Money.Of(amount) > limit)
            return Problems.Unprocessable("recovery.above_limit",
                $"Số tiền thu hồi {Money.Of(amount).ToDisplayString()} vượt quá số còn có thể thu hồi {limit.ToDisplayString()} " +
                "(gốc đã xử lý rủi ro cộng lãi còn phải thu, trừ số đã thu hồi).",
                new Dictionary<string, object?> { ["limit"] = limit.Dong });
        return null;
    }
}
