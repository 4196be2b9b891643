using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Seeding;
using Marten;
using Npgsql;
using NodaTime;

namespace HtxFund.Tests.Seeding;

public sealed class seeding_a_portfolio(AppFixture fixture) : IntegrationContext(fixture)
{
    // Half the loans restructured, so that the comparison covers restructurings and the repayments on their new plans.
    private static readonly PortfolioOptions Small = new(Funds: 2, Cooperatives: 4, Loans: 10, Months: 12, Until: new LocalDate(2026, 11, 20), RandomSeed: 7,
        RestructuredShare: 0.5);

    public override async Task InitializeAsync()
    {
        Clock.Reset(AppFixture.Start);
        await ResetDataAsync();
    }

    /// <summary>Every event (stream, version, type, data), every stream (type, version) and every document row (type, tenant,
    /// id, data), in a stable order.</summary>
    private async Task<(List<string> Events, List<string> Documents)> Snapshot()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        var events = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT tenant_id, stream_id::text, version, type, data::text FROM htxfund.mt_events ORDER BY tenant_id, stream_id, version", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                events.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)} {reader.GetString(3)} {reader.GetString(4)}");
        await using (var cmd = new NpgsqlCommand(
            "SELECT tenant_id, id::text, type, version FROM htxfund.mt_streams ORDER BY tenant_id, id", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                events.Add($"stream {reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetInt64(3)}");

        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            // Inline read models only: the asynchronous ones (the lending totals, the journal's lines and its state, kept by
            // the daemon) depend on when the daemon ran and on event sequences and timestamps; they are derived from the events
            // compared above.
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'htxfund' AND table_name LIKE 'mt_doc_%' " +
            "AND table_name NOT IN ('mt_doc_lendingtotals', 'mt_doc_journalline', 'mt_doc_journalfundstate', 'mt_doc_journalloanstate') ORDER BY 1", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var documents = new List<string>();
        foreach (var table in tables)
        {
            var hasTenant = false;
            await using (var cmd = new NpgsqlCommand(
                $"SELECT count(*) FROM information_schema.columns WHERE table_schema = 'htxfund' AND table_name = '{table}' AND column_name = 'tenant_id'", conn))
                hasTenant = (long)(await cmd.ExecuteScalarAsync())! > 0;
            await using (var cmd = new NpgsqlCommand(
                $"SELECT {(hasTenant ? "tenant_id" : "''")}, id::text, data::text FROM htxfund.{table} ORDER BY 1, 2", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    documents.Add($"{table} {reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
        }
        return (events, documents);
    }

    private async Task<SeedReport> Seed(SeedPath path) => await new PortfolioSeeder(Store).SeedAsync(Small, path, batchSize: 3);

    [Fact]
    public async Task the_bulk_path_appends_exactly_the_events_and_read_models_of_the_command_path()
    {
        var byCommands = await Seed(SeedPath.Commands);
        var commands = await Snapshot();
        await ResetDataAsync();
        var bulk = await Seed(SeedPath.Bulk);
        var bulkSnapshot = await Snapshot();

        bulk.Events.ShouldBe(byCommands.Events);
        commands.Events.Count.ShouldBeGreaterThan(100);
        // at least one loan restructured and then repaid on its new plan
        var rows = commands.Events.Where(e => !e.StartsWith("stream ")).Select(e => e.Split(' ', 5)).ToList();
        var restructured = rows.Where(e => e[3] == "loan_restructuring_approved").Select(e => (Stream: e[1], Version: long.Parse(e[2]))).ToList();
        restructured.ShouldNotBeEmpty();
        restructured.ShouldContain(x => rows.Any(e => e[1] == x.Stream && e[3] == "loan_repayment_recorded" && long.Parse(e[2]) > x.Version));
        bulkSnapshot.Events.ShouldBe(commands.Events);
        bulkSnapshot.Documents.Count.ShouldBe(commands.Documents.Count);
        bulkSnapshot.Documents.ShouldBe(commands.Documents);
    }

    [Fact]
    public async Task a_seeded_portfolio_holds_signed_loans_of_the_sizes_of_domain_section_5_with_late_payers_defaults_and_restructurings()
    {
        var report = await new PortfolioSeeder(Store).SeedAsync(Small with { Loans = 200, Months = 24, RestructuredShare = 0.05 }, SeedPath.Bulk);
        report.Loans.ShouldBe(200);
        report.Borrowers[PayerKind.OnTime].ShouldBeGreaterThan(report.Loans / 2);
        report.Borrowers[PayerKind.Late].ShouldBeGreaterThan(0);
        report.Borrowers[PayerKind.Defaulter].ShouldBeGreaterThan(0);
        report.Restructurings.ShouldBeGreaterThan(0);

        var loans = new List<LoanDetails>();
        foreach (var tenant in new[] { "seed01", "seed02" })
        {
            await using var session = Store.QuerySession(tenant);
            loans.AddRange(await session.Query<LoanDetails>().ToListAsync());
        }
        loans.Count.ShouldBe(200);
        loans.ShouldAllBe(l => l.Stage == LoanStage.Contracted || l.Stage == LoanStage.Closed);
        loans.ShouldAllBe(l => l.ContractNumber != null);
        loans.ShouldAllBe(l => l.ContractedAmount >= 20_000_000 && l.ContractedAmount <= 5_000_000_000);
        loans.Count(l => l.Restructurings.Any(r => r.State == RestructuringState.Approved)).ShouldBe(report.Restructurings);
        loans.ShouldContain(l => l.Repayments.Any(r => r.Allocation.PenaltyInterest.IsPositive), "a late payment paid penalty interest");
    }
}
