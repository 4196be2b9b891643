using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Loans;

/// <summary>Why interest is waived or reduced (miễn, giảm lãi, Decree 45/2021 Art 25.2): because the borrower cannot pay
/// (which puts the loan in debt group 3 or worse, Circular 14/2024/TT-NHNN), or on another ground the fund's policy allows.</summary>
public enum WaiverGround { BorrowerCannotPay, OtherPolicyGround }

public enum WaiverState { Requested, Approved, Rejected }

/// <summary>An interest waiver of the loan as its decisions need it (<see cref="Loan.Waivers"/>).</summary>
public sealed record WaiverRecord(Guid WaiverId, LocalDate Date, long Amount, WaiverGround Ground, string Reason, Guid RequestedBy, WaiverState State);

/// <summary>A CreditOfficer asked to forgive <paramref name="Amount"/> đồng of the interest unpaid on <paramref name="Date"/>
/// (penalty interest first, then overdue, due and accrued contractual interest; never principal). Nothing changes until
/// a decider whose authority covers the amount (fund policy <c>RiskApprovals.Waivers</c>), other than the requester, approves.</summary>
public sealed record LoanInterestWaiverRequested(Guid LoanId, Guid WaiverId, LocalDate Date, long Amount, WaiverGround Ground, string Reason,
    Actor By, Instant At);

/// <summary>The waiver was approved: from its date the interest is forgiven (the engine's <c>InterestWaiver</c>).</summary>
public sealed record LoanInterestWaiverApproved(Guid LoanId, Guid WaiverId, Actor By, Instant At);

/// <summary>The waiver was turned down with a reason; the interest stays owed and a new request may follow.</summary>
public sealed record LoanInterestWaiverRejected(Guid LoanId, Guid WaiverId, string Reason, Actor By, Instant At);

/// <summary>The decision letter to the borrower of an approved restructuring or interest waiver (<paramref name="DecisionId"/>
/// is its restructuring or waiver id), rendered and stored after the approval committed, numbered in the fund's register
/// of these decisions.</summary>
public sealed record LoanDecisionLetterIssued(Guid LoanId, Guid DecisionId, string DocumentNumber, Guid FileId, string FileName, string Sha256,
    Instant At);
