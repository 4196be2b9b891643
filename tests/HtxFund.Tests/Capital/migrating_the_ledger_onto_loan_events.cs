using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Reports.Archive;
using HtxFund.Seeding;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using NodaTime;

namespace HtxFund.Tests.Capital;

/// <summary>
/// The migration that moved the ledger's loan lines from the capital stream's mirror events onto the loans' own events
/// (migrations/00xx_capital_ledger_lines_from_loan_events.sql). A database of the old shape is built from a history
/// recorded now: every disbursement, repayment and reversal is given the mirror event the earlier builds appended to the
/// capital stream, the ledger's lines are put back in their old shape (one per capital-stream event, without the new
/// columns) and the old ledger snapshot is put back. Before: the figures the old build computed, its ledger folded from
/// the capital stream with the mirrors; after: what the migrated database answers.
/// </summary>
public sealed class migrating_the_ledger_onto_loan_events(AppFixture fixture) : LoanContext(fixture)
{
    private const string Seeded = "seed01";
    private static readonly string[] Dates = ["2026-01-15", "2026-06-30", "2026-10-31", "2026-11-22", "2026-11-30", "2026-12-03"];

    // ------------------------------------------------------------------------------------------------ histories

    /// <summary>Fund A: every kind of line. Loans disbursed on 22/11, other capital received and repaid, a retained result,
    /// a withdrawal, repayments into December (one reversed) and the November classification's provision.</summary>
    private async Task RecordFundHistory()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var first = await SignedLoan(300_000_000, "M1/2026/HĐTD");
        var second = await SignedLoan(200_000_000, "M2/2026/HĐTD", await AnotherCooperative());
        await Disbursed(first, 300_000_000);
        await Disbursed(second, 150_000_000);
        await Ok(Post("/api/capital/other-sources", new
        {
            kind = "Borrowing", amount = 500_000_000, source = "Ngân hàng Phát triển", decisionNumber = "5/QĐ-QHTX", decisionDate = Today, valueDate = Today,
        }, chief));
        await Ok(Post("/api/capital/other-sources/repayments", new
        {
            kind = "Borrowing", amount = 100_000_000, source = "Ngân hàng Phát triển", decisionNumber = "6/QĐ-QHTX", decisionDate = Today,
            valueDate = Today, reason = "Trả nợ vay đến hạn",
        }, chief));
        await Ok(Post("/api/capital/retained-results", new { surplusOrLoss = 250_000_000, asOf = "2026-10-31", reference = "BCTC quý III/2026" }, chief));
        await WithdrawCapital(1_000_000_000);

        AdvanceTo(new LocalDate(2026, 12, 3));
        await Repaid(first, 10_000_000, "2026-12-01");
        var wrong = await Repaid(first, 5_000_000, "2026-12-02");
        await Repaid(second, 7_000_000, "2026-12-03");
        await Ok(Post($"/api/loans/{first}/repayments/{wrong.RepaymentId}/reversal", new { reason = "Ghi nhầm khoản vay" },
            await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]))));
        await Ok(Post("/api/classification-runs", new { month = "2026-11" }, await TokenFor(Roles.ChiefAccountant)));
        await Ok(Put("/api/annual-plans/2026", Plan(), await TokenFor(Roles.ChiefAccountant)));
    }

    private static object Plan() => new
    {
        outstandingPrincipalTarget = 400_000_000, nplRatioPercentMax = 2m, financialResultTarget = 1_000_000, compliance = (string?)null,
        approvalReference = "Quyết định 12/QĐ-UBND ngày 15/03/2026", note = (string?)null, expectedVersion = 0,
    };

    private Task<Alba.IScenarioResult> Put<T>(string url, T body, string token) where T : class => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    /// <summary>A portfolio of the seeder (bulk path) in its own fund, with a chief accountant to read it, and its plan.</summary>
    private async Task<string> SeedPortfolio()
    {
        await new PortfolioSeeder(Store).SeedAsync(new PortfolioOptions(Funds: 1, Cooperatives: 5, Loans: 16, Months: 12,
            Until: new LocalDate(2026, 11, 20), RandomSeed: 31), SeedPath.Bulk);
        var token = await TokenForUser(await CreateStaffUser($"{Seeded}.chiefaccountant", [Roles.ChiefAccountant], Seeded));
        await Ok(Put("/api/annual-plans/2026", Plan(), token));
        return token;
    }

    // ------------------------------------------------------------------------------------------------ the old shape

    private static readonly Guid CapitalStream = FundCapital.StreamId;

    /// <summary>The capital stream's mirror of each loan event, as earlier builds appended it (DisbursementRules and
    /// RepaymentRules of those builds): the contract number and the amounts of the loan's event; a reversal's, its repayment's.</summary>
    private async Task ToPreMigrationShape(string tenant)
    {
        await using (var session = Store.LightweightSession(tenant))
        {
            var loanEvents = await session.Events.QueryAllRawEvents()
                .Where(e => e.EventTypesAre(typeof(TrancheDisbursed), typeof(LoanRepaymentRecorded), typeof(LoanRepaymentReversed)))
                .OrderBy(e => e.Sequence).ToListAsync();
            var contracts = (await session.Query<LoanDetails>().Select(x => new { x.Id, x.ContractNumber }).ToListAsync())
                .ToDictionary(x => x.Id, x => x.ContractNumber ?? "");
            var repayments = new Dictionary<Guid, LoanRepaymentRecorded>();
            var mirrors = new List<object>();
            foreach (var e in loanEvents)
                mirrors.Add(e.Data switch
                {
                    TrancheDisbursed d => new LoanTranchePaidOut(d.CapitalEntryId, d.LoanId, d.TrancheId, Money.Of(d.Amount), d.ValueDate,
                        contracts[d.LoanId], $"Giải ngân hợp đồng {contracts[d.LoanId]}", d.By, d.At),
                    LoanRepaymentRecorded r => new LoanRepaymentReceived((repayments[r.RepaymentId] = r).CapitalEntryId, r.LoanId, r.RepaymentId,
                        Money.Of(r.Amount), r.Allocation.Principal, r.Allocation.Interest, r.Allocation.RefundableExcess,
                        r.ValueDate, contracts[r.LoanId], r.BankReference, r.By, r.At),
                    LoanRepaymentReversed v => new LoanRepaymentReceiptReversed(v.CapitalEntryId, v.LoanId, v.RepaymentId,
                        Money.Of(repayments[v.RepaymentId].Amount), repayments[v.RepaymentId].Allocation.Principal,
                        repayments[v.RepaymentId].Allocation.Interest, repayments[v.RepaymentId].ValueDate, contracts[v.LoanId],
                        v.Reason, v.By, v.At),
                    _ => throw new InvalidOperationException(e.EventTypeName),
                });
            mirrors.Count.ShouldBeGreaterThan(0);
            var state = await session.Events.FetchStreamStateAsync(CapitalStream);
            session.Events.Append(CapitalStream, state!.Version + mirrors.Count, mirrors.ToArray());
            await session.SaveChangesAsync();
        }
        await Sql("""
            DELETE FROM htxfund.mt_doc_capitalledgerentry WHERE tenant_id = @t;
            INSERT INTO htxfund.mt_doc_capitalledgerentry (tenant_id, id, data, mt_dotnet_type, value_day)
            SELECT e.tenant_id, (e.data ->> 'entryId')::uuid,
                jsonb_build_object('id', e.data ->> 'entryId', 'sequence', e.version, 'entry', e.data), 'HtxFund.Capital.CapitalLedgerEntry',
                coalesce(e.data ->> 'valueDate', e.data ->> 'asOf')::date - DATE '0001-01-01'
            FROM htxfund.mt_events e WHERE e.tenant_id = @t AND e.stream_id = @c;
            CREATE TABLE IF NOT EXISTS htxfund.mt_doc_fundcapitalledger (tenant_id varchar NOT NULL, id uuid NOT NULL, data jsonb NOT NULL,
                PRIMARY KEY (tenant_id, id));
            INSERT INTO htxfund.mt_doc_fundcapitalledger (tenant_id, id, data) VALUES (@t, @c, '{"days": []}') ON CONFLICT DO NOTHING;
            INSERT INTO htxfund.mt_event_progression (name, last_seq_id) VALUES ('FundCapitalLedger:All', 0) ON CONFLICT DO NOTHING;
            """, tenant);
    }

    /// <summary>Runs <paramref name="sql"/> (parameters @t: the tenant, @c: the capital stream) and answers its first value, or
    /// with <paramref name="rows"/> the number of rows it changed.</summary>
    private async Task<long> Sql(string sql, string? tenant = null, bool rows = false)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (tenant is not null) cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("c", CapitalStream);
        return rows ? await cmd.ExecuteNonQueryAsync() : Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>The data part of migration 00xx_capital_ledger_lines_from_loan_events (the schema part is applied: this
    /// test's database has the new columns, and the old-shape lines leave them empty, as that part leaves old lines), in
    /// one transaction as ops/migrate applies it.</summary>
    private async Task Migrate()
    {
        var script = Migrations.All.Single(m => m.Id.EndsWith("_capital_ledger_lines_from_loan_events", StringComparison.Ordinal)).Sql;
        var sql = script[script.IndexOf("-- ---- Written by hand", StringComparison.Ordinal)..];
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand(sql, conn, tx)) await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>How the old build read the capital stream: each event's line by its mapping of then (the mirror events
    /// included), folded in the stream's order.</summary>
    private static CapitalEntry? OldLine(object e) => e switch
    {
        LoanTranchePaidOut p => new(p.EntryId, CapitalEntryKind.LoanDisbursement, p.ValueDate, -p.Amount, p.ContractNumber, p.Reference, null, null,
            p.By, p.At, p.LoanId),
        LoanRepaymentReceived r => new(r.EntryId, CapitalEntryKind.LoanRepayment, r.ValueDate, r.Amount, r.ContractNumber, r.Reference, null, null,
            r.By, r.At, r.LoanId, r.Principal, r.Interest),
        LoanRepaymentReceiptReversed r => new(r.EntryId, CapitalEntryKind.LoanRepaymentReversal, r.ValueDate, -r.Amount, r.ContractNumber, r.Reason,
            null, r.Reason, r.By, r.At, r.LoanId, -r.Principal, -r.Interest),
        _ => CapitalEntries.Of(e),
    };

    private async Task<FundCapitalLedger> OldBuildsLedger(string tenant)
    {
        await using var session = Store.LightweightSession(tenant);
        var events = await session.Events.FetchStreamAsync(CapitalStream);
        return FundCapitalLedger.Of(events.Select(e => OldLine(e.Data)).OfType<CapitalEntry>());
    }

    private async Task<FundCapitalLedger> Ledger(string tenant)
    {
        await using var session = Store.QuerySession(tenant);
        return await FundCapital.LedgerAsync(session, default);
    }

    /// <summary>Every figure of both ledgers, on every date from the day before the first line to the day after the last.</summary>
    private static void ShouldBeTheSameOnEveryDate(FundCapitalLedger actual, FundCapitalLedger expected, string because)
    {
        actual.ProvisionMonths.ShouldBe(expected.ProvisionMonths, because);
        var first = expected.Days[0].Date.PlusDays(-1);
        var last = expected.Days[^1].Date.PlusDays(1);
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            string Figures(FundCapitalLedger l) => string.Join(" ", l.FiguresAsOf(d), l.CashAsOf(d), l.ProvisionsBookedAsOf(d), l.OtherCapitalAsOf(d),
                string.Join(",", Enum.GetValues<OtherCapitalSourceKind>().Select(k => l.OtherCapitalAsOf(d, k))), l.DisbursedAsOf(d),
                l.PrincipalRepaidAsOf(d), l.InterestReceivedAsOf(d), l.OutstandingPrincipalAsOf(d), l.LowestCashFrom(d), l.LowestCharterCapitalFrom(d),
                l.LowestOtherCapitalFrom(d));
            Figures(actual).ShouldBe(Figures(expected), $"{because}, on {d:yyyy-MM-dd}");
        }
    }

    // ------------------------------------------------------------------------------------------------ what people read

    /// <summary>JSON without the event sequence the answer was computed at (the old shape's mirror events were appended
    /// after the history, so "now" is a later sequence; the figures must not change).</summary>
    private static string Normalised(string json)
    {
        var node = JsonNode.Parse(json)!;
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("highestSequence");
                foreach (var (_, child) in o.ToArray()) Strip(child);
            }
            else if (n is JsonArray a) foreach (var child in a) Strip(child);
        }
        Strip(node);
        return node.ToJsonString();
    }

    private async Task<string> Read(string url, string token)
    {
        var result = await Get(url, token);
        var text = await result.ReadAsTextAsync();
        result.Context.Response.StatusCode.ShouldBe(200, $"{url}: {text}");
        return Normalised(text);
    }

    /// <summary>The capital page of the finance portal as the fund's chief accountant sees it (antiforgery tokens and form keys left out).</summary>
    private async Task<string> CapitalPage(string userName)
    {
        var login = await Login(userName, Password, useCookies: true);
        login.Context.Response.StatusCode.ShouldBe(200, await login.ReadAsTextAsync());
        var cookie = login.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        var page = await Host.Scenario(s => { s.WithRequestHeader("Cookie", cookie); s.Get.Url("/tai-chinh/von"); });
        var html = Regex.Replace(await page.ReadAsTextAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"", "");
        return Regex.Replace(html, "name=\"__IdempotencyKey\" value=\"[^\"]*\"", "");
    }

    /// <summary>Everything the fund's staff read that comes from the ledger: the capital position with every line at
    /// several dates, the capital page, the capital-adequacy report at those dates, the lending activity report of
    /// 2026-H1, the fund rating of 2026 and (fund A) the November classification run.</summary>
    private async Task<Dictionary<string, string>> Readings(string tenant, string token, string userName)
    {
        var readings = new Dictionary<string, string>();
        foreach (var date in Dates)
        {
            readings[$"position {date}"] = await Read($"/api/capital?asOf={date}&ledgerLines=1000", token);
            readings[$"capital adequacy {date}"] = await Read($"/api/reports/capital-adequacy?asOf={date}", token);
        }
        readings["capital page"] = await CapitalPage(userName);
        readings["activity 2026-H1"] = await Read("/api/activity-reports/2026-H1", token);
        readings["rating 2026"] = await Read("/api/fund-rating/2026", token);
        if (tenant == FundA) readings["classification 2026-11"] = await Read("/api/classification-runs/2026-11", token);
        return readings;
    }

    /// <summary>The same line documents (tenant and id → JSON and columns), the differences named when not.</summary>
    private static void ShouldHoldTheSameLines(Dictionary<string, string> actual, Dictionary<string, string> expected, string because)
    {
        var differences = expected.Keys.Union(actual.Keys).Where(k => actual.GetValueOrDefault(k) != expected.GetValueOrDefault(k))
            .Select(k => $"{k}:\n  expected {expected.GetValueOrDefault(k) ?? "(none)"}\n  actual   {actual.GetValueOrDefault(k) ?? "(none)"}").ToArray();
        differences.ShouldBeEmpty(because);
    }

    private async Task<Dictionary<string, string>> LineDocuments()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT tenant_id, id::text, data::text, mt_dotnet_type, value_day, stream_id::text, stream_version, kind, other_kind, amount, "
            + "principal_repaid, interest_received, provision_month FROM htxfund.mt_doc_capitalledgerentry", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new Dictionary<string, string>();
        while (await reader.ReadAsync())
            lines[$"{reader.GetString(0)} {reader.GetString(1)}"] = string.Join(" | ",
                Enumerable.Range(2, reader.FieldCount - 2).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString()));
        return lines;
    }

    // ------------------------------------------------------------------------------------------------ tests

    [Fact]
    public async Task a_database_with_the_capital_streams_mirror_events_reads_the_same_figures_and_lines_after_the_migration()
    {
        await RecordFundHistory();
        var seededToken = await SeedPortfolio();
        var chief = await TokenFor(Roles.ChiefAccountant);
        var central = await TokenFor(Roles.ChiefAccountant, CentralFund);

        // the seeder writes the new shape: its capital stream holds the contribution only, each loan event has its line
        (await Sql("SELECT count(*) FROM htxfund.mt_events WHERE tenant_id = @t AND stream_id = @c", Seeded)).ShouldBe(1);
        (await Sql("SELECT count(*) FROM htxfund.mt_doc_capitalledgerentry WHERE tenant_id = @t", Seeded)).ShouldBe(1 + await Sql(
            "SELECT count(*) FROM htxfund.mt_events WHERE tenant_id = @t AND type IN ('tranche_disbursed', 'loan_repayment_recorded')", Seeded));

        var linesBefore = await LineDocuments();
        var fundBefore = await Readings(FundA, chief, UserName(FundA, Roles.ChiefAccountant));
        var seededBefore = await Readings(Seeded, seededToken, $"{Seeded}.chiefaccountant");
        var consolidatedBefore = await Read("/api/reports/capital-adequacy/consolidated?asOf=2026-11-30", central);
        var ledgers = new Dictionary<string, FundCapitalLedger> { [FundA] = await Ledger(FundA), [Seeded] = await Ledger(Seeded) };
        var archived = await Post("/api/reports/capital-adequacy", new { asOf = "2026-11-30" }, chief);
        archived.Context.Response.StatusCode.ShouldBe(201, await archived.ReadAsTextAsync());
        var report = (await archived.Read<ReportDetails>()).Report;

        // the database as the old build left it, and the figures the old build computed from it
        foreach (var tenant in new[] { FundA, Seeded })
        {
            await ToPreMigrationShape(tenant);
            ShouldBeTheSameOnEveryDate(await OldBuildsLedger(tenant), ledgers[tenant], $"{tenant}: the old build's ledger and the loan events' lines");
        }
        (await Sql("SELECT count(*) FROM htxfund.mt_doc_capitalledgerentry WHERE tenant_id IN ('daklak', 'seed01') AND kind IS NOT NULL"))
            .ShouldBe(0, "every line of the old shape");

        await Migrate();

        ShouldHoldTheSameLines(await LineDocuments(), linesBefore, "the lines the migration writes are those the projection writes");
        foreach (var tenant in new[] { FundA, Seeded })
            ShouldBeTheSameOnEveryDate(await Ledger(tenant), await OldBuildsLedger(tenant), $"{tenant}: after the migration, the old build's figures");
        (await Readings(FundA, chief, UserName(FundA, Roles.ChiefAccountant))).ShouldBe(fundBefore);
        (await Readings(Seeded, seededToken, $"{Seeded}.chiefaccountant")).ShouldBe(seededBefore);
        (await Read("/api/reports/capital-adequacy/consolidated?asOf=2026-11-30", central)).ShouldBe(consolidatedBefore);
        (await Read($"/api/reports/capital-adequacy?asOf=2026-11-30&sequence={report.HighestSequence}", chief))
            .ShouldBe(await Read($"/api/reports/{report.Id}/files/json", chief), "the archived report computed again at its sequence");
        (await Sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'htxfund' AND tablename = 'mt_doc_fundcapitalledger'")).ShouldBe(0);
        (await Sql("SELECT count(*) FROM htxfund.mt_event_progression WHERE name LIKE 'FundCapitalLedger:%'")).ShouldBe(0);

        // and the migrated ledger goes on: a repayment books its line from its loan event
        var loan = (await Lines(FundA)).First(l => l.Kind == CapitalEntryKind.LoanDisbursement).Entry.LoanId!.Value;
        var receipt = await Repaid(loan, 1_000_000, "2026-12-03");
        (await Lines(FundA)).ShouldContain(l => l.Id == receipt.CapitalEntryId && l.Amount == 1_000_000);
    }

    private async Task<List<CapitalLedgerEntry>> Lines(string tenant)
    {
        await using var session = Store.QuerySession(tenant);
        return [.. await session.Query<CapitalLedgerEntry>().ToListAsync()];
    }

    [Theory]
    [InlineData("amount", "UPDATE htxfund.mt_events SET data = jsonb_set(data, '{amount}', to_jsonb((data ->> 'amount')::bigint + 1)) "
        + "WHERE seq_id = (SELECT min(seq_id) FROM htxfund.mt_events WHERE tenant_id = @t AND type = 'loan_repayment_received')")]
    [InlineData("principal", "UPDATE htxfund.mt_events SET data = jsonb_set(data, '{principal}', to_jsonb((data ->> 'principal')::bigint - 1)) "
        + "WHERE seq_id = (SELECT min(seq_id) FROM htxfund.mt_events WHERE tenant_id = @t AND type = 'loan_repayment_receipt_reversed')")]
    [InlineData("value date", "UPDATE htxfund.mt_events SET data = jsonb_set(data, '{valueDate}', '\"2026-11-23\"') "
        + "WHERE seq_id = (SELECT min(seq_id) FROM htxfund.mt_events WHERE tenant_id = @t AND type = 'loan_tranche_paid_out')")]
    [InlineData("missing mirror", "DELETE FROM htxfund.mt_events "
        + "WHERE seq_id = (SELECT max(seq_id) FROM htxfund.mt_events WHERE tenant_id = @t AND type = 'loan_tranche_paid_out')")]
    [InlineData("mirror of no loan event", "UPDATE htxfund.mt_events SET data = jsonb_set(data, '{entryId}', to_jsonb(gen_random_uuid()::text)) "
        + "WHERE seq_id = (SELECT max(seq_id) FROM htxfund.mt_events WHERE tenant_id = @t AND type = 'loan_repayment_received')")]
    public async Task a_database_whose_mirror_events_disagree_with_the_loans_events_is_not_migrated(string difference, string tamper)
    {
        var first = await SignedLoan(300_000_000, "T1/2026/HĐTD");
        await Disbursed(first, 300_000_000);
        await Disbursed(await SignedLoan(200_000_000, "T2/2026/HĐTD", await AnotherCooperative()), 200_000_000);
        await Repaid(first, 10_000_000, Today);
        var wrong = await Repaid(first, 5_000_000, Today);
        await Ok(Post($"/api/loans/{first}/repayments/{wrong.RepaymentId}/reversal", new { reason = "Ghi nhầm khoản vay" },
            await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]))));
        await ToPreMigrationShape(FundA);
        (await Sql(tamper, FundA, rows: true)).ShouldBe(1, difference);
        var before = await LineDocuments();

        var refused = await Should.ThrowAsync<PostgresException>(Migrate());

        refused.MessageText.ShouldContain("differ between the capital stream's mirror events and the loans' events", Case.Sensitive, difference);
        (await LineDocuments()).ShouldBe(before, "nothing was migrated");
        (await Sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'htxfund' AND tablename = 'mt_doc_fundcapitalledger'")).ShouldBe(1);
    }
}
