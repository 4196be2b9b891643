using System.Text;
using Npgsql;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

/// <summary>What the event store holds after a failure, read with plain SQL (independent of the app), compared with
/// what the load was told.</summary>
public sealed record StoreAudit(
    int Sent, int AcknowledgedFirst, int AcknowledgedOnRetry, int Refused, int UnansweredFirst, int UnansweredFoundStored,
    int Stored, int Duplicates, int Lost, int RefusedButStored, int Strangers, int DoubleAcknowledged,
    int BrokenStreams, int ProjectionMismatches, int CapitalMismatches)
{
    /// <summary>Marten tombstones: sequence numbers of appends that failed (rolled back), marked so projections do not wait.</summary>
    public long FailedAppendTombstones { get; init; }
    /// <summary>Requests whose answer was lost and whose retry found them booked already (409 duplicate reference):
    /// stored without a 2xx, so <c>stored = acknowledged + this</c>.</summary>
    public int SettledAsAlreadyStored { get; init; }

    /// <summary>The streams counted in <see cref="BrokenStreams"/>: id, type, mt_streams version, events, max version.</summary>
    public IReadOnlyList<string> BrokenStreamDetails { get; init; } = [];

    public bool Clean => Duplicates == 0 && Lost == 0 && RefusedButStored == 0 && Strangers == 0 && DoubleAcknowledged == 0
                         && BrokenStreams == 0 && ProjectionMismatches == 0 && CapitalMismatches == 0
                         && Stored == AcknowledgedFirst + AcknowledgedOnRetry + SettledAsAlreadyStored;

    public override string ToString() =>
        $"sent={Sent} acknowledged={AcknowledgedFirst + AcknowledgedOnRetry} (first answer {AcknowledgedFirst}, on retry {AcknowledgedOnRetry}) " +
        $"refused={Refused} unanswered={UnansweredFirst} (of which already stored {UnansweredFoundStored}) stored={Stored} (acknowledged + {SettledAsAlreadyStored} lost answers settled by 409 duplicate_reference) " +
        $"duplicates={Duplicates} lost={Lost} refused_but_stored={RefusedButStored} strangers={Strangers} " +
        $"double_acknowledged={DoubleAcknowledged} broken_streams={BrokenStreams} projection_mismatches={ProjectionMismatches} " +
        $"capital_mismatches={CapitalMismatches} failed_append_tombstones={FailedAppendTombstones}" + (BrokenStreamDetails.Count > 0 ? $" broken: {string.Join("; ", BrokenStreamDetails)}" : "");

    /// <summary>Repayment events per bank reference (upper case, as the fund's uniqueness key).</summary>
    public static async Task<Dictionary<string, List<(Guid Loan, long Amount)>>> StoredRepaymentsAsync(string connectionString)
    {
        var stored = new Dictionary<string, List<(Guid, long)>>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT upper(data->>'bankReference'), stream_id, (data->>'amount')::bigint FROM htxfund.mt_events WHERE type = 'loan_repayment_recorded'", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(0);
            if (!stored.TryGetValue(key, out var list)) stored[key] = list = [];
            list.Add((reader.GetGuid(1), reader.GetInt64(2)));
        }
        return stored;
    }

    /// <summary>How many requests without a decided answer are already in the store (before they are retried).</summary>
    public static async Task<int> UnansweredStoredAsync(string connectionString, IEnumerable<SentRepayment> sent)
    {
        var stored = await StoredRepaymentsAsync(connectionString);
        return sent.Count(s => s.Unresolved && s.Kind == RepaymentKind.Good && stored.ContainsKey(s.Reference.ToUpperInvariant()));
    }

    public static async Task<StoreAudit> RunAsync(string connectionString, IReadOnlyCollection<SentRepayment> sent, int unansweredFoundStored)
    {
        var stored = await StoredRepaymentsAsync(connectionString);
        var groups = sent.GroupBy(s => s.Reference.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.ToList());
        int duplicates = 0, lost = 0, refusedButStored = 0, doubleAck = 0;
        foreach (var (reference, requests) in groups)
        {
            var events = stored.GetValueOrDefault(reference) ?? [];
            duplicates += Math.Max(0, events.Count - 1);
            var acknowledged = requests.Where(r => r.Acknowledged).ToList();
            if (acknowledged.Count > 1) doubleAck++;
            if (acknowledged.Count >= 1)
            {
                var ack = acknowledged[0];
                if (!events.Any(e => e.Loan == ack.LoanId && e.Amount == ack.Amount)) lost++;
            }
            else if (events.Count > 0)
            {
                // Stored without a 2xx: allowed only for a request whose answer was lost (connection cut or 503 during
                // its commit) and whose retry found its own booking (409 duplicate reference).
                var explained = requests.Any(r => r.FirstAnswer is not { Status: >= 200 and < 500 }
                                                  && r.Answers.Any(a => a.Code == "repayment.duplicate_reference")
                                                  && events.Any(e => e.Loan == r.LoanId && e.Amount == r.Amount));
                if (!explained) refusedButStored++;
            }
        }
        var strangers = stored.Keys.Count(k => !groups.ContainsKey(k));

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // Every stream's versions are 1..n without a gap or a repeat, and mt_streams agrees with its events.
        var brokenStreamDetails = new List<string>();
        await using (var details = new NpgsqlCommand("""
              SELECT s.id::text || ' ' || coalesce(s.type, '?') || ' stream_version=' || s.version || ' events=' || count(e.seq_id)
                     || ' versions=' || coalesce(string_agg(e.version::text, ',' ORDER BY e.version), '') FROM htxfund.mt_streams s
              LEFT JOIN htxfund.mt_events e ON e.stream_id = s.id AND e.tenant_id = s.tenant_id
              -- Marten's own stream of tombstones: placeholders for the sequence numbers of appends that failed
              WHERE NOT EXISTS (SELECT 1 FROM htxfund.mt_events t WHERE t.stream_id = s.id AND t.type = 'tombstone')
              GROUP BY s.id, s.tenant_id, s.version, s.type
              HAVING count(e.seq_id) <> s.version OR coalesce(max(e.version), 0) <> s.version
                  OR count(DISTINCT e.version) <> count(e.seq_id) OR coalesce(min(e.version), 1) <> 1
              LIMIT 5
            """, conn))
        await using (var reader = await details.ExecuteReaderAsync())
            while (await reader.ReadAsync()) brokenStreamDetails.Add(reader.GetString(0));
        var brokenStreams = await ScalarAsync(conn, """
            SELECT count(*) FROM (
              SELECT s.id FROM htxfund.mt_streams s
              LEFT JOIN htxfund.mt_events e ON e.stream_id = s.id AND e.tenant_id = s.tenant_id
              -- Marten's own stream of tombstones: placeholders for the sequence numbers of appends that failed
              WHERE NOT EXISTS (SELECT 1 FROM htxfund.mt_events t WHERE t.stream_id = s.id AND t.type = 'tombstone')
              GROUP BY s.id, s.tenant_id, s.version
              HAVING count(e.seq_id) <> s.version OR coalesce(max(e.version), 0) <> s.version
                  OR count(DISTINCT e.version) <> count(e.seq_id) OR coalesce(min(e.version), 1) <> 1) broken
            """);
        // The inline read model of every loan agrees with its events: version, number of repayments, principal repaid.
        var projectionMismatches = await ScalarAsync(conn, """
            SELECT count(*) FROM htxfund.mt_doc_loandetails d
            JOIN htxfund.mt_streams s ON s.id = d.id AND s.tenant_id = d.tenant_id
            WHERE (d.data->>'version')::bigint <> s.version
               OR jsonb_array_length(coalesce(d.data->'repayments', '[]'::jsonb)) <> (
                    SELECT count(*) FROM htxfund.mt_events e WHERE e.stream_id = d.id AND e.tenant_id = d.tenant_id AND e.type = 'loan_repayment_recorded')
            """);
        // Each repayment has its line on the fund's capital ledger (the line's id is the event's capitalEntryId) and its
        // booked bank reference, and nothing more.
        var capitalMismatches = await ScalarAsync(conn, """
            SELECT abs((SELECT count(*) FROM htxfund.mt_events WHERE type = 'loan_repayment_recorded')
                     - (SELECT count(*) FROM htxfund.mt_doc_bookedbankreference))
                 + (SELECT count(*) FROM htxfund.mt_events r WHERE r.type = 'loan_repayment_recorded' AND NOT EXISTS (
                      SELECT 1 FROM htxfund.mt_doc_capitalledgerentry c
                      WHERE c.id = (r.data->>'capitalEntryId')::uuid AND c.tenant_id = r.tenant_id))
                 + (SELECT count(*) FROM htxfund.mt_events r WHERE r.type = 'loan_repayment_recorded' AND NOT EXISTS (
                      SELECT 1 FROM htxfund.mt_doc_bookedbankreference b
                      WHERE (b.data->>'repaymentId')::uuid = (r.data->>'repaymentId')::uuid AND b.tenant_id = r.tenant_id))
            """);

        return new StoreAudit(
            Sent: sent.Count,
            AcknowledgedFirst: sent.Count(s => s.FirstAnswer is { Status: >= 200 and < 300 }),
            AcknowledgedOnRetry: sent.Count(s => s.Acknowledged && s.FirstAnswer is not { Status: >= 200 and < 300 }),
            Refused: sent.Count(s => s.FirstAnswer is { Status: >= 400 and < 500 }),
            UnansweredFirst: sent.Count(s => s.FirstAnswer is not { Status: >= 200 and < 500 }),
            UnansweredFoundStored: unansweredFoundStored,
            Stored: stored.Values.Sum(v => v.Count),
            Duplicates: duplicates, Lost: lost, RefusedButStored: refusedButStored, Strangers: strangers, DoubleAcknowledged: doubleAck,
            BrokenStreams: (int)brokenStreams, ProjectionMismatches: (int)projectionMismatches, CapitalMismatches: (int)capitalMismatches)
        {
            BrokenStreamDetails = brokenStreamDetails,
            SettledAsAlreadyStored = sent.Count(r => !r.Acknowledged && r.FirstAnswer is not { Status: >= 200 and < 500 }
                                                     && r.Answers.Any(a => a.Code == "repayment.duplicate_reference")
                                                     && stored.GetValueOrDefault(r.Reference.ToUpperInvariant()) is { } e && e.Any(x => x.Loan == r.LoanId && x.Amount == r.Amount)),
            FailedAppendTombstones = await ScalarAsync(conn, "SELECT count(*) FROM htxfund.mt_events WHERE type = 'tombstone'"),
        };
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
