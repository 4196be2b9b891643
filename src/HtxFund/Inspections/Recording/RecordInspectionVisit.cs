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

namespace HtxFund.Inspections.Recording;

/// <summary>The visit of an inspection of loan use as the officer records it on the phone (the minutes' content).
/// <see cref="ExpectedVersion"/> is the inspection's version the officer saw (required: photos may have been added since).</summary>
public sealed record RecordInspectionVisit(LocalDate? VisitedOn, string? Place, bool? UsedAsStated, int? SharePercentUsed, string? Findings,
    string? RepresentativeName, string? RepresentativePosition, long? ExpectedVersion)
{
    public sealed class Validator : AbstractValidator<RecordInspectionVisit>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.VisitedOn).PastDate("visited_on", "ngày kiểm tra", today);
            RuleFor(x => x.Place).RequiredText("place", "địa điểm kiểm tra", TextLimits.Description);
            RuleFor(x => x.UsedAsStated).NotNull().Refuse("used_as_stated.required", "Vui lòng cho biết vốn vay có được sử dụng đúng mục đích không.");
            RuleFor(x => x.SharePercentUsed).NotNull().Refuse("share_percent_used.required", "Vui lòng nhập tỷ lệ vốn vay đã sử dụng (%).")
                .InclusiveBetween(0, 100).Refuse("share_percent_used.out_of_range", "Tỷ lệ vốn vay đã sử dụng phải từ 0 đến 100 %.");
            RuleFor(x => x.Findings).RequiredText("findings", "kết quả kiểm tra", TextLimits.Note);
            RuleFor(x => x.RepresentativeName).RequiredText("representative_name", "họ tên người đại diện bên vay", TextLimits.Name);
            RuleFor(x => x.RepresentativePosition).RequiredText("representative_position", "chức vụ người đại diện bên vay", TextLimits.Name);
        }
    }
}

public sealed record InspectionVisitReceipt(Guid InspectionId, bool FollowUpOpened, long Version);

public static class RecordInspectionVisitEndpoint
{
    public static ProblemDetails Validate(Guid id, RecordInspectionVisit command, IEventStream<LoanUseInspection> stream,
        [Aggregate(Required = false)] LoanUseInspection? inspection) =>
        InspectionRules.Writable(stream, id, command.ExpectedVersion, versionRequired: true)
            .Then(() => InspectionRules.Visit(inspection!, command.VisitedOn!.Value, command.UsedAsStated!.Value, command.SharePercentUsed!.Value));

    /// <summary>Records the visit (biên bản kiểm tra sử dụng vốn vay): the date (not before the disbursement, not after
    /// today), the place, whether the money went to the purpose stated in the contract and the share of it used, the
    /// findings and the borrower's representative. At least one photo first (422 <c>inspection.photo_required</c>); once
    /// only (409 <c>inspection.already_recorded</c>). A misuse finding (<c>usedAsStated</c> false) opens, in the same
    /// transaction, a follow-up the Director decides (recall or warning) and notifies the fund's Directors.</summary>
    [Authorize(Roles = InspectionRoles.Recorders)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/inspections/{id}/visit", OperationId = "recordInspectionVisit")]
    [Tags("Kiểm tra sử dụng vốn vay")]
    [ProducesResponseType<InspectionVisitReceipt>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, OutgoingMessages) Post(Guid id, RecordInspectionVisit command,
        [Aggregate(Required = false)] LoanUseInspection? inspection, ClaimsPrincipal user, Instant now)
    {
        var (events, messages) = Decide(command, inspection!, user.ToActor(), user.FundId(), now);
        return (Results.Ok(new InspectionVisitReceipt(id, events.Count > 1, inspection!.Version + events.Count)), events, messages);
    }

    /// <summary>The pure decision: the visit, and on a misuse finding the follow-up and the Directors' notice.</summary>
    public static (Events, OutgoingMessages) Decide(RecordInspectionVisit c, LoanUseInspection inspection, Actor actor, string fundId, Instant now)
    {
        var visited = new LoanUseInspected(inspection.Id, inspection.LoanId, c.VisitedOn!.Value, VietnameseText.Normalize(c.Place), c.UsedAsStated!.Value,
            c.SharePercentUsed!.Value, VietnameseText.Normalize(c.Findings), VietnameseText.Normalize(c.RepresentativeName),
            VietnameseText.Normalize(c.RepresentativePosition), actor, now);
        var events = new Events { visited };
        var messages = new OutgoingMessages();
        if (!visited.UsedAsStated)
        {
            events.Add(new LoanMisuseFollowUpOpened(inspection.Id, inspection.LoanId, actor, now));
            messages.Add(new SendNotice(fundId, InspectionNotices.FollowUpOpenedId(inspection.Id), NoticeKind.MisuseFollowUpOpened,
                NoticeAudience.ToRoles(Roles.Director),
                $"Phát hiện sử dụng vốn vay sai mục đích: {inspection.BorrowerName}",
                $"Biên bản kiểm tra ngày {visited.VisitedOn:dd/MM/yyyy} (hợp đồng {inspection.ContractNumber}, đợt giải ngân ngày "
                + $"{inspection.DisbursedOn:dd/MM/yyyy}) ghi nhận vốn vay không được sử dụng đúng mục đích ({visited.SharePercentUsed} % đã sử dụng): "
                + $"{visited.Findings} Vui lòng quyết định thu hồi nợ trước hạn hoặc cảnh báo bên vay.",
                InspectionNotices.Link(inspection.Id)));
        }
        return (events, messages);
    }
}
