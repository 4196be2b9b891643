using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Migration;

// Contract of issue 21's loan book import, shared by the reader (template, parsing, row checks, dry run) and the booking
// (events, re-import, reconciliation). The reader turns an uploaded workbook into a LoanBookFile whose every row passed
// its checks, or into refusals; the booking turns a LoanBookFile into ordinary event streams.

/// <summary>Where a refusal points: the sheet, the 1-based row of the workbook and the column's header (null for a whole
/// row or the whole file) and the cell reference, e.g. "C12".</summary>
public sealed record CellAddress(string Sheet, int Row, string? Column, string? Cell);

/// <summary>One refusal of the dry run: a stable code (e.g. <c>loan_book.amount_invalid</c>) and a Vietnamese message.</summary>
public sealed record RowRefusal(CellAddress At, string Code, string Message);

/// <summary>A parsed workbook whose every row passed the reader's checks. <see cref="Sha256"/> is the file's hash (lower-case
/// hex); <see cref="CutOver"/> the cut-over date stated on the workbook's first sheet: the figures the fund is checked
/// against are as of that date.</summary>
public sealed record LoanBookFile(
    string Sha256,
    int TemplateVersion,
    LocalDate CutOver,
    IReadOnlyList<ImportedCooperative> Cooperatives,
    IReadOnlyList<ImportedMember> Members,
    IReadOnlyList<ImportedLoan> Loans);

/// <summary>A cooperative row. Matched to an existing cooperative of the fund by <see cref="TaxCode"/> (then nothing of it
/// is changed), else registered.</summary>
public sealed record ImportedCooperative(
    int Row,
    string TaxCode,
    string Name,
    Cooperatives.CooperativeType Type,
    string Province,
    string? District,
    string Address,
    LocalDate RegistrationDate,
    string LegalRepresentative,
    int MemberCount,
    string MainSector,
    Cooperatives.PriorityFlags Priority,
    string? ContactEmail,
    string? Phone);

/// <summary>A member of a cooperative (an individual with a national ID or an enterprise with its tax code).</summary>
public sealed record ImportedMember(
    int Row,
    string CooperativeTaxCode,
    string FullName,
    string? NationalId,
    Cooperatives.MembershipKind Membership,
    bool IsEnterprise,
    string? OrganisationTaxCode,
    LocalDate JoinedOn);

/// <summary>One row of the fund's own schedule (second sheet), when the loan does not use the generated schedule.</summary>
public sealed record ImportedScheduleRow(int Row, int Number, LocalDate DueDate, long Principal, long Interest);

/// <summary>A tranche paid out before the cut-over.</summary>
public sealed record ImportedTranche(int Row, LocalDate ValueDate, long Amount);

/// <summary>A repayment received before the cut-over (the engine splits it, as it would have on the day).</summary>
public sealed record ImportedRepayment(int Row, LocalDate ValueDate, long Amount, string? BankReference);

/// <summary>For a very old loan whose history is not in the file: what was owed at the cut-over.
/// <see cref="OverduePrincipal"/> is the part of <see cref="PrincipalOutstanding"/> past its due date; <see cref="DaysPastDue"/>
/// counts from the oldest unpaid due date to the cut-over (0 when nothing is overdue).</summary>
public sealed record ImportedOpeningBalance(
    long PrincipalOutstanding,
    long OverduePrincipal,
    long InterestOwed,
    long PenaltyOwed,
    int DaysPastDue);

/// <summary>A collateral item pledged to the loan (third sheet), registered for the borrower and pledged at the contract date.</summary>
public sealed record ImportedCollateral(
    int Row,
    Collateral.CollateralType Type,
    string Description,
    string? OwnershipCertificate,
    long MarketValue,
    LocalDate ValuedOn);

/// <summary>
/// A loan row. The borrower is the cooperative with <see cref="BorrowerTaxCode"/> (in the file or already in the fund), or
/// one of its members (<see cref="MemberNationalId"/> / <see cref="MemberTaxCode"/>). Exactly one of
/// (<see cref="Tranches"/> with <see cref="Repayments"/>) and <see cref="OpeningBalance"/> carries the history.
/// <see cref="Schedule"/> is empty when the schedule is generated from the terms. The Expected* figures are the file's
/// own figures as of the cut-over, which the booking reconciles against.
/// </summary>
public sealed record ImportedLoan(
    int Row,
    string ContractNumber,
    LocalDate ContractDate,
    string BorrowerTaxCode,
    string? MemberNationalId,
    string? MemberTaxCode,
    string Purpose,
    long Amount,
    decimal AnnualRatePercent,
    decimal OverdueRatePercent,
    RepaymentMethod Method,
    RepaymentFrequency Frequency,
    int TermMonths,
    int GraceMonths,
    LocalDate StartDate,
    IReadOnlyList<ImportedScheduleRow> Schedule,
    IReadOnlyList<ImportedTranche> Tranches,
    IReadOnlyList<ImportedRepayment> Repayments,
    ImportedOpeningBalance? OpeningBalance,
    IReadOnlyList<ImportedCollateral> Collateral,
    long ExpectedPrincipalOutstanding,
    long ExpectedInterestOwed,
    DebtGroup ExpectedDebtGroup);

public enum LoanBookImportState
{
    /// <summary>Uploaded and checked: every row passed; waiting for confirmation.</summary>
    Checked,
    /// <summary>Uploaded and refused: at least one refusal; nothing can be booked from it.</summary>
    Refused,
    /// <summary>Confirmed and booked (loans already booked from an earlier import of the same file are skipped).</summary>
    Booked,
}

/// <summary>What a file holds (and, for a checked file, what confirming it would create).</summary>
public sealed record LoanBookSummary(
    int Cooperatives,
    int NewCooperatives,
    int Members,
    int Loans,
    int NewLoans,
    int AlreadyImportedLoans,
    long TotalAmount,
    long TotalPrincipalOutstanding,
    long TotalInterestOwed);

/// <summary>One loan whose figures at the cut-over differ from the file's.</summary>
public sealed record ReconciliationDifference(
    string ContractNumber,
    int Row,
    Guid LoanId,
    long FilePrincipalOutstanding,
    long FundPrincipalOutstanding,
    long FileInterestOwed,
    long FundInterestOwed,
    DebtGroup FileDebtGroup,
    DebtGroup FundDebtGroup);

/// <summary>The proof after booking: the file's totals beside the fund's, as of the cut-over, and the loans that differ.</summary>
public sealed record LoanBookReconciliation(
    LocalDate CutOver,
    int Loans,
    long FilePrincipalOutstanding,
    long FundPrincipalOutstanding,
    long FileInterestOwed,
    long FundInterestOwed,
    IReadOnlyList<ReconciliationDifference> Differences)
{
    public bool Reconciles => Differences.Count == 0 && FilePrincipalOutstanding == FundPrincipalOutstanding &&
                              FileInterestOwed == FundInterestOwed;
}

/// <summary>
/// One upload of a loan book (a document of the fund's tenant). The reader creates it at the dry run (Checked or
/// Refused, with the stored file, its hash, the refusals and the summary); the booking sets it to Booked with the
/// reconciliation. An import of a file whose hash was booked before books nothing again.
/// </summary>
public sealed record LoanBookImport
{
    public Guid Id { get; init; }
    public Guid FileId { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public int TemplateVersion { get; init; }
    public LocalDate? CutOver { get; init; }
    public LoanBookImportState State { get; init; }
    public IReadOnlyList<RowRefusal> Refusals { get; init; } = [];
    public LoanBookSummary? Summary { get; init; }
    public Guid UploadedBy { get; init; }
    public required string UploadedByName { get; init; }
    public Instant UploadedAt { get; init; }
    public Guid? BookedBy { get; init; }
    public string? BookedByName { get; init; }
    public Instant? BookedAt { get; init; }
    public int LoansBooked { get; init; }
    public int LoansSkipped { get; init; }
    public LoanBookReconciliation? Reconciliation { get; init; }
}
