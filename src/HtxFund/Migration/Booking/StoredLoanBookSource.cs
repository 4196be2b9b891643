using HtxFund.Files;
using HtxFund.Migration.Reading;
using Marten;

namespace HtxFund.Migration.Booking;

/// <summary>
/// The booking's source in the app: the import's stored workbook read again by the reader of the dry run, with the fund's
/// facts as they are now. Null (the confirmation is refused) when the file is gone, its hash is not the import's, or it no
/// longer passes the reader's checks (e.g. a contract number booked meanwhile by another import).
/// </summary>
public sealed class StoredLoanBookSource(LoanBookLimits limits) : ILoanBookSource
{
    public async Task<LoanBookFile?> ReadAsync(LoanBookImport import, IQuerySession session, CancellationToken ct)
    {
        if (await FileStore.LoadAsync(session, import.FileId, ct) is not { } stored) return null;
        var facts = await LoanBookFundFacts.LoadAsync(session, ct);
        var reading = LoanBookReader.Read(stored.Content, facts, limits);
        return reading.File is { } file && reading.Refusals.Count == 0 && file.Sha256 == import.Sha256 ? file : null;
    }
}
