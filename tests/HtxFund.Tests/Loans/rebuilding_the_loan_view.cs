using HtxFund.Loans.GettingDetails;
using HtxFund.Seeding;
using Marten;
using Npgsql;
using NodaTime;

namespace HtxFund.Tests.Loans;

/// <summary>The loan view rebuilt by Marten's daemon from the events (the path measured in docs/benchmarks.md,
/// "Projection rebuild") equals the view the commands kept inline, document for document, byte for byte.</summary>
public sealed class rebuilding_the_loan_view(AppFixture fixture) : IntegrationContext(fixture)
{
    // Loans in every state the projection handles: approved, contracted, disbursed, repaid, closed, restructured.
    private static readonly PortfolioOptions Small = new(Funds: 2, Cooperatives: 4, Loans: 12, Months: 24, Until: new LocalDate(2026, 11, 20),
        RandomSeed: 11, RestructuredShare: 0.3);

    public override async Task InitializeAsync()
    {
        Clock.Reset(AppFixture.Start);
        await ResetDataAsync();
    }

    private async Task<List<string>> Views()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT tenant_id, id::text, mt_version, data::text FROM htxfund.mt_doc_loandetails ORDER BY tenant_id, id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)} {reader.GetString(3)}");
        return rows;
    }

    [Fact]
    public async Task the_rebuilt_loan_views_equal_the_views_kept_by_the_commands()
    {
        await new PortfolioSeeder(Store).SeedAsync(Small, SeedPath.Commands, batchSize: 4);
        var inline = await Views();
        inline.Count.ShouldBe(12);
        inline.ShouldContain(v => v.Contains("\"repayment_recorded\""));
        inline.ShouldContain(v => v.Contains("\"restructuring_approved\""));
        inline.ShouldContain(v => v.Contains("\"closed\""));

        using var daemon = await Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<LoanDetailsProjection>(CancellationToken.None);

        (await Views()).ShouldBe(inline);
    }
}
