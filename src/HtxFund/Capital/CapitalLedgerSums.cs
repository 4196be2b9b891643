using Marten;

namespace HtxFund.Capital;

/// <summary>
/// A fund's <see cref="FundCapitalLedger"/> read from its lines (<see cref="CapitalLedgerEntry"/>): the database sums the
/// lines per value date, kind and (for other capital) source kind, and <see cref="CapitalDay.With"/> says which figures
/// each sum moves. The capital stream's balances and bookings come line by line, in the stream's order: a retained
/// result is a balance (its date takes the last one recorded), a provision month is booked by its first line. Read fresh
/// whenever a decision or a report needs it (one query, from the lines' index alone); nothing stores it.
/// </summary>
public static class CapitalLedgerSums
{
    private const string Retained = nameof(CapitalEntryKind.RetainedResult);
    private const string Provision = nameof(CapitalEntryKind.ProvisionChange);

    /// <summary>A group of lines summed (<c>Version</c> null), or one retained result or provision line of the
    /// capital stream at its <c>Version</c>, with its <c>EntryId</c> and provision <c>Month</c> (no member is called Id: Marten would take the row for a document).</summary>
    private sealed record Row(int Day, CapitalEntryKind Kind, OtherCapitalSourceKind? OtherKind, long Amount, long Principal, long Interest,
        long? Version, Guid? EntryId, string? Month);

    /// <summary>The ledger of the session's fund from every line, or, with <paramref name="upToSequence"/>, from the lines
    /// whose event has a global sequence at most that number (a report's cut: <see cref="Reports.CapitalAdequacy.EventCut"/>).</summary>
    public static async Task<FundCapitalLedger> ReadAsync(IQuerySession session, long? upToSequence, CancellationToken ct)
    {
        var (lines, events) = Tables(session);
        var cut = upToSequence is null ? "" : $"""
             and not exists (select 1 from {events} e
                where e.tenant_id = l.tenant_id and e.stream_id = l.stream_id and e.version = l.stream_version and e.seq_id > ?)
            """;
        // one group per value day, kind and source kind, except the capital stream's balances and bookings: one group each
        var sql = $"""
            select json_build_object('day', l.value_day, 'kind', l.kind, 'otherKind', l.other_kind,
                'amount', sum(l.amount), 'principal', sum(l.principal_repaid), 'interest', sum(l.interest_received),
                'version', b.version, 'entryId', min(l.id::text) filter (where b.version is not null), 'month', min(l.provision_month)) as data
            from {lines} l
            cross join lateral (select case when l.kind in ('{Retained}', '{Provision}') then l.stream_version end as version) b
            where l.tenant_id = ?{cut}
            group by l.value_day, l.kind, l.other_kind, b.version
            """;
        object[] parameters = upToSequence is { } s ? [session.TenantId, s] : [session.TenantId];
        var rows = await session.AdvancedSql.QueryAsync<Row>(sql, ct, parameters);

        var ledger = new FundCapitalLedger();
        foreach (var row in rows.Where(r => r.Version is null).OrderBy(r => r.Day))
            ledger = ledger.Change(CapitalLedgerEntry.DateOf(row.Day), d => d.With(row.Kind, row.OtherKind, row.Amount, row.Principal, row.Interest));
        foreach (var row in rows.Where(r => r.Version is not null).OrderBy(r => r.Version))
        {
            ledger = ledger.Change(CapitalLedgerEntry.DateOf(row.Day), d => d.With(row.Kind, null, row.Amount, 0, 0));
            if (row.Kind == CapitalEntryKind.ProvisionChange) ledger = ledger.WithProvisionMonth(row.Month!, row.EntryId!.Value);
        }
        return ledger;
    }

    /// <summary>The qualified names of the lines' table and of the events' table.</summary>
    internal static (string Lines, string Events) Tables(IQuerySession session)
    {
        var schema = ((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName;
        return ($"{schema}.mt_doc_capitalledgerentry", $"{schema}.mt_events");
    }
}
