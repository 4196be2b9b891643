using NodaTime;

namespace HtxFund.Loans.ImportingStatements;

public enum StatementLineStatus
{
    /// <summary>Matched to a loan by contract number; booked at confirmation.</summary>
    Matched,
    /// <summary>Not matched (malformed, or no loan with that contract number): listed with the reason, never booked.</summary>
    Unmatched,
    /// <summary>The bank reference is already booked in the fund, or repeats an earlier line: never booked twice.</summary>
    Duplicate,
    /// <summary>Booked as a repayment at confirmation.</summary>
    Booked,
    /// <summary>Matched but refused at confirmation by the repayment rules (e.g. the loan is closed, backdated too far).</summary>
    Refused,
}

public sealed record BankStatementLine(int LineNumber, string Raw, LocalDate? Date, long? Amount, string Reference, string ContractNumber,
    string Description, StatementLineStatus Status, string? Code, string? Reason, Guid? LoanId, Guid? RepaymentId);

/// <summary>An uploaded bank statement with its preview (every line, matched or not) and, once confirmed, what was booked.</summary>
public sealed record BankStatementImport
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public string UploadedBy { get; init; } = "";
    public Instant UploadedAt { get; init; }
    public IReadOnlyList<BankStatementLine> Lines { get; init; } = [];
    public int ConfirmationCount { get; init; }
    public Instant? LastConfirmedAt { get; init; }
    public string? LastConfirmedBy { get; init; }

    public int MatchedCount => Lines.Count(l => l.Status == StatementLineStatus.Matched);
    public int UnmatchedCount => Lines.Count(l => l.Status == StatementLineStatus.Unmatched);
    public int DuplicateCount => Lines.Count(l => l.Status == StatementLineStatus.Duplicate);
    public int BookedCount => Lines.Count(l => l.Status == StatementLineStatus.Booked);
    public long BookedAmount => Lines.Where(l => l.Status == StatementLineStatus.Booked).Sum(l => l.Amount ?? 0);
}
