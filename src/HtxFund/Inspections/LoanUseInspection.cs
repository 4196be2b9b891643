using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Inspections;

public enum InspectionState
{
    /// <summary>Scheduled by the disbursement, no visit recorded yet.</summary>
    Due,
    /// <summary>The officer recorded the visit (biên bản kiểm tra).</summary>
    Recorded,
}

/// <summary>
/// A disbursed tranche scheduled the inspection of the use of its money (kiểm tra sử dụng vốn vay, Decree 45/2021 Art
/// 31.2), due <paramref name="DueOn"/> (the value date plus the fund's policy days). The inspection's stream id is the
/// tranche's id, so a tranche schedules one inspection at most.
/// </summary>
public sealed record LoanUseInspectionScheduled(Guid InspectionId, Guid LoanId, Guid TrancheId, Guid CooperativeId, string? ContractNumber,
    string BorrowerName, long Amount, LocalDate DisbursedOn, LocalDate DueOn, Instant At);

/// <summary>
/// The inspection of one disbursed tranche (inline snapshot of its stream, id = the tranche's id). Who is responsible is the
/// loan's officer (<see cref="Loans.GettingDetails.LoanDetails.OfficerId"/>), read at the time, so a reassignment moves
/// the open inspections with the loan.
/// </summary>
public sealed record LoanUseInspection
{
    public Guid Id { get; init; }
    public Guid LoanId { get; init; }
    public Guid TrancheId { get; init; }
    public Guid CooperativeId { get; init; }
    public string? ContractNumber { get; init; }
    public string BorrowerName { get; init; } = "";
    public long Amount { get; init; }
    public LocalDate DisbursedOn { get; init; }
    public LocalDate DueOn { get; init; }
    public InspectionState State { get; init; }
    /// <summary>The day of the recorded visit, once recorded.</summary>
    public LocalDate? VisitedOn { get; init; }
    public long Version { get; init; }
    /// <summary>The photos taken at the visit, in the order they were added.</summary>
    public IReadOnlyList<InspectionPhoto> Photos { get; init; } = [];
    /// <summary>The recorded visit (the minutes' content), once recorded.</summary>
    public InspectionVisit? Visit { get; init; }
    /// <summary>The follow-up a misuse finding opened, and the Director's decision on it.</summary>
    public MisuseFollowUp? FollowUp { get; init; }
    /// <summary>The day the officer was told the inspection falls due soon, once told.</summary>
    public LocalDate? DueSoonNoticedOn { get; init; }

    /// <summary>Not visited by the end of <paramref name="asOf"/> although due before it.</summary>
    public bool IsOverdueAt(LocalDate asOf) => DueOn < asOf && (VisitedOn is not { } visited || visited > asOf);

    public static LoanUseInspection Create(LoanUseInspectionScheduled e) => new()
    {
        Id = e.InspectionId, LoanId = e.LoanId, TrancheId = e.TrancheId, CooperativeId = e.CooperativeId, ContractNumber = e.ContractNumber,
        BorrowerName = e.BorrowerName, Amount = e.Amount, DisbursedOn = e.DisbursedOn, DueOn = e.DueOn, State = InspectionState.Due,
    };

    public LoanUseInspection Apply(LoanUseInspectionPhotoAdded e) => this with
    {
        Photos = [.. Photos, new InspectionPhoto(e.FileId, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.CapturedAt, e.Location, e.By.UserName, e.At)],
    };

    public LoanUseInspection Apply(LoanUseInspected e) => this with
    {
        State = InspectionState.Recorded, VisitedOn = e.VisitedOn,
        Visit = new InspectionVisit(e.VisitedOn, e.Place, e.UsedAsStated, e.SharePercentUsed, e.Findings, e.RepresentativeName,
            e.RepresentativePosition, e.By.UserId, e.By.UserName, e.At),
    };

    public LoanUseInspection Apply(Notices.LoanUseInspectionDueSoonNoticed e) => this with { DueSoonNoticedOn = e.On };

    public LoanUseInspection Apply(LoanMisuseFollowUpOpened e) => this with { FollowUp = new MisuseFollowUp(e.At, null, null, null, null, null) };

    public LoanUseInspection Apply(LoanMisuseFollowUpDecided e) => this with
    {
        FollowUp = (FollowUp ?? new MisuseFollowUp(e.At, null, null, null, null, null)) with
        {
            Decision = e.Decision, Reason = e.Reason, RecallBy = e.RecallBy, DecidedOn = e.DecidedOn, DecidedBy = e.By.UserName,
        },
    };
}

/// <summary>Where a photo was taken, as the phone's browser gave it (WGS 84 degrees; accuracy in metres when known).</summary>
public sealed record PhotoLocation(double Latitude, double Longitude, double? AccuracyMetres);

/// <summary>A photo of the visit: the stored file (JPEG or PNG, checked by content) and when and where the phone took it.</summary>
public sealed record InspectionPhoto(Guid FileId, string FileName, string ContentType, long SizeBytes, string Sha256, Instant CapturedAt,
    PhotoLocation? Location, string AddedBy, Instant AddedAt);

/// <summary>The visit as the minutes (biên bản kiểm tra) record it.</summary>
public sealed record InspectionVisit(LocalDate VisitedOn, string Place, bool UsedAsStated, int SharePercentUsed, string Findings,
    string RepresentativeName, string RepresentativePosition, Guid InspectorId, string InspectorName, Instant RecordedAt);

/// <summary>What the Director decides on a misuse finding: recall the loan (thu hồi nợ trước hạn) or warn the borrower.</summary>
public enum MisuseDecision
{
    Recall,
    Warning,
}

/// <summary>The follow-up of a misuse finding: open until the Director decides.</summary>
public sealed record MisuseFollowUp(Instant OpenedAt, MisuseDecision? Decision, string? Reason, LocalDate? RecallBy, LocalDate? DecidedOn, string? DecidedBy)
{
    public bool IsOpen => Decision is null;
}

/// <summary>A photo of the visit was added (before the visit is recorded). <paramref name="CapturedAt"/> is the time the
/// browser gave for the picture (the file's last-modified time on the phone), <paramref name="Location"/> the phone's
/// position when the browser gave it.</summary>
public sealed record LoanUseInspectionPhotoAdded(Guid InspectionId, Guid FileId, string FileName, string ContentType, long SizeBytes,
    string Sha256, Instant CapturedAt, PhotoLocation? Location, Actor By, Instant At);

/// <summary>The officer recorded the visit: whether the money went to the stated purpose, the share used, the findings and
/// the borrower's representative who attended.</summary>
public sealed record LoanUseInspected(Guid InspectionId, Guid LoanId, LocalDate VisitedOn, string Place, bool UsedAsStated, int SharePercentUsed,
    string Findings, string RepresentativeName, string RepresentativePosition, Actor By, Instant At);

/// <summary>The visit found the money not used as stated: a follow-up for the Director to decide (recall or warning).</summary>
public sealed record LoanMisuseFollowUpOpened(Guid InspectionId, Guid LoanId, Actor By, Instant At);

/// <summary>The Director decided the follow-up of a misuse finding (on the inspection's stream; the loan's stream gets
/// <see cref="LoanUseFollowUpDecided"/>).</summary>
public sealed record LoanMisuseFollowUpDecided(Guid InspectionId, Guid LoanId, MisuseDecision Decision, string Reason, LocalDate? RecallBy,
    LocalDate DecidedOn, Actor By, Instant At);

/// <summary>On the loan's stream: the Director decided to recall the loan (by <paramref name="RecallBy"/>) or to warn the
/// borrower after an inspection found the money misused. Recording only: executing a recall (accelerating the schedule)
/// is a separate step not built yet.</summary>
public sealed record LoanUseFollowUpDecided(Guid LoanId, Guid InspectionId, MisuseDecision Decision, string Reason, LocalDate? RecallBy,
    LocalDate DecidedOn, Actor By, Instant At);
