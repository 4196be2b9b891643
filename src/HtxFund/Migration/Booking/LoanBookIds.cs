using HtxFund.Reminders;

namespace HtxFund.Migration.Booking;

/// <summary>
/// The ids of what a loan book books, name-based (UUID v5) on the fund and the row's natural key: the same loan, the same
/// cooperative or the same child (tranche, repayment, collateral item) gets the same id however many times the file is
/// confirmed or uploaded again, so a stream that exists is never started twice.
/// </summary>
public static class LoanBookIds
{
    private static readonly Guid Namespace = new("5b0e9f52-7c1d-4a3e-9d0b-21a0c0de0021");

    /// <summary>A migrated loan's stream: the fund and the contract number (trimmed, upper case: how the reader compares them).</summary>
    public static Guid Loan(string fundId, string contractNumber) =>
        ReminderKeys.UuidV5(Namespace, $"{fundId}|loan|{contractNumber.Trim().ToUpperInvariant()}");

    /// <summary>A cooperative registered from the file: the fund and its tax code.</summary>
    public static Guid Cooperative(string fundId, string taxCode) => ReminderKeys.UuidV5(Namespace, $"{fundId}|cooperative|{taxCode.Trim()}");

    /// <summary>A member added from the file: its cooperative and its national ID (or its tax code for an enterprise).</summary>
    public static Guid Member(Guid cooperativeId, string key) => ReminderKeys.UuidV5(cooperativeId, $"member|{key.Trim()}");

    /// <summary>Anything else of a loan (a tranche, a repayment, a ledger line, a collateral item): the loan and what it is.</summary>
    public static Guid Of(Guid loanId, string what) => ReminderKeys.UuidV5(loanId, what);
}
