using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Accounting;

/// <summary>Kinds of voucher (chứng từ): money in at the bank (giấy báo Có), money out (giấy báo Nợ), and a bookkeeping
/// voucher that moves no cash (phiếu kế toán).</summary>
public enum VoucherKind { BankCredit, BankDebit, Bookkeeping }

/// <summary>
/// One line of the general journal (sổ nhật ký chung): one side of one posting, written by the journal projection from the
/// event <see cref="EventId"/> (sequence <see cref="EventSequence"/>). A posting is two lines, its debit and its credit,
/// each naming the other's account as <see cref="CounterAccount"/>; so every voucher balances by construction. The id is
/// derived from the event and the line's place in its voucher, so a rebuild writes the identical journal. Dates are also
/// kept as day numbers (<see cref="DateOnly.DayNumber"/>) for the database's filters and sums.
/// </summary>
public sealed record JournalLine
{
    /// <summary>"{event id:N}-{line no:0000}".</summary>
    public required string Id { get; init; }
    public required string VoucherNumber { get; init; }
    public required VoucherKind VoucherKind { get; init; }
    /// <summary>The date the line is posted at (ngày hạch toán): the business date, or for an adjusting entry the first day of
    /// the first open month.</summary>
    public required LocalDate PostingDate { get; init; }
    public int PostingDay { get; init; }
    /// <summary>The posting date's month, yyyy-MM (the accounting period).</summary>
    public required string Month { get; init; }
    /// <summary>The date of the movement itself (ngày chứng từ: the value date of the repayment, the disbursement, ...).</summary>
    public required LocalDate BusinessDate { get; init; }
    public int BusinessDay { get; init; }
    /// <summary>Whether this is an adjusting entry: the movement's business date lay in a month already closed when it arrived.</summary>
    public bool IsAdjustment { get; init; }
    /// <summary>The line's place in its voucher (1-based; a posting's debit line is followed by its credit line).</summary>
    public int LineNo { get; init; }
    public required PostingKind Kind { get; init; }
    /// <summary>Whether the line belongs to a reversal (the reversed movement's posting with debit and credit exchanged).</summary>
    public bool IsReversal { get; init; }
    public required string Account { get; init; }
    public required string CounterAccount { get; init; }
    /// <summary>Debit amount (whole đồng; zero on a credit line).</summary>
    public long Debit { get; init; }
    /// <summary>Credit amount (whole đồng; zero on a debit line).</summary>
    public long Credit { get; init; }
    /// <summary>Vietnamese description (diễn giải).</summary>
    public required string Description { get; init; }
    /// <summary>The accounting object (đối tượng): the borrower (a cooperative, or a cooperative's member).</summary>
    public Guid? ObjectId { get; init; }
    public string? ObjectName { get; init; }
    public Guid? LoanId { get; init; }
    public string? ContractNumber { get; init; }
    public required Guid EventId { get; init; }
    public long EventSequence { get; init; }
    public required string EventType { get; init; }
    /// <summary>The version of the accounting setup the line was posted with.</summary>
    public int SetupVersion { get; init; }
}
