using Marten;

namespace HtxFund.Migration.Booking;

/// <summary>
/// Where the booking gets the parsed loan book of a checked import: the reader (issue 21's part A) reads the import's
/// stored file again and answers the same <see cref="LoanBookFile"/> the dry run checked. Null when the file cannot be
/// read any more (deleted, or no longer passing the reader's checks): the confirmation is then refused.
/// </summary>
public interface ILoanBookSource
{
    Task<LoanBookFile?> ReadAsync(LoanBookImport import, IQuerySession session, CancellationToken ct);
}
