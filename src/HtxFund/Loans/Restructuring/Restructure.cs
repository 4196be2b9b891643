using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.Restructuring;

public sealed record PlannedInstalmentInput(LocalDate? DueDate, long? Principal);

/// <summary>A request to restructure (Decree 45/2021 Art 27) from <see cref="Date"/>: all principal not yet repaid
/// goes onto <see cref="Plan"/> (the last date takes whatever the earlier ones do not).</summary>
public sealed record RequestRestructuring(long? Version, RestructuringKind? Kind, LocalDate? Date, IReadOnlyList<PlannedInstalmentInput>? Plan,
    string? Reason)
{
    public RequestRestructuring Normalised() => this with { Reason = VietnameseText.Normalize(Reason) };

    /// <summary>The longest a new plan may run past its date: the longest term a fund policy allows (600 months).</summary>
    public static readonly Period LongestPlan = Period.FromMonths(600);

    public sealed class Validator : AbstractValidator<RequestRestructuring>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Kind).NotNull().Refuse("kind.required", "Vui lòng chọn điều chỉnh kỳ hạn trả nợ hoặc gia hạn nợ.")
                .IsInEnum().Refuse("kind.unknown", "Hình thức cơ cấu lại không hợp lệ.");
            RuleFor(x => x.Date).NotNull().Refuse("date.required", "Vui lòng nhập ngày cơ cấu lại.");
            RuleFor(x => x.Date).LoanStartDate("date", "ngày cơ cấu lại", today);
            RuleFor(x => x.Plan).NotEmpty().Refuse("plan.required", "Vui lòng nhập kế hoạch trả gốc mới (ít nhất một kỳ).");
            RuleFor(x => x.Plan).Must(p => p is null || p.Count <= 600).Refuse("plan.too_many", "Kế hoạch trả gốc mới có tối đa 600 kỳ.");
            RuleForEach(x => x.Plan).ChildRules(p =>
            {
                p.RuleFor(i => i.DueDate).NotNull().Refuse("plan.due_date.required", "Mỗi kỳ trả gốc cần có ngày đến hạn.");
                p.RuleFor(i => i.Principal).NotNull().Refuse("plan.principal.required", "Mỗi kỳ trả gốc cần có số tiền gốc.")
                    .GreaterThanOrEqualTo(0).Refuse("plan.principal.negative", "Số tiền gốc của một kỳ không được âm.")
                    .LessThanOrEqualTo(Capital.FundCapital.MaxAmount).Refuse("plan.principal.too_large", "Số tiền gốc của một kỳ không được vượt quá 10^15 đồng.");
            });
            RuleForEach(x => x.Plan).Must((x, i) => i?.DueDate is null || x.Date is null || (i.DueDate > x.Date && i.DueDate <= x.Date.Value.Plus(LongestPlan)))
                .Refuse("plan.due_date.out_of_range", "Mỗi kỳ trả gốc phải đến hạn sau ngày cơ cấu lại và không quá 50 năm sau ngày đó.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do cơ cấu lại", TextLimits.Note);
        }
    }
}

public sealed record ApproveRestructuring(long? Version);

public sealed record RejectRestructuring(long? Version, string? Reason);

public sealed record RestructuringReceipt(Guid RestructuringId);

/// <summary>The pure rules of restructuring: a disbursed, open loan; a plan the engine accepts on the loan as recorded;
/// an adjustment that keeps the term and an extension that goes past maturity; four eyes at approval.</summary>
public static class RestructuringRules
{
    public static ProblemDetails? Check(Loan loan, RestructuringKind kind, LocalDate date, IReadOnlyList<PlannedInstalment> plan, LendingPolicy policy)
    {
        if (loan.Stage == LoanStage.Closed) return RepaymentRules.LoanClosed(loan);
        if (loan.Contract is null || !loan.Tranches.Any(t => t.State == TrancheState.Disbursed && t.ValueDate <= date))
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

public static class RestructuringEndpoints
{
    /// <summary>A CreditOfficer requests a schedule adjustment (term unchanged) or an extension (past maturity) with the
    /// new principal plan. Nothing changes until a RiskCouncil member approves.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/restructurings", OperationId = "requestRestructuring")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [ProducesResponseType<RestructuringReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Request(Guid id, RequestRestructuring command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new RequestRestructuring.Validator(time.Today));
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var plan = c.Plan!.Select(p => new PlannedInstalment(p.DueDate!.Value, p.Principal!.Value)).ToArray();
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        if (RestructuringRules.Check(loaded.Loan, c.Kind!.Value, c.Date!.Value, plan, policy) is { } refusal) return Results.Problem(refusal);
        if (loaded.Loan.Restructurings.Any(r => r.State == RestructuringState.Requested))
            return Results.Problem(Problems.Conflict("restructuring.pending", "Đã có một đề nghị cơ cấu lại đang chờ phê duyệt."));
        var restructuringId = Guid.CreateVersion7();
        loaded.Stream!.AppendOne(new LoanRestructuringRequested(id, restructuringId, c.Kind.Value, c.Date.Value, plan, c.Reason!, user.ToActor(), time.Now));
        return Results.Created($"/api/loans/{id}", new RestructuringReceipt(restructuringId));
    }

    /// <summary>A RiskCouncil member other than the requester approves: from its date the loan runs on the new plan and
    /// the restructuring counts for debt classification. The plan is checked again on the loan as it is now.</summary>
    [Authorize(Roles = Roles.RiskCouncil)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/restructurings/{restructuringId}/approval", OperationId = "approveRestructuring")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Approve(Guid id, Guid restructuringId, ApproveRestructuring command, ClaimsPrincipal user,
        IDocumentSession session, BusinessTime time, CancellationToken ct)
    {
        var loaded = await LoanAccess.ForWriteAsync(session, id, command.Version, user, ct, versionRequired: false);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var loan = loaded.Loan;
        if (loan.RestructuringOf(restructuringId) is not { } r)
            return Results.Problem(Problems.NotFound("restructuring.not_found", $"Không tìm thấy đề nghị cơ cấu lại {restructuringId}."));
        if (r.State != RestructuringState.Requested)
            return Results.Problem(Problems.Conflict("restructuring.not_pending", "Đề nghị cơ cấu lại này đã được xử lý (phê duyệt hoặc từ chối)."));
        var actor = user.ToActor();
        if (r.RequestedBy == actor.UserId)
            return Results.Problem(Problems.Forbidden("four_eyes.requester_cannot_approve",
                "Người đề nghị cơ cấu lại không được tự phê duyệt (nguyên tắc bốn mắt)."));
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        if (RestructuringRules.Check(loan, r.Kind, r.Date, r.Plan, policy) is { } refusal) return Results.Problem(refusal);
        loaded.Stream!.AppendOne(new LoanRestructuringApproved(id, restructuringId, actor, time.Now));
        return Results.NoContent();
    }

    /// <summary>A RiskCouncil member other than the requester turns the request down with a reason: the loan keeps its
    /// schedule and a new request may be made.</summary>
    [Authorize(Roles = Roles.RiskCouncil)]
    [WolverinePost("/api/loans/{id}/restructurings/{restructuringId}/rejection", OperationId = "rejectRestructuring")]
    [Tags("Cơ cấu lại thời hạn trả nợ")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Reject(Guid id, Guid restructuringId, RejectRestructuring command, ClaimsPrincipal user,
        IDocumentSession session, BusinessTime time, CancellationToken ct)
    {
        var reason = Reference.VietnameseText.Normalize(command.Reason);
        if (reason.Length is 0 or > TextLimits.Note)
            return Results.Problem(Problems.Validation("reason", "reason.required", $"Vui lòng nêu lý do từ chối (tối đa {TextLimits.Note} ký tự)."));
        var loaded = await LoanAccess.ForWriteAsync(session, id, command.Version, user, ct, versionRequired: false);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (loaded.Loan.RestructuringOf(restructuringId) is not { } r)
            return Results.Problem(Problems.NotFound("restructuring.not_found", $"Không tìm thấy đề nghị cơ cấu lại {restructuringId}."));
        if (r.State != RestructuringState.Requested)
            return Results.Problem(Problems.Conflict("restructuring.not_pending", "Đề nghị cơ cấu lại này đã được xử lý (phê duyệt hoặc từ chối)."));
        var actor = user.ToActor();
        if (r.RequestedBy == actor.UserId)
            return Results.Problem(Problems.Forbidden("four_eyes.requester_cannot_approve",
                "Người đề nghị cơ cấu lại không được tự quyết định đề nghị của mình (nguyên tắc bốn mắt)."));
        loaded.Stream!.AppendOne(new LoanRestructuringRejected(id, restructuringId, reason, actor, time.Now));
        return Results.NoContent();
    }
}
