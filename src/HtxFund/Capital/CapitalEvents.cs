using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Capital;

// Events of the fund's capital stream (one stream per fund, FundCapital.StreamId): what is truly capital. Amounts are whole
// đồng, stored as JSON numbers. Loan disbursements, repayments and reversals are not here: they are the loan's own events
// (TrancheDisbursed, LoanRepaymentRecorded, LoanRepaymentReversed), and the ledger's lines are projected from them.

/// <summary>Charter capital paid in (e.g. from the provincial budget, Decree 45/2021 Art 37), on the decision
/// <paramref name="DecisionNumber"/> of <paramref name="DecisionDate"/>, received on <paramref name="ValueDate"/>.</summary>
public sealed record CharterCapitalContributed(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    Actor By,
    Instant At);

/// <summary>Charter capital returned or reduced by a decision of the competent body, on <paramref name="ValueDate"/>.</summary>
public sealed record CharterCapitalWithdrawn(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    string Reason,
    Actor By,
    Instant At);

/// <summary>
/// The fund's undistributed surplus (positive) or unhandled loss (negative) <b>at</b> <paramref name="AsOf"/>, from
/// closed books (<paramref name="Reference"/>: the statement or decision). A balance, not a movement: as of any date
/// the retained result is the one recorded for the latest <c>AsOf</c> on or before it, and a later record for the same
/// date corrects an earlier one (Decree 45/2021 Art 2.3).
/// </summary>
public sealed record RetainedResultRecorded(
    Guid EntryId,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money SurplusOrLoss,
    LocalDate AsOf,
    string Reference,
    Actor By,
    Instant At);

/// <summary>Where capital other than charter capital comes from (Decree 45/2021 Art 32, 36): grants and aid, capital
/// entrusted by the central fund or another body for on-lending (Art 30), borrowing and mobilisation, the
/// development-investment fund, and other lawful sources.</summary>
public enum OtherCapitalSourceKind { Grant, EntrustedCapital, Borrowing, DevelopmentInvestmentFund, Other }

/// <summary>Capital from a source other than the charter capital received into the fund's cash. <see cref="Reason"/>
/// (the note sent with it) is absent from receipts recorded before it was kept.</summary>
public sealed record OtherCapitalReceived(
    Guid EntryId,
    OtherCapitalSourceKind Kind,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    Actor By,
    Instant At,
    string? Reason = null);

/// <summary>Capital of another source paid back out of the fund's cash (a borrowing repaid, entrusted capital returned).</summary>
public sealed record OtherCapitalRepaid(
    Guid EntryId,
    OtherCapitalSourceKind Kind,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string Source,
    string DecisionNumber,
    LocalDate DecisionDate,
    LocalDate ValueDate,
    string Reason,
    Actor By,
    Instant At);

/// <summary>The monthly classification run of <paramref name="Month"/> (yyyy-MM, as of <paramref name="ValueDate"/>, the
/// month's last day) booked the change of required loan-loss provisions: <paramref name="Total"/> is the provisions
/// required after it, <paramref name="Change"/> the difference from the total booked before (signed). Moves no cash;
/// booked once per month (a rerun finds it by <paramref name="Month"/>).</summary>
public sealed record ProvisionBooked(
    Guid EntryId,
    string Month,
    LocalDate ValueDate,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Total,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Change,
    Guid RunId,
    Actor By,
    Instant At);
