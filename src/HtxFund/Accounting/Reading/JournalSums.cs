using HtxFund.Capital;
using HtxFund.Lending.Accounting;
using Marten;
using NodaTime;

namespace HtxFund.Accounting.Reading;

/// <summary>The journal's sums as the database adds them up (one query over <see cref="JournalLine"/>'s columns): each
/// account's movements over a span of posting dates, optionally for one accounting object. The one place that reads
/// balances from the journal; the trial balance, the ledgers and the reconciliation use it.</summary>
public static class JournalSums
{
    private sealed record Row(string Account, long OpeningDebit, long OpeningCredit, long PeriodDebit, long PeriodCredit);

    /// <summary>Each account's movements from <paramref name="from"/> to <paramref name="to"/> (posting dates, inclusive),
    /// with its balance brought forward from every line posted before <paramref name="from"/>; only lines of
    /// <paramref name="objectId"/> when given.</summary>
    public static async Task<IReadOnlyList<AccountMovement>> MovementsAsync(IQuerySession session, LocalDate from, LocalDate to,
        CancellationToken ct, Guid? objectId = null)
    {
        var table = $"{((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName}.mt_doc_journalline";
        var sql = $"""
            select json_build_object('account', account,
                'openingDebit', coalesce(sum((data ->> 'debit')::bigint) filter (where posting_day < ?), 0),
                'openingCredit', coalesce(sum((data ->> 'credit')::bigint) filter (where posting_day < ?), 0),
                'periodDebit', coalesce(sum((data ->> 'debit')::bigint) filter (where posting_day >= ?), 0),
                'periodCredit', coalesce(sum((data ->> 'credit')::bigint) filter (where posting_day >= ?), 0)) as data
            from {table}
            where tenant_id = ? and posting_day <= ?{(objectId is null ? "" : " and object_id = ?")}
            group by account
            """;
        var f = CapitalLedgerEntry.DayOf(from);
        var t = CapitalLedgerEntry.DayOf(to);
        object[] parameters = objectId is { } o ? [f, f, f, f, session.TenantId, t, o] : [f, f, f, f, session.TenantId, t];
        var rows = await session.AdvancedSql.QueryAsync<Row>(sql, ct, parameters);
        return rows.Select(r => new AccountMovement(r.Account, r.OpeningDebit, r.OpeningCredit, r.PeriodDebit, r.PeriodCredit)).ToList();
    }

    /// <summary>The trial balance of the posting dates <paramref name="from"/>..<paramref name="to"/> by <paramref name="chart"/>.</summary>
    public static async Task<TrialBalance> TrialBalanceAsync(IQuerySession session, ChartOfAccounts chart, LocalDate from, LocalDate to,
        CancellationToken ct, Guid? objectId = null) =>
        TrialBalance.Of(chart, await MovementsAsync(session, from, to, ct, objectId));
}
