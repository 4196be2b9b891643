using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using HtxFund.Reminders.Notifications;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Inspections.FollowUps;

/// <summary>The Director's decision on a misuse finding: recall the loan by <see cref="RecallBy"/> or warn the borrower.</summary>
public sealed record DecideMisuseFollowUp(MisuseDecision? Decision, string? Reason, LocalDate? RecallBy, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<DecideMisuseFollowUp>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Decision).NotNull().Refuse("decision.required", "Vui lòng chọn hình thức xử lý: thu hồi nợ trước hạn (Recall) hoặc cảnh báo (Warning).")
                .IsInEnum().Refuse("decision.unknown", "Hình thức xử lý phải là Recall hoặc Warning.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do quyết định", TextLimits.Note);
            When(x => x.Decision == MisuseDecision.Recall, () =>
                RuleFor(x => x.RecallBy).Cascade(CascadeMode.Stop)
                    .NotNull().Refuse("recall_by.required", "Vui lòng nhập hạn thu hồi nợ.")
                    .Must(d => d >= today).Refuse("recall_by.in_past", "Hạn thu hồi nợ không được trước ngày hôm nay.")
                    .Must(d => d <= today.PlusYears(1)).Refuse("recall_by.too_late", "Hạn thu hồi nợ không được quá một năm kể từ hôm nay."));
            When(x => x.Decision == MisuseDecision.Warning, () =>
                RuleFor(x => x.RecallBy).Null().Refuse("recall_by.not_for_warning", "Quyết định cảnh báo không có hạn thu hồi nợ."));
        }
    }
}

public static class DecideMisuseFollowUpEndpoint
{
    public static ProblemDetails Validate(Guid id, DecideMisuseFollowUp command, IEventStream<LoanUseInspection> stream,
        [Aggregate(Required = false)] LoanUseInspection? inspection) =>
        InspectionRules.Writable(stream, id, command.ExpectedVersion, versionRequired: false)
            .Then(() => InspectionRules.Decision(inspection!));

    /// <summary>The Director decides the follow-up a misuse finding opened: <c>Recall</c> (thu hồi nợ trước hạn, with the
    /// date <c>recallBy</c>) or <c>Warning</c>, with the reason. Recorded on the inspection and on the loan (its history shows
    /// it); the cooperative is notified. Executing the recall (accelerating the schedule) is a separate step, not done here.</summary>
    [Authorize(Roles = Roles.Director)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/inspections/{id}/follow-up/decision", OperationId = "decideMisuseFollowUp")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (Events, IMartenOp, OutgoingMessages) Post(Guid id, DecideMisuseFollowUp command,
        [Aggregate(Required = false)] LoanUseInspection? inspection, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var i = inspection!;
        var actor = user.ToActor();
        var decision = command.Decision!.Value;
        var reason = VietnameseText.Normalize(command.Reason);
        var recallBy = decision == MisuseDecision.Recall ? command.RecallBy : null;
        var decided = new LoanMisuseFollowUpDecided(i.Id, i.LoanId, decision, reason, recallBy, today, actor, now);
        var onLoan = new LoanUseFollowUpDecided(i.LoanId, i.Id, decision, reason, recallBy, today, actor, now);
        var body = decision == MisuseDecision.Recall
            ? $"Qua kiểm tra ngày {i.VisitedOn:dd/MM/yyyy}, vốn vay theo hợp đồng {i.ContractNumber} không được sử dụng đúng mục đích. "
              + $"Quỹ quyết định thu hồi nợ trước hạn; hạn thu hồi: {recallBy:dd/MM/yyyy}. Lý do: {reason}"
            : $"Qua kiểm tra ngày {i.VisitedOn:dd/MM/yyyy}, vốn vay theo hợp đồng {i.ContractNumber} không được sử dụng đúng mục đích. "
              + $"Quỹ cảnh báo và đề nghị sử dụng vốn vay đúng mục đích đã cam kết. Lý do: {reason}";
        var notice = new SendNotice(user.FundId(), InspectionNotices.FollowUpDecidedId(i.Id), NoticeKind.LoanUseFollowUpDecided,
            NoticeAudience.ToCooperative(i.CooperativeId), $"Quyết định xử lý sử dụng vốn vay sai mục đích: {InspectionRules.DecisionName(decision)}",
            body, $"/htx/khoan-vay/{i.LoanId}");
        return ([decided], MartenOps.Append(i.LoanId, onLoan), [notice]);
    }
}
