using System.Collections.Concurrent;
using HtxFund.Migration;
using HtxFund.Migration.Booking;
using Marten;

namespace HtxFund.Tests.Migration.Booking.Support;

/// <summary>The test's <see cref="ILoanBookSource"/>: the parsed loan books the tests hand in, by file hash (standing in for
/// the reader reading an uploaded workbook again; any other hash is read from the stored workbook as in the app).</summary>
public sealed class LoanBookModels(HtxFund.Migration.Reading.LoanBookLimits limits) : ILoanBookSource
{
    private static readonly ConcurrentDictionary<string, LoanBookFile> Files = new();

    public static void Add(LoanBookFile file) => Files[file.Sha256] = file;

    /// <summary>The model registered for the import's hash; else the app's own source (the stored workbook read again), so
    /// the tests that upload real workbooks confirm them as the app does.</summary>
    public Task<LoanBookFile?> ReadAsync(LoanBookImport import, IQuerySession session, CancellationToken ct) =>
        Files.TryGetValue(import.Sha256, out var file)
            ? Task.FromResult<LoanBookFile?>(file)
            : new StoredLoanBookSource(limits).ReadAsync(import, session, ct);
}
