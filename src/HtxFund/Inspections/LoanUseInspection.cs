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

    /// <summary>Not visited by the end of <paramref name="asOf"/> although due before it.</summary>
    public bool IsOverdueAt(LocalDate asOf) => DueOn < asOf && (VisitedOn is not { } visited || visited > asOf);

    public static LoanUseInspection Create(LoanUseInspectionScheduled e) => new()
    {
        Id = e.InspectionId, LoanId = e.LoanId, TrancheId = e.TrancheId, CooperativeId = e.CooperativeId, ContractNumber = e.ContractNumber,
        BorrowerName = e.BorrowerName, Amount = e.Amount, DisbursedOn = e.DisbursedOn, DueOn = e.DueOn, State = InspectionState.Due,
    };
}
