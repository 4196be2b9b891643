using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Loans;

/// <summary>Who may see a loan, and loading it for a versioned transition (as <see cref="Applications.ApplicationAccess"/>).</summary>
public static class LoanAccess
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("loan.not_found", $"Không tìm thấy khoản vay {id}.");

    /// <summary>The loan as the user may read it: staff of the fund see all (the session is the fund's); a cooperative
    /// only its own. Applications not (yet) approved are not loans and answer 404.</summary>
    public static async Task<LoanDetails?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var details = await session.LoadAsync<LoanDetails>(id, ct);
        return details is { IsLoan: true } && user.MaySee(details.CooperativeId) ? details : null;
    }

    public sealed record Loaded(IEventStream<LoanSnapshot>? Stream, ProblemDetails? Refusal)
    {
        public Loan Loan => Stream!.Aggregate!.Loan;
    }

    /// <summary>Loads the loan stream for writing; 404 when it is not a loan the user may see, 409 with the current
    /// version when <paramref name="expectedVersion"/> is stale (or 400 when it is missing and <paramref name="versionRequired"/>).
    /// The loan comes from its inline snapshot (<see cref="LoanSnapshot"/>, kept in the same transaction as the events),
    /// so a command reads one document instead of folding the stream with its schedules; the append is checked against
    /// the stream's version as with any <c>FetchForWriting</c>.</summary>
    public static async Task<Loaded> ForWriteAsync(IDocumentSession session, Guid id, long? expectedVersion, ClaimsPrincipal user,
        CancellationToken ct, bool versionRequired = true) =>
        await ForWriteAsync(session, await session.Events.FetchForWriting<LoanSnapshot>(id, ct), id, expectedVersion, user, ct,
            versionRequired);

    /// <summary>The same for a stream fetched for writing in a batch with the command's other reads
    /// (<c>batch.Events.FetchForWriting&lt;LoanSnapshot&gt;(id)</c>): one round trip instead of one per read.</summary>
    public static async Task<Loaded> ForWriteAsync(IDocumentSession session, IEventStream<LoanSnapshot> stream, Guid id,
        long? expectedVersion, ClaimsPrincipal user, CancellationToken ct, bool versionRequired = true)
    {
        if (stream.Aggregate is null && stream.CurrentVersion > 0 && await RestoreSnapshotAsync(session, id, ct))
            stream = await session.Events.FetchForWriting<LoanSnapshot>(id, ct);
        if (stream.Aggregate?.Loan is not { Stage: not LoanStage.Application } loan || !user.MaySee(loan.CooperativeId))
            return new Loaded(null, NotFound(id));
        var stale = StreamVersions.Check(expectedVersion, stream.CurrentVersion, versionRequired, "loan", "khoản vay");
        return stale is null ? new Loaded(stream, null) : new Loaded(null, stale);
    }

    /// <summary>A loan stream without its snapshot document (lost, or written before the snapshot existed): folds the
    /// stream and stores the snapshot in its own transaction, holding the stream's row so no append slips in between the
    /// fold and the write. Returns whether the stream holds a loan to restore.</summary>
    private static async Task<bool> RestoreSnapshotAsync(IDocumentSession session, Guid id, CancellationToken ct)
    {
        await using var repair = session.DocumentStore.LightweightSession(session.TenantId);
        await repair.BeginTransactionAsync(ct);
        await repair.AdvancedSql.QueryAsync<int>(
            $"select 1 from {Infrastructure.Database.Persistence.Schema}.mt_streams where id = ? and tenant_id = ? for update", ct, id, session.TenantId);
        if (await repair.LoadAsync<LoanSnapshot>(id, ct) is not null) return true; // restored meanwhile
        var folded = await repair.Events.AggregateStreamAsync<LoanSnapshot>(id, token: ct);
        if (folded?.Loan is null) return false;
        repair.Store(folded);
        await repair.SaveChangesAsync(ct);
        return true;
    }
}
