using System.Collections.Concurrent;
using HtxFund.Migration;
using HtxFund.Migration.Booking;
using Marten;

namespace HtxFund.Tests.Migration.Booking.Support;

/// <summary>The test's <see cref="ILoanBookSource"/>: the parsed loan books the tests hand in, by file hash (standing in for
/// the reader reading an uploaded workbook again; a hash it does not hold reads as an unreadable file).</summary>
public sealed class LoanBookModels : ILoanBookSource
{
    private static readonly ConcurrentDictionary<string, LoanBookFile> Files = new();

    public static void Add(LoanBookFile file) => Files[file.Sha256] = file;

    public Task<LoanBookFile?> ReadAsync(LoanBookImport import, IQuerySession session, CancellationToken ct) =>
        Task.FromResult(Files.GetValueOrDefault(import.Sha256));
}
