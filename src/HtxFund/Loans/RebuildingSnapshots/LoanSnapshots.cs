using HtxFund.Applications;
using JasperFx.Events;
using Marten;

namespace HtxFund.Loans.RebuildingSnapshots;

/// <summary>What <see cref="LoanSnapshots.RebuildAsync"/> found and wrote: the loan streams checked, and those whose
/// snapshot document was missing or behind its stream and was written again.</summary>
public sealed record SnapshotRebuild(int StreamsChecked, IReadOnlyList<(string Tenant, Guid Id)> Rebuilt);

/// <summary>
/// Restores the inline snapshot (<see cref="Loan"/>) of loan streams that lack it: every stream whose first event is an
/// <see cref="ApplicationDrafted"/> must have a document at the version of the last event of the stream the loan folds. The snapshot is written with every
/// event, so one is only missing when a document was lost (a partial restore, a manual delete) or the stream was written
/// before the snapshot existed. Each one is folded from its events with the same Create/Apply methods and stored in a
/// transaction of its own that holds the stream's row, so no command appends in between the fold and the write; the
/// app may keep running. Commands never repair a snapshot themselves: a loan without one answers 404 until this runs
/// (<c>ops/rebuild-loans</c>).
/// </summary>
public static class LoanSnapshots
{
    /// <summary>The events the loan folds (its Create and Apply methods): a snapshot is current at the last of them in its stream.</summary>
    private static readonly Type[] FoldedEventTypes = typeof(Loan).GetMethods()
        .Where(m => m.Name is nameof(Loan.Create) or nameof(Loan.Apply) && m.GetParameters().Length == 1)
        .Select(m => m.GetParameters()[0].ParameterType).Distinct().ToArray();

    public static async Task<SnapshotRebuild> RebuildAsync(IDocumentStore store, Action<string>? log, CancellationToken ct)
    {
        var options = (StoreOptions)store.Options;
        var schema = options.Events.DatabaseSchemaName;
        var loans = $"{options.DatabaseSchemaName}.mt_doc_loan";
        IReadOnlyList<string> rows;
        int checkedCount;
        await using (var query = store.QuerySession())
        {
            var drafted = typeof(ApplicationDrafted).GetEventTypeName(options.Events.EventNamingStyle);
            var folded = string.Join(", ", FoldedEventTypes.Select(t => $"'{t.GetEventTypeName(options.Events.EventNamingStyle)}'"));
            var streams = $"from {schema}.mt_streams s where exists (select 1 from {schema}.mt_events e where e.tenant_id = s.tenant_id "
                          + $"and e.stream_id = s.id and e.version = 1 and e.type = '{drafted}')";
            checkedCount = (int)(await query.AdvancedSql.QueryAsync<long>($"select count(*) {streams}", ct))[0];
            // missing, or behind the last event of its stream that the loan folds
            rows = await query.AdvancedSql.QueryAsync<string>(
                $"select s.tenant_id || ' ' || s.id::text {streams} and not exists (select 1 from {loans} l where l.tenant_id = s.tenant_id "
                + $"and l.id = s.id and (l.data ->> 'version')::bigint = (select max(e.version) from {schema}.mt_events e "
                + $"where e.tenant_id = s.tenant_id and e.stream_id = s.id and e.type in ({folded}))) order by s.tenant_id, s.id", ct);
        }
        var rebuilt = new List<(string, Guid)>();
        foreach (var row in rows)
        {
            var tenant = row[..^37];
            var id = Guid.Parse(row[^36..]);
            if (await RebuildOneAsync(store, tenant, id, ct)) rebuilt.Add((tenant, id));
            log?.Invoke($"rebuilt the snapshot of loan {id} (fund {tenant})");
        }
        return new SnapshotRebuild(checkedCount, rebuilt);
    }

    private static async Task<bool> RebuildOneAsync(IDocumentStore store, string tenant, Guid id, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            $"select 1 from {((StoreOptions)store.Options).Events.DatabaseSchemaName}.mt_streams where id = ? and tenant_id = ? for update", ct, id, tenant);
        if (await session.Events.AggregateStreamAsync<Loan>(id, token: ct) is not { } loan) return false;
        session.Store(loan);
        await session.SaveChangesAsync(ct);
        return true;
    }
}
