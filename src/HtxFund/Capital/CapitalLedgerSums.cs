using Marten;

namespace HtxFund.Capital;

/// <summary>
/// A fund's <see cref="FundCapitalLedger"/> read from its lines (<see cref="CapitalLedgerEntry"/>): the database sums the
/// lines per value date, kind and (for other capital) source kind, and <see cref="CapitalDay.With"/> says which figures
/// each sum moves. A retained result is a balance, not a sum: its day takes the last one recorded (capital-stream order).
/// A provision month is booked by its first line. Read fresh whenever a decision or a report needs it; nothing stores it.
/// </summary>
public static class CapitalLedgerSums
{
    /// <summary>One group of lines: a value day, a kind (and source kind), their sums, and for retained results the last
    /// record, for provisions the month and the entry that booked it first.</summary>
    private sealed record Sums(int Day, CapitalEntryKind Kind, OtherCapitalSourceKind? OtherKind, long Amount, long Principal, long Interest,
        long? Last, string? Month, Guid? First, long? FirstVersion);

    /// <summary>The ledger of the session's fund from every line, or, with <paramref name="upToSequence"/>, from the lines
    /// whose event has a global sequence at most that number (a report's cut: <see cref="Reports.CapitalAdequacy.EventCut"/>).</summary>
    public static async Task<FundCapitalLedger> ReadAsync(IQuerySession session, long? upToSequence, CancellationToken ct)
    {
        var (lines, events) = Tables(session);
        const string retained = nameof(CapitalEntryKind.RetainedResult);
        const string provision = nameof(CapitalEntryKind.ProvisionChange);
        var sql = $"""
            select json_build_object(
                'day', l.value_day, 'kind', l.kind, 'otherKind', l.other_kind,
                'amount', sum(l.amount), 'principal', sum(l.principal_repaid), 'interest', sum(l.interest_received),
                'last', (array_agg(l.amount order by l.stream_version desc) filter (where l.kind = '{retained}'))[1],
                'month', m.month,
                'first', (array_agg(l.id order by l.stream_version) filter (where l.kind = '{provision}'))[1],
                'firstVersion', min(l.stream_version) filter (where l.kind = '{provision}')) as data
            from {lines} l
            cross join lateral (select case when l.kind = '{provision}' then l.data -> 'entry' ->> 'reference' end as month) m
            where l.tenant_id = ?{(upToSequence is null ? "" : $"""
                 and not exists (select 1 from {events} e
                    where e.tenant_id = l.tenant_id and e.stream_id = l.stream_id and e.version = l.stream_version and e.seq_id > ?)
                """)}
            group by l.value_day, l.kind, l.other_kind, m.month
            order by l.value_day
            """;
        var rows = await session.AdvancedSql.QueryAsync<Sums>(sql, ct,
            upToSequence is { } cut ? [session.TenantId, cut] : [session.TenantId]);

        var ledger = new FundCapitalLedger();
        foreach (var row in rows)
        {
            var amount = row.Kind == CapitalEntryKind.RetainedResult ? row.Last!.Value : row.Amount;
            ledger = ledger.Change(CapitalLedgerEntry.DateOf(row.Day), d => d.With(row.Kind, row.OtherKind, amount, row.Principal, row.Interest));
        }
        foreach (var month in rows.Where(r => r.Month is not null).GroupBy(r => r.Month!))
            ledger = ledger.WithProvisionMonth(month.Key, month.MinBy(r => r.FirstVersion)!.First!.Value);
        return ledger;
    }

    /// <summary>The qualified names of the lines' table and of the events' table.</summary>
    internal static (string Lines, string Events) Tables(IQuerySession session)
    {
        var schema = ((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName;
        return ($"{schema}.mt_doc_capitalledgerentry", $"{schema}.mt_events");
    }
}
