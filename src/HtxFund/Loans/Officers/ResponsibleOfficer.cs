using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Loans.Officers;

/// <summary>The credit officer responsible for an application and the loan it becomes (cán bộ tín dụng phụ trách): the
/// appraiser by default (<see cref="Applications.ApplicationAppraised"/>), until the Director reassigns it
/// (<see cref="ResponsibleOfficerReassigned"/>). <see cref="UserName"/> is the officer's sign-in name at the time.</summary>
public sealed record ResponsibleOfficer(Guid UserId, string UserName);

/// <summary>
/// The Director moved an application or loan to another credit officer (<paramref name="To"/>), with a reason kept in the
/// loan's history. A bulk transfer appends one such event to each loan it moves, all with the same
/// <paramref name="TransferId"/>. <paramref name="From"/> is the officer before (null when none was responsible yet).
/// </summary>
public sealed record ResponsibleOfficerReassigned(Guid LoanId, Guid TransferId, ResponsibleOfficer To, ResponsibleOfficer? From, string Reason,
    Actor By, Instant At, LocalDate BusinessDate);
