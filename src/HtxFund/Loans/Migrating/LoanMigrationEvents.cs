using HtxFund.Identity;
using NodaTime;

namespace HtxFund.Loans.Migrating;

/// <summary>
/// The loan was brought in from the fund's earlier books (issue 21's loan book import), not made in HtxFund: its stream
/// holds the same events as any loan (application, approval, contract, tranches, repayments, dated as in the file),
/// with this marker right after its first event (<c>ApplicationDrafted</c>, which starts every view of a loan). <paramref name="FileSha256"/> and <paramref name="Row"/> name the source row;
/// <paramref name="CutOver"/> is the date from which the fund runs the loan in HtxFund. The stream id is name-based on the
/// fund and the contract number, so the same loan is never booked twice.
/// </summary>
public sealed record LoanMigrated(Guid LoanId, Guid ImportId, string FileSha256, string FileName, int Row, string ContractNumber,
    LocalDate CutOver, Actor By, Instant At);

/// <summary>
/// For a very old loan whose history is not in the file: at <paramref name="CutOver"/> the borrower owed
/// <paramref name="PrincipalOutstanding"/> (disbursed and not repaid; <paramref name="OverduePrincipal"/> of it past its due
/// date since <paramref name="OverdueSince"/>), <paramref name="InterestOwed"/> of interest due and unpaid and
/// <paramref name="PenaltyOwed"/> of late interest. It stands in for every tranche and repayment before the cut-over:
/// the engine starts the loan from these balances and runs the contract's schedule (the instalments after the cut-over)
/// from there. The capital ledger line <paramref name="CapitalEntryId"/> records the principal as lent out on the cut-over.
/// </summary>
public sealed record LoanOpeningBalanceRecorded(Guid LoanId, LocalDate CutOver, long PrincipalOutstanding, long OverduePrincipal,
    LocalDate? OverdueSince, long InterestOwed, long PenaltyOwed, Guid CapitalEntryId, Actor By, Instant At);
