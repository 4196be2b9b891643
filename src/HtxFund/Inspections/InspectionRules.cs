using HtxFund.Infrastructure.Http;
using HtxFund.Loans;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Inspections;

/// <summary>The pure rules of the post-disbursement inspection of loan use: when it falls due, what a visit may record and
/// what the Director may decide on a misuse finding. No I/O.</summary>
public static class InspectionRules
{
    /// <summary>At most this many photos in one inspection.</summary>
    public const int MaxPhotos = 20;

    /// <summary>How far ahead of the server's clock a photo's capture time may be (phones' clocks drift).</summary>
    public static readonly Duration CaptureClockTolerance = Duration.FromMinutes(10);

    /// <summary>The inspection a disbursed tranche schedules: stream id = the tranche's id, due
    /// <see cref="InspectionSettings.DueDays"/> calendar days (not working days) after the value date.</summary>
    public static LoanUseInspectionScheduled Schedule(Loan loan, Loans.TrancheDisbursed disbursed, InspectionSettings settings, Instant now) =>
        new(disbursed.TrancheId, loan.Id, disbursed.TrancheId, loan.CooperativeId, loan.Contract?.ContractNumber, loan.BorrowerName,
            disbursed.Amount, disbursed.ValueDate, DueOn(disbursed.ValueDate, settings), now);

    public static LocalDate DueOn(LocalDate disbursedOn, InspectionSettings settings) => disbursedOn.PlusDays(settings.DueDays);

    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("inspection.not_found", $"Không tìm thấy đợt kiểm tra sử dụng vốn vay {id}.");

    /// <summary>404 when the user's fund has no such inspection; the stream's version when the client sent one.</summary>
    public static ProblemDetails Writable(IEventStream<LoanUseInspection> stream, Guid id, long? expectedVersion, bool versionRequired) =>
        stream.Aggregate is null ? NotFound(id)
        : StreamVersions.Check(expectedVersion, stream.CurrentVersion, versionRequired, "inspection", "đợt kiểm tra") ?? WolverineContinue.NoProblems;

    private static ProblemDetails AlreadyRecorded(LoanUseInspection inspection) => Problems.Conflict("inspection.already_recorded",
        $"Biên bản kiểm tra sử dụng vốn vay đã được lập ngày {inspection.VisitedOn:dd/MM/yyyy}: không thay đổi được nữa.");

    /// <summary>A photo is added before the visit is recorded, at most <see cref="MaxPhotos"/>.</summary>
    public static ProblemDetails? Photo(LoanUseInspection inspection) =>
        inspection.State == InspectionState.Recorded ? AlreadyRecorded(inspection)
        : inspection.Photos.Count >= MaxPhotos
            ? Problems.Conflict("inspection.too_many_photos", $"Mỗi đợt kiểm tra có tối đa {MaxPhotos} ảnh.")
            : null;

    /// <summary>The visit's rules that need the inspection: not recorded twice, not before the disbursement, with a photo,
    /// and a use "as stated" that used some of the money.</summary>
    public static ProblemDetails? Visit(LoanUseInspection inspection, LocalDate visitedOn, bool usedAsStated, int sharePercentUsed)
    {
        if (inspection.State == InspectionState.Recorded) return AlreadyRecorded(inspection);
        if (visitedOn < inspection.DisbursedOn)
            return Problems.Unprocessable("inspection.visited_before_disbursement",
                $"Ngày kiểm tra không được trước ngày giải ngân {inspection.DisbursedOn:dd/MM/yyyy}.");
        if (inspection.Photos.Count == 0)
            return Problems.Unprocessable("inspection.photo_required", "Vui lòng chụp ít nhất một ảnh tại nơi kiểm tra trước khi lập biên bản.");
        if (usedAsStated && sharePercentUsed == 0)
            return Problems.Unprocessable("inspection.used_as_stated_without_use",
                "Vốn vay được ghi nhận là sử dụng đúng mục đích nhưng tỷ lệ đã sử dụng là 0 %: vui lòng kiểm tra lại.");
        return null;
    }

    /// <summary>The Director decides an open follow-up once.</summary>
    public static ProblemDetails? Decision(LoanUseInspection inspection) => inspection.FollowUp switch
    {
        null => Problems.Conflict("follow_up.none", "Đợt kiểm tra này không phát hiện sử dụng vốn sai mục đích: không có việc cần xử lý."),
        { IsOpen: false } f => Problems.Conflict("follow_up.already_decided",
            $"Việc xử lý sử dụng vốn sai mục đích đã được quyết định ngày {f.DecidedOn:dd/MM/yyyy}."),
        _ => null,
    };

    /// <summary>The days an inspection is overdue at <paramref name="asOf"/> (0 when not overdue).</summary>
    public static int DaysOverdue(LoanUseInspection inspection, LocalDate asOf) =>
        inspection.IsOverdueAt(asOf) ? Period.Between(inspection.DueOn, asOf, PeriodUnits.Days).Days : 0;

    /// <summary>Due (not recorded) and falling due within <paramref name="days"/> days of <paramref name="today"/>
    /// (not yet overdue): the officer is told once.</summary>
    public static bool DueSoon(LoanUseInspection inspection, LocalDate today, int days) =>
        inspection.State == InspectionState.Due && inspection.DueOn >= today && inspection.DueOn <= today.PlusDays(days);

    public static string DecisionName(MisuseDecision decision) => decision switch
    {
        MisuseDecision.Recall => "thu hồi nợ trước hạn",
        MisuseDecision.Warning => "cảnh báo bên vay",
        _ => decision.ToString(),
    };
}
