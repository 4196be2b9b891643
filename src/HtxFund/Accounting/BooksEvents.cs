using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Accounting;

// Events of the fund's books stream (one per fund, FundBooks.StreamId): the accounting setup's versions, the month-end
// interest accruals and the accounting periods. The journal (JournalLine) is projected from these and from the money
// events of the capital and loan streams, in the event log's order (docs/accounting.md).

/// <summary>The chief accountant adopted version <paramref name="Version"/> of the fund's chart and mapping; the journal
/// posts every event that follows it in the log with it (what is already posted is never re-posted).</summary>
public sealed record AccountingSetupAdopted(int Version, ChartOfAccounts Chart, AccountingMapping Mapping, string Reason, Actor By,
    Instant At);

/// <summary>One loan's interest at a month end as the Lending engine values it (whole đồng): receivable on the balance
/// sheet (the loan is in the standard group and not written off) split contractual / penalty, and receivable tracked off
/// the balance sheet. <paramref name="BorrowerId"/> (the cooperative, or its member for a member's loan) and
/// <paramref name="BorrowerName"/> name the accounting object.</summary>
public sealed record LoanInterestAtMonthEnd(Guid LoanId, Guid BorrowerId, string BorrowerName, string? ContractNumber, int DebtGroup,
    long OnBalanceContractual, long OnBalancePenalty, long OffBalance);

/// <summary>The month-end interest accrual of <paramref name="Month"/> (yyyy-MM, as of <paramref name="ValueDate"/>, its last
/// day): every loan's interest at the month end, valued from the events up to <paramref name="HighestSequence"/>. The journal
/// brings each loan's interest receivable (on and off the balance sheet) to these figures at that date: what it posts is the
/// difference from the balances already posted (Circular 52/2022 Art 5.2: income only for the standard group).</summary>
public sealed record InterestAccrualBooked(Guid RunId, string Month, LocalDate ValueDate, IReadOnlyList<LoanInterestAtMonthEnd> Loans,
    long HighestSequence, Actor By, Instant At);

/// <summary>The chief accountant closed <paramref name="Month"/> (yyyy-MM): its journal never changes again; an event that
/// arrives later with a business date in it is posted as an adjusting entry in the first open month.</summary>
public sealed record AccountingPeriodClosed(string Month, Actor By, Instant At);

/// <summary>The Director reopened <paramref name="Month"/> (the latest closed month) for <paramref name="Reason"/>; events that
/// arrive afterwards with a business date in it are posted in it again. What was posted as adjustments stays.</summary>
public sealed record AccountingPeriodReopened(string Month, string Reason, Actor By, Instant At);
