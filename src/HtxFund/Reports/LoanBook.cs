using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Servicing;
using HtxFund.Classification;
using JasperFx.Events;
using Marten;
using NodaTime;

namespace HtxFund.Reports;

/// <summary>
/// Reads the fund's whole loan book in batches, so reports and the monthly classification keep memory flat however
/// many loans the fund has: the loans are selected in SQL on the columns their inline snapshots (<see cref="Loan"/>)
/// duplicate, and read a batch at a time from those documents; a report at a point of the log folds only the loans that
/// changed since, with Marten's own aggregator for <see cref="Loan"/> (the same Create/Apply methods; no second copy of
/// any rule).
/// </summary>
public static class LoanBook
{
    public const int DefaultBatchSize = 500;

    /// <summary>Every loan (approved, contracted or closed; never a bare application) of the session's fund, in the
    /// database's id order, <paramref name="batchSize"/> at a time, read slim: id, borrower, stage, contract number,
    /// approval and contract dates and amounts, closure date and tranches (no history, repayments or schedule). The session's connection is busy while the
    /// stream is read: query anything else with another session.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<LoanDetails>> BatchesAsync(IQuerySession session, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<LoanDetails>(batchSize);
        // only what batch readers use (stage, borrower, tranches, closure, commitments), not the loan's history
        var query = session.Query<LoanDetails>().Where(l => l.Stage != LoanStage.Application).OrderBy(l => l.Id)
            .Select(l => new LoanDetails
            {
                Id = l.Id, CooperativeId = l.CooperativeId, MemberId = l.MemberId, Stage = l.Stage, ContractNumber = l.ContractNumber,
                ApprovedOn = l.ApprovedOn, ApprovedAmount = l.ApprovedAmount, ContractSignedOn = l.ContractSignedOn,
                ContractedAmount = l.ContractedAmount, ClosedOn = l.ClosedOn, Tranches = l.Tranches, OpeningBalance = l.OpeningBalance,
            });
        await foreach (var loan in query.ToAsyncEnumerable(ct))
        {
            batch.Add(loan);
            if (batch.Count < batchSize) continue;
            yield return batch;
            batch = new List<LoanDetails>(batchSize);
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>The <see cref="Loan"/> aggregates of <paramref name="ids"/> as they were when the log ended at
    /// <paramref name="upTo"/>, folded from one query over their events with sequence ≤ it, with Marten's own aggregator
    /// for <see cref="Loan"/> (the same Create/Apply methods that keep the snapshot); a stream with no event by then is
    /// left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Loan>> FoldAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, long upTo,
        CancellationToken ct)
    {
        var loans = new Dictionary<Guid, Loan>(ids.Count);
        if (ids.Count == 0) return loans;
        var keys = ids.ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(keys) && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<Loan>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
            if (await aggregator.BuildAsync(stream.ToList(), session, default, ct) is { } loan) loans[stream.Key] = loan;
        return loans;
    }

    // ---- The loan book from the loans' inline snapshots (the Loan documents) and the columns duplicated from them. ----

    private static (string Loans, string Details, string Events) Tables(IQuerySession session)
    {
        var options = (StoreOptions)session.DocumentStore.Options;
        return ($"{options.DatabaseSchemaName}.mt_doc_loan", $"{options.DatabaseSchemaName}.mt_doc_loandetails",
            $"{options.Events.DatabaseSchemaName}.mt_events");
    }

    /// <summary>
    /// Refuses to read an incomplete loan book: a loan of the session's fund (its view says approved or later) whose
    /// snapshot document is missing would silently drop out of a report or a classification run. The snapshot is written
    /// with every event, so this only happens when the document was lost or the database was restored without it;
    /// <c>ops/rebuild-loans</c> writes it again from the events.
    /// </summary>
    public static async Task EnsureCompleteAsync(IQuerySession session, CancellationToken ct)
    {
        var (loans, details, _) = Tables(session);
        var missing = await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {details} d where d.tenant_id = ? and d.data ->> 'stage' <> 'Application' "
            + $"and not exists (select 1 from {loans} s where s.tenant_id = d.tenant_id and s.id = d.id)", ct, session.TenantId);
        if (missing[0] > 0)
            throw new InvalidOperationException(
                $"{missing[0]} loan(s) of fund {session.TenantId} have no snapshot document: run ops/rebuild-loans before reading the loan book.");
    }

    /// <summary>The loans of the session's fund (approved or later) in the database's id order, <paramref name="batchSize"/>
    /// ids at a time, after <paramref name="after"/> when given; with <paramref name="activeAt"/>, only the loans active at the end
    /// of that date (<see cref="LoanActivity.ActiveAtSql"/>). Ids come from the snapshots' columns, no document is read. The
    /// session's connection is used between batches only.</summary>
    public static async IAsyncEnumerable<Guid[]> IdBatchesAsync(IQuerySession session, int batchSize, LocalDate? activeAt, Guid? after,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var (loans, _, _) = Tables(session);
        var filter = activeAt is { } d ? " and " + LoanActivity.ActiveAtSql("s", d) : " and s.stage <> 'Application'";
        Guid? from = after;
        while (true)
        {
            var page = await session.AdvancedSql.QueryAsync<Guid>(
                $"select s.id from {loans} s where s.tenant_id = ?{filter}" + (from is null ? "" : " and s.id > ?") + " order by s.id limit " + batchSize,
                ct, from is { } f ? [session.TenantId, f] : [session.TenantId]);
            if (page.Count > 0) yield return page.ToArray();
            if (page.Count < batchSize) yield break;
            from = page[^1];
        }
    }

    /// <summary>How many loans of the session's fund are active at the end of <paramref name="activeAt"/>
    /// (<see cref="LoanActivity.ActiveAtSql"/>), counted from the snapshots' columns.</summary>
    public static async Task<int> CountActiveAsync(IQuerySession session, LocalDate activeAt, CancellationToken ct)
    {
        var (loans, _, _) = Tables(session);
        var counted = await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {loans} s where s.tenant_id = ? and {LoanActivity.ActiveAtSql("s", activeAt)}", ct, session.TenantId);
        return (int)counted[0];
    }

    /// <summary>The loans of the session's fund (approved or later, as <see cref="IdBatchesAsync"/>) borrower by borrower: ordered
    /// by cooperative, then member (the cooperative's own loans first), then id, so each cooperative's loans and each
    /// borrower's loans come together. The ids are streamed from one query on <paramref name="listing"/> (the snapshots'
    /// columns only).</summary>
    public static async IAsyncEnumerable<Guid[]> BorrowerOrderedIdBatchesAsync(IQuerySession listing, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var (loans, _, _) = Tables(listing);
        var rows = listing.AdvancedSql.StreamAsync<Guid>(
            $"select s.id from {loans} s where s.tenant_id = ? and s.stage <> 'Application' "
            + $"order by s.cooperative_id, coalesce(s.member_id, '{Guid.Empty}'::uuid), s.id", ct, listing.TenantId);
        var batch = new List<Guid>(batchSize);
        await foreach (var id in rows)
        {
            batch.Add(id);
            if (batch.Count < batchSize) continue;
            yield return batch.ToArray();
            batch.Clear();
        }
        if (batch.Count > 0) yield return batch.ToArray();
    }

    /// <summary>The loans <paramref name="ids"/> as they are now (their snapshot documents), or as they were when the log
    /// ended at <paramref name="upTo"/>: from the snapshot when no event of its stream is past the cut (checked in the
    /// statement that reads it), otherwise folded from its events up to the cut (<see cref="FoldAsync"/>). A stream with no
    /// event by then is left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Loan>> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid> ids,
        long? upTo, CancellationToken ct)
    {
        var loans = new Dictionary<Guid, Loan>(ids.Count);
        if (ids.Count == 0) return loans;
        var (table, _, events) = Tables(session);
        var keys = ids.ToArray();
        var sql = $"select s.data from {table} s where s.tenant_id = ? and s.id = any(?)";
        if (upTo is { } cut)
            sql += $" and not exists (select 1 from {events} e where e.tenant_id = s.tenant_id and e.stream_id = s.id and e.seq_id > {cut})";
        foreach (var loan in await session.QueryAsync<Loan>(sql, ct, session.TenantId, keys)) loans[loan.Id] = loan;
        if (upTo is not { } at || loans.Count == keys.Length) return loans;
        foreach (var (id, loan) in await FoldAsync(session, keys.Where(id => !loans.ContainsKey(id)).ToArray(), at, ct)) loans[id] = loan;
        return loans;
    }

    /// <summary>The loans of <see cref="IdBatchesAsync"/> (or, <paramref name="byBorrower"/>, of <see cref="BorrowerOrderedIdBatchesAsync"/>) loaded a batch at a time (<see cref="LoadAsync"/>), the next batch read
    /// from the database while the caller works on the current one (at most two batches in memory). Opens its own query
    /// session on <paramref name="store"/> for the tenant of <paramref name="tenant"/>.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<Loan>> PrefetchedAsync(IDocumentStore store, string tenant, int batchSize,
        LocalDate? activeAt, Guid? after, long? upTo, [EnumeratorCancellation] CancellationToken ct, bool byBorrower = false)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<Loan>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var session = store.QuerySession(tenant);
                await using var listing = store.QuerySession(tenant);
                await EnsureCompleteAsync(session, stop.Token);
                var batches = byBorrower ? BorrowerOrderedIdBatchesAsync(listing, batchSize, stop.Token)
                    : IdBatchesAsync(session, batchSize, activeAt, after, stop.Token);
                await foreach (var ids in batches)
                {
                    var loaded = await LoadAsync(session, ids, upTo, stop.Token);
                    await channel.Writer.WriteAsync(ids.Where(loaded.ContainsKey).Select(id => loaded[id]).ToArray(), stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception e) { channel.Writer.Complete(e); }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct)) yield return batch;
        }
        finally
        {
            await stop.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
        }
    }
}
