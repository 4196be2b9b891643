using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Loans;

/// <summary>The two steps of risk handling (xử lý rủi ro, Decree 45/2021 Art 28–29).</summary>
public enum RiskHandlingStep
{
    /// <summary>Sử dụng dự phòng: the provisions are used against the principal and the loan leaves the balance sheet,
    /// tracked off-balance with what the borrower still owes.</summary>
    UseOfProvisions,
    /// <summary>Xuất toán: the loan is written off the books, at least 5 years after the provisions were used and once every
    /// recovery measure has failed (Art 28.3).</summary>
    WriteOffFromBooks,
}

/// <summary>Why provisions may be used (Decree 86/2024/ND-CP): the loan is in debt group 5, or the borrower is gone.</summary>
public enum RiskHandlingGround
{
    /// <summary>The debt is in group 5 (nợ có khả năng mất vốn) at the latest completed classification.</summary>
    DebtGroup5,
    /// <summary>An organisation borrower was dissolved or declared bankrupt.</summary>
    BorrowerDissolvedOrBankrupt,
    /// <summary>An individual borrower died or was declared missing.</summary>
    BorrowerDeceasedOrMissing,
    /// <summary>An individual borrower lost the capacity to work for good (microfinance rule).</summary>
    BorrowerPermanentlyDisabled,
}

/// <summary>Where a recovery after the loan left the balance sheet came from.</summary>
public enum RecoverySource { CollateralSale, Guarantor, Borrower }

public enum RiskProposalState { Proposed, Decided, Rejected }

/// <summary>The approval the fund's legal form requires, as a document: its number, date and issuing body (for a local LLC
/// fund, the provincial Cooperative Alliance, Decree 45/2021 Art 28.4.b).</summary>
public sealed record ApprovalDocument(string Number, LocalDate Date, string IssuingBody);

/// <summary>The Risk Handling Council proposed a step of risk handling for the loan on <paramref name="ProposedOn"/>, on
/// <paramref name="Ground"/>, with the recovery measures taken so far. Nothing changes until the competent person decides.</summary>
public sealed record LoanRiskHandlingProposed(Guid LoanId, Guid ProposalId, RiskHandlingStep Step, RiskHandlingGround Ground, string Reason,
    string RecoveryActions, LocalDate ProposedOn, Actor By, Instant At);

/// <summary>The competent person turned the proposal down; the loan stays as it was and a new proposal may follow.</summary>
public sealed record LoanRiskHandlingRejected(Guid LoanId, Guid ProposalId, string Reason, Actor By, Instant At);

/// <summary>
/// The competent person (never the proposer) decided to use provisions on <paramref name="Date"/> with the approval
/// <paramref name="Approval"/>: the principal outstanding <paramref name="PrincipalOffBalance"/> left the balance sheet, of which
/// <paramref name="ProvisionsUsed"/> was covered by the loan's specific provision held (the latest completed classification run
/// <paramref name="ClassificationRunId"/>'s, capped at the principal) and <paramref name="ChargedToExpense"/> was charged to the
/// fund's expenses. The borrower still owes the principal and the interest; they are tracked off-balance. The capital ledger
/// gets two lines that move no cash: <paramref name="ProvisionEntryId"/> (provisions used) and <paramref name="PrincipalEntryId"/>
/// (principal taken off the balance sheet).
/// </summary>
public sealed record LoanProvisionsUsed(Guid LoanId, Guid ProposalId, LocalDate Date, long PrincipalOffBalance, long ProvisionsUsed,
    long ChargedToExpense, Guid? ClassificationRunId, ApprovalDocument Approval, Guid ProvisionEntryId, Guid PrincipalEntryId, Actor By, Instant At);

/// <summary>The competent person decided to write the loan off the books (xuất toán) on <paramref name="Date"/>, at least the
/// policy's years after its provisions were used, with the approval <paramref name="Approval"/>. Nothing moves on the fund's
/// books (the principal left them when the provisions were used); the loan is no longer tracked as a receivable, and a
/// recovery is still booked as income.</summary>
public sealed record LoanWrittenOffFromBooks(Guid LoanId, Guid ProposalId, LocalDate Date, long Principal, ApprovalDocument Approval, Actor By,
    Instant At);

/// <summary>Money recovered on <paramref name="ValueDate"/> on a loan off the balance sheet (from the sale of collateral, a
/// guarantor or the borrower), booked as recovery income: cash in on the capital ledger line <paramref name="CapitalEntryId"/>.</summary>
public sealed record LoanRecoveryRecorded(Guid LoanId, Guid RecoveryId, long Amount, LocalDate ValueDate, RecoverySource Source,
    string BankReference, Guid CapitalEntryId, Actor By, Instant At);

/// <summary>The PDF of the risk-handling decision on <paramref name="ProposalId"/> (Quyết định xử lý rủi ro), issued after the
/// decision committed and stored as <paramref name="FileId"/>.</summary>
public sealed record RiskDecisionLetterIssued(Guid LoanId, Guid ProposalId, Guid FileId, string FileName, string Sha256, Instant At);
