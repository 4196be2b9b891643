using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using NodaTime;

namespace HtxFund.Capital;

/// <summary>The kinds of entry on the capital ledger.</summary>
public enum CapitalEntryKind
{
    CharterCapitalContribution,
    CharterCapitalWithdrawal,
    RetainedResult,
    LoanDisbursement,
    LoanRepayment,
    LoanRepaymentReversal,
    OtherCapitalReceipt,
    OtherCapitalRepayment,
    /// <summary>The change of required loan-loss provisions booked by a monthly classification run (moves no cash).</summary>
    ProvisionChange,
    /// <summary>Provisions used against a loan's principal when it left the balance sheet (<see cref="LoanProvisionsUsed"/>;
    /// amount negative: provisions held = booked − used; moves no cash).</summary>
    ProvisionUse,
    /// <summary>A loan's principal taken off the balance sheet (<see cref="LoanProvisionsUsed"/>; amount negative: the
    /// on-balance outstanding falls; tracked off-balance; moves no cash).</summary>
    PrincipalOffBalance,
    /// <summary>Money recovered on a loan off the balance sheet (<see cref="LoanRecoveryRecorded"/>): recovery income, cash in.</summary>
    LoanRecovery,
    /// <summary>The principal outstanding of a loan taken over from the fund's earlier books at its cut-over
    /// (<see cref="Loans.Migrating.LoanOpeningBalanceRecorded"/>): lent out like a disbursement (amount negative).</summary>
    LoanOpeningBalance,
}

/// <summary>One line of the capital ledger. <see cref="Amount"/> is signed as it affects its figure: contributions and
/// repayments positive, withdrawals, disbursements and reversals negative; a retained result is the balance at its date.
/// A loan's line (<see cref="LoanId"/> set) names no contract: the contract number is the loan's, read with the line
/// (<see cref="GettingPosition.CapitalLedgerPage"/>).</summary>
public sealed record CapitalEntry(
    Guid EntryId,
    CapitalEntryKind Kind,
    LocalDate ValueDate,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string? Source,
    string Reference,
    LocalDate? DecisionDate,
    string? Reason,
    Actor By,
    Instant At,
    Guid? LoanId = null,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money PrincipalRepaid = default,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money InterestReceived = default,
    OtherCapitalSourceKind? OtherKind = null)
{
    /// <summary>Whether the entry moves the fund's cash (a retained result is a balance of the books, not cash).</summary>
    [JsonIgnore] public bool MovesCash => Kind is not (CapitalEntryKind.RetainedResult or CapitalEntryKind.ProvisionChange
        or CapitalEntryKind.ProvisionUse or CapitalEntryKind.PrincipalOffBalance);
}

/// <summary>The ledger line of each event that moves the fund's capital or cash: the capital stream's events, and the
/// loans' disbursements, repayments and reversals (the one place that maps an event to its line; a new kind of event adds
/// a case here, and <see cref="CapitalDay.With"/> says which figures its line moves).</summary>
public static class CapitalEntries
{
    /// <summary>The line of a capital-stream event, a <see cref="TrancheDisbursed"/>, a loan's opening balance or a <see cref="LoanRepaymentRecorded"/>;
    /// null for any other event (a <see cref="LoanRepaymentReversed"/> needs its repayment: <see cref="Reversal"/>).</summary>
    public static CapitalEntry? Of(object e) => e switch
    {
        CharterCapitalContributed c => new(c.EntryId, CapitalEntryKind.CharterCapitalContribution,
            c.ValueDate, c.Amount, c.Source, c.DecisionNumber, c.DecisionDate, null, c.By, c.At),
        CharterCapitalWithdrawn w => new(w.EntryId, CapitalEntryKind.CharterCapitalWithdrawal,
            w.ValueDate, -w.Amount, w.Source, w.DecisionNumber, w.DecisionDate, w.Reason, w.By, w.At),
        RetainedResultRecorded r => new(r.EntryId, CapitalEntryKind.RetainedResult,
            r.AsOf, r.SurplusOrLoss, null, r.Reference, null, null, r.By, r.At),
        OtherCapitalReceived r => new(r.EntryId, CapitalEntryKind.OtherCapitalReceipt,
            r.ValueDate, r.Amount, $"{r.Kind}: {r.Source}", r.DecisionNumber, r.DecisionDate, r.Reason, r.By, r.At, OtherKind: r.Kind),
        OtherCapitalRepaid r => new(r.EntryId, CapitalEntryKind.OtherCapitalRepayment,
            r.ValueDate, -r.Amount, $"{r.Kind}: {r.Source}", r.DecisionNumber, r.DecisionDate, r.Reason, r.By, r.At, OtherKind: r.Kind),
        ProvisionBooked b => new(b.EntryId, CapitalEntryKind.ProvisionChange,
            b.ValueDate, b.Change, null, b.Month, null, null, b.By, b.At),
        TrancheDisbursed d => new(d.CapitalEntryId, CapitalEntryKind.LoanDisbursement,
            d.ValueDate, -Money.Of(d.Amount), null, "", null, null, d.By, d.At, d.LoanId),
        Loans.Migrating.LoanOpeningBalanceRecorded o => new(o.CapitalEntryId, CapitalEntryKind.LoanOpeningBalance,
            o.CutOver, -Money.Of(o.PrincipalOutstanding), null, "", null, null, o.By, o.At, o.LoanId),
        LoanRepaymentRecorded r => new(r.CapitalEntryId, CapitalEntryKind.LoanRepayment,
            r.ValueDate, Money.Of(r.Amount), null, r.BankReference, null, null, r.By, r.At, r.LoanId,
            r.Allocation.Principal, r.Allocation.Interest),
        LoanRecoveryRecorded r => new(r.CapitalEntryId, CapitalEntryKind.LoanRecovery,
            r.ValueDate, Money.Of(r.Amount), r.Source.ToString(), r.BankReference, null, null, r.By, r.At, r.LoanId),
        _ => null,
    };

    /// <summary>The two lines of a use of provisions, neither moving cash: the provisions used (negative, on the provisions
    /// held) and the principal taken off the balance sheet (negative, on the on-balance outstanding); the rest of the
    /// principal, not covered by provisions, is the period's expense (principal off balance − provisions used).</summary>
    public static IReadOnlyList<CapitalEntry> OfProvisionUse(LoanProvisionsUsed u) =>
    [
        new(u.ProvisionEntryId, CapitalEntryKind.ProvisionUse, u.Date, -Money.Of(u.ProvisionsUsed), u.Approval.IssuingBody, u.Approval.Number,
            u.Approval.Date, null, u.By, u.At, u.LoanId),
        new(u.PrincipalEntryId, CapitalEntryKind.PrincipalOffBalance, u.Date, -Money.Of(u.PrincipalOffBalance), u.Approval.IssuingBody,
            u.Approval.Number, u.Approval.Date, null, u.By, u.At, u.LoanId),
    ];

    /// <summary>The line of a reversal: the reversed repayment's amounts taken back out, on its value date.</summary>
    public static CapitalEntry Reversal(LoanRepaymentReversed r, LoanRepaymentRecorded reversed)
    {
        if (reversed.RepaymentId != r.RepaymentId || reversed.LoanId != r.LoanId)
            throw new ArgumentException($"Repayment {reversed.RepaymentId} is not the one reversed ({r.RepaymentId}).", nameof(reversed));
        return new(r.CapitalEntryId, CapitalEntryKind.LoanRepaymentReversal, reversed.ValueDate, -Money.Of(reversed.Amount), null, r.Reason,
            null, r.Reason, r.By, r.At, r.LoanId, -reversed.Allocation.Principal, -reversed.Allocation.Interest);
    }

    /// <summary>A loan's line as people read it: the loan's contract number as its source, and a disbursement's reference
    /// saying what was paid out (the line itself, projected from the loan's event, names no contract).</summary>
    public static CapitalEntry WithContract(CapitalEntry e, string? contractNumber) => e.Kind switch
    {
        CapitalEntryKind.LoanDisbursement => e with { Source = contractNumber, Reference = $"Giải ngân hợp đồng {contractNumber}" },
        CapitalEntryKind.LoanOpeningBalance => e with { Source = contractNumber, Reference = $"Dư nợ gốc chuyển đổi hợp đồng {contractNumber}" },
        _ => e with { Source = contractNumber },
    };

    /// <summary>How an entry changes the charter capital (contributions and withdrawals; zero for the other kinds).</summary>
    public static Money CharterChange(this CapitalEntry e) => Money.Of(CapitalDay.Of(e).Charter);

    /// <summary>How an entry changes the fund's cash (zero for a retained result or a provision change).</summary>
    public static Money CashChange(this CapitalEntry e) => Money.Of(CapitalDay.Of(e).Cash);
}
