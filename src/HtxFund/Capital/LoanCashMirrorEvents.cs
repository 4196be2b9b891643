using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Capital;

// Mirror events of the loans' cash movements, which earlier builds appended to the fund's capital stream in the same
// transaction as the loan's own event. Nothing appends them any more and nothing folds them: the ledger's lines of
// disbursements, repayments and reversals are projected from the loan events themselves (CapitalLedgerEntryProjection).
// They stay in existing capital streams (events are never rewritten), so their types stay known to the store, which
// reads them when it reads a capital stream raw; the migration that moved the ledger onto the loan events checked each
// of them against the line made from its loan event (docs/operations.md, "The capital ledger").

/// <summary>Historic: the cash-out that mirrored <see cref="Loans.TrancheDisbursed"/>. Never appended now; ignored.</summary>
public sealed record LoanTranchePaidOut(
    Guid EntryId,
    Guid LoanId,
    Guid TrancheId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    LocalDate ValueDate,
    string ContractNumber,
    string Reference,
    Actor By,
    Instant At);

/// <summary>Historic: the cash-in that mirrored <see cref="Loans.LoanRepaymentRecorded"/>. Never appended now; ignored.</summary>
public sealed record LoanRepaymentReceived(
    Guid EntryId,
    Guid LoanId,
    Guid RepaymentId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Principal,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Interest,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RefundableExcess,
    LocalDate ValueDate,
    string ContractNumber,
    string Reference,
    Actor By,
    Instant At);

/// <summary>Historic: the cash-out that mirrored <see cref="Loans.LoanRepaymentReversed"/>. Never appended now; ignored.</summary>
public sealed record LoanRepaymentReceiptReversed(
    Guid EntryId,
    Guid LoanId,
    Guid RepaymentId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Principal,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Interest,
    LocalDate ValueDate,
    string ContractNumber,
    string Reason,
    Actor By,
    Instant At);
