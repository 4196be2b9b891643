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
/// many loans the fund has: the loans' read models are streamed from one query (never listed whole), and each batch's
/// <see cref="Loan"/> aggregates are folded from one events query with Marten's own aggregator for <see cref="Loan"/>
/// (the same Create/Apply methods as <c>AggregateStreamAsync</c>; no second copy of any rule).
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
                ContractedAmount = l.ContractedAmount, ClosedOn = l.ClosedOn, Tranches = l.Tranches,
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

    /// <summary>The <see cref="Loan"/> aggregates of <paramref name="ids"/>, folded from one query over their events
    /// (only the events with sequence ≤ <paramref name="upTo"/> when given: the loans as they were at that point of the log;
    /// a stream with no event by then is left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, Loan>> FoldAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct,
        long? upTo = null)
    {
        var loans = new Dictionary<Guid, Loan>(ids.Count);
        if (ids.Count == 0) return loans;
        var keys = ids.ToArray();
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(keys));
        if (upTo is { } last) query = query.Where(e => e.Sequence <= last);
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<Loan>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var list = stream.ToList();
            if (await aggregator.BuildAsync(list, session, default, ct) is { } loan) loans[stream.Key] = loan;
        }
        return loans;
    }

    // ---- The loan book from the loans' inline snapshots (LoanSnapshot), falling back to the events where a snapshot is not exact. ----

    private static (string Snapshots, string Streams, string Events) Tables(IQuerySession session)
    {
        var options = (StoreOptions)session.DocumentStore.Options;
        var events = options.Events.DatabaseSchemaName;
        return ($"{options.DatabaseSchemaName}.mt_doc_loansnapshot", $"{events}.mt_streams", $"{events}.mt_events");
    }

    /// <summary>A snapshot is current when it reflects its stream's last event: its version is the stream's.</summary>
    private static string Current(string snapshots, string streams) =>
        $"join {streams} t on t.tenant_id = s.tenant_id and t.id = s.id and t.version = s.mt_version";

    /// <summary>The loans of the session's fund (approved or later) in the database's id order, <paramref name="batchSize"/>
    /// ids at a time, after <paramref name="after"/> when given; with <paramref name="activeAt"/>, only the loans active at the end
    /// of that date (<see cref="LoanSnapshot.ActiveAt"/>). Ids come from the snapshots' columns (no document is read); loans
    /// whose snapshot is missing or not current (streams written before snapshots existed) are folded from their events once,
    /// up front, and merged in id order. The session's connection is used between batches only.</summary>
    public static async IAsyncEnumerable<Guid[]> IdBatchesAsync(IQuerySession session, int batchSize, LocalDate? activeAt, Guid? after,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var others = await WithoutCurrentSnapshotAsync(session, activeAt, after, ct);
        var (snapshots, streams, _) = Tables(session);
        var filter = activeAt is { } d
            ? $" and s.stage in ('Contracted', 'Closed') and s.first_disbursed_day <= {LoanSnapshot.DayNumber(d)} and (s.closed_day is null or s.closed_day > {LoanSnapshot.DayNumber(d)})"
            : " and s.stage <> 'Application'";
        async Task<IReadOnlyList<Guid>> Page(Guid? from) => await session.AdvancedSql.QueryAsync<Guid>(
            $"select s.id from {snapshots} s {Current(snapshots, streams)} where s.tenant_id = ?{filter}"
            + (from is null ? "" : " and s.id > ?") + " order by s.id limit " + batchSize, ct,
            from is { } f ? [session.TenantId, f] : [session.TenantId]);

        var page = await Page(after);
        int p = 0, o = 0;
        var batch = new List<Guid>(batchSize);
        while (true)
        {
            if (p == page.Count && page.Count == batchSize) { page = await Page(page[^1]); p = 0; }
            var fromPage = p < page.Count;
            var fromOthers = o < others.Count;
            if (!fromPage && !fromOthers) break;
            batch.Add(fromOthers && (!fromPage || ClassificationRuns.CompareAsDatabase(others[o].Id, page[p]) < 0) ? others[o++].Id : page[p++]);
            if (batch.Count < batchSize) continue;
            yield return batch.ToArray();
            batch.Clear();
        }
        if (batch.Count > 0) yield return batch.ToArray();
    }

    /// <summary>How many loans of the session's fund are active at the end of <paramref name="activeAt"/>
    /// (<see cref="LoanSnapshot.ActiveAt"/>): counted from the snapshots' columns, plus the loans without a current snapshot folded.</summary>
    public static async Task<int> CountActiveAsync(IQuerySession session, LocalDate activeAt, CancellationToken ct)
    {
        var (snapshots, streams, _) = Tables(session);
        var day = LoanSnapshot.DayNumber(activeAt);
        var counted = await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {snapshots} s {Current(snapshots, streams)} where s.tenant_id = ? and s.stage in ('Contracted', 'Closed') "
            + $"and s.first_disbursed_day <= {day} and (s.closed_day is null or s.closed_day > {day})", ct, session.TenantId);
        return (int)counted[0] + (await WithoutCurrentSnapshotAsync(session, activeAt, null, ct)).Count;
    }

    /// <summary>The loans (approved or later; active at <paramref name="activeAt"/> when given) whose snapshot is missing or
    /// not current, in id order, with their borrower: folded from their events to decide. Normally none.</summary>
    private static async Task<IReadOnlyList<BookKey>> WithoutCurrentSnapshotAsync(IQuerySession session, LocalDate? activeAt, Guid? after,
        CancellationToken ct)
    {
        var (snapshots, streams, _) = Tables(session);
        var details = $"{((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName}.mt_doc_loandetails";
        var ids = await session.AdvancedSql.QueryAsync<Guid>(
            $"select d.id from {details} d where d.tenant_id = ? and not exists (select 1 from {snapshots} s {Current(snapshots, streams)} "
            + "where s.tenant_id = d.tenant_id and s.id = d.id) order by d.id", ct, session.TenantId);
        var list = new List<BookKey>();
        foreach (var chunk in ids.Where(id => after is not { } a || ClassificationRuns.CompareAsDatabase(id, a) > 0).Chunk(DefaultBatchSize))
        {
            var folded = await FoldSnapshotsAsync(session, chunk, null, ct);
            foreach (var id in chunk)
                if (folded.TryGetValue(id, out var l) && (activeAt is { } d ? l.ActiveAt(d) : l.Stage != LoanStage.Application))
                    list.Add(new BookKey(l.CooperativeId, l.MemberId ?? Guid.Empty, id));
        }
        return list;
    }

    /// <summary>A loan's place in the borrower order: cooperative, member (the empty id for the cooperative itself, which
    /// sorts first) and loan id, each compared as PostgreSQL orders uuids.</summary>
    private readonly record struct BookKey(Guid Cooperative, Guid Member, Guid Id)
    {
        public static int Compare(BookKey a, BookKey b)
        {
            var c = ClassificationRuns.CompareAsDatabase(a.Cooperative, b.Cooperative);
            if (c != 0) return c;
            c = ClassificationRuns.CompareAsDatabase(a.Member, b.Member);
            return c != 0 ? c : ClassificationRuns.CompareAsDatabase(a.Id, b.Id);
        }
    }

    /// <summary>The loans of the session's fund (approved or later, as <see cref="IdBatchesAsync"/>) borrower by borrower: ordered
    /// by cooperative, then member (the cooperative's own loans first), then id, so each cooperative's loans and each
    /// borrower's loans come together. The ids are streamed from one query on <paramref name="listing"/> (the snapshots'
    /// columns only); loans without a current snapshot are merged in.</summary>
    public static async IAsyncEnumerable<Guid[]> BorrowerOrderedIdBatchesAsync(IQuerySession listing, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var others = (await WithoutCurrentSnapshotAsync(listing, null, null, ct)).Order(Comparer<BookKey>.Create(BookKey.Compare)).ToArray();
        var (snapshots, streams, _) = Tables(listing);
        // one text column per loan (Marten's multi-column mapping does not read uuids): cooperative, member, id
        var rows = listing.AdvancedSql.StreamAsync<string>(
            $"select s.cooperative_id::text || ' ' || coalesce(s.member_id, '{Guid.Empty}'::uuid)::text || ' ' || s.id::text from {snapshots} s "
            + $"{Current(snapshots, streams)} where s.tenant_id = ? and s.stage <> 'Application' "
            + $"order by s.cooperative_id, coalesce(s.member_id, '{Guid.Empty}'::uuid), s.id", ct, listing.TenantId);
        var o = 0;
        var batch = new List<Guid>(batchSize);
        await foreach (var row in rows)
        {
            var cooperative = Guid.Parse(row.AsSpan(0, 36));
            var member = Guid.Parse(row.AsSpan(37, 36));
            var id = Guid.Parse(row.AsSpan(74, 36));
            var key = new BookKey(cooperative, member, id);
            while (o < others.Length && BookKey.Compare(others[o], key) < 0) Add(others[o++].Id);
            Add(id);
            if (batch.Count < batchSize) continue;
            yield return batch.ToArray();
            batch.Clear();
        }
        while (o < others.Length)
        {
            Add(others[o++].Id);
            if (batch.Count < batchSize) continue;
            yield return batch.ToArray();
            batch.Clear();
        }
        if (batch.Count > 0) yield return batch.ToArray();

        void Add(Guid loan) => batch.Add(loan);
    }

    /// <summary>The loans <paramref name="ids"/> as they are now, or as they were when the log ended at <paramref name="upTo"/>:
    /// each from its inline snapshot when that reflects exactly the events a fold would read (the snapshot is current and,
    /// with a cut, no event of its stream is past the cut; checked in the same statement that reads it), otherwise folded
    /// from its events (with sequence ≤ the cut) with Marten's aggregator. A stream with no event by then is left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, LoanSnapshot>> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid> ids,
        long? upTo, CancellationToken ct)
    {
        var loans = new Dictionary<Guid, LoanSnapshot>(ids.Count);
        if (ids.Count == 0) return loans;
        var (snapshots, streams, events) = Tables(session);
        var keys = ids.ToArray();
        var sql = $"select s.data from {snapshots} s {Current(snapshots, streams)} where s.tenant_id = ? and s.id = any(?)";
        if (upTo is { } cut)
            sql += $" and not exists (select 1 from {events} e where e.tenant_id = s.tenant_id and e.stream_id = s.id and e.seq_id > {cut})";
        foreach (var snapshot in await session.QueryAsync<LoanSnapshot>(sql, ct, session.TenantId, keys)) loans[snapshot.Id] = snapshot;
        if (loans.Count == keys.Length) return loans;
        var rest = keys.Where(id => !loans.ContainsKey(id)).ToArray();
        foreach (var (id, loan) in await FoldSnapshotsAsync(session, rest, upTo, ct)) loans[id] = loan;
        return loans;
    }

    /// <summary>Folds <see cref="LoanSnapshot"/> (Loan's own Create/Apply methods) from the events of <paramref name="ids"/>, one query.</summary>
    private static async Task<IReadOnlyDictionary<Guid, LoanSnapshot>> FoldSnapshotsAsync(IQuerySession session, Guid[] ids, long? upTo,
        CancellationToken ct)
    {
        var loans = new Dictionary<Guid, LoanSnapshot>(ids.Length);
        if (ids.Length == 0) return loans;
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids));
        if (upTo is { } last) query = query.Where(e => e.Sequence <= last);
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<LoanSnapshot>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
            if (await aggregator.BuildAsync(stream.ToList(), session, default, ct) is { } loan) loans[stream.Key] = loan;
        return loans;
    }

    /// <summary>The loans of <see cref="IdBatchesAsync"/> (or, <paramref name="byBorrower"/>, of <see cref="BorrowerOrderedIdBatchesAsync"/>) loaded a batch at a time (<see cref="LoadAsync"/>), the next batch read
    /// from the database while the caller works on the current one (at most two batches in memory). Opens its own query
    /// session on <paramref name="store"/> for the tenant of <paramref name="tenant"/>.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<LoanSnapshot>> PrefetchedAsync(IDocumentStore store, string tenant, int batchSize,
        LocalDate? activeAt, Guid? after, long? upTo, [EnumeratorCancellation] CancellationToken ct, bool byBorrower = false)
    {
        var channel = Channel.CreateBounded<IReadOnlyList<LoanSnapshot>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var session = store.QuerySession(tenant);
                await using var listing = store.QuerySession(tenant);
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
