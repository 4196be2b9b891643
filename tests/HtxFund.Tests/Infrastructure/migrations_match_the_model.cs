using HtxFund.Infrastructure.Database;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Infrastructure;

public sealed class migrations_match_the_model(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_database_built_only_from_the_committed_migrations_has_nothing_left_to_change()
    {
        // The fixture's database was created by Migrations.ApplyPendingAsync alone and the app may not alter schema,
        // so any difference here is a model change that no committed migration contains: run ops/new-migration.
        var difference = await SchemaModel.DifferenceAsync(Host, Fixture.ConnectionString);
        difference.ShouldBeEmpty("The model has changes no committed migration contains. Run `ops/new-migration <name>` and commit the file.");
    }

    [Fact]
    public async Task the_documents_rewritten_with_every_repayment_are_compressed_with_lz4()
    {
        // 0014 (loan view) and 0019 (loan snapshot): storage settings the Marten model does not describe
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT attrelid::regclass::text, attcompression::text FROM pg_attribute WHERE attname = 'data' AND attrelid IN "
            + "('htxfund.mt_doc_loandetails'::regclass, 'htxfund.mt_doc_loan'::regclass) ORDER BY 1", conn);
        var columns = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync()) while (await reader.ReadAsync()) columns.Add($"{reader.GetString(0)}:{reader.GetString(1)}");
        columns.ShouldBe(["htxfund.mt_doc_loan:l", "htxfund.mt_doc_loandetails:l"]);
    }

    [Fact]
    public async Task hangfire_is_at_the_schema_version_its_package_ships()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        (await SchemaModel.HangfireVersionAsync(conn, CancellationToken.None)).ShouldBe(SchemaModel.LatestHangfireVersion);
    }

    [Fact]
    public async Task applying_migrations_again_does_nothing_and_every_script_is_recorded_once()
    {
        (await Migrations.ApplyPendingAsync(Fixture.ConnectionString)).ShouldBeEmpty();
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM htxfund_migrations.applied ORDER BY id", conn);
        var ids = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync()) while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        ids.ShouldBe(Migrations.All.Select(m => m.Id).ToList());
    }

    [Fact]
    public async Task two_nodes_migrating_a_fresh_database_at_once_apply_each_script_exactly_once()
    {
        var fresh = await TestDatabase.CreateAsync("race");
        try
        {
            var results = await Task.WhenAll(Migrations.ApplyPendingAsync(fresh), Migrations.ApplyPendingAsync(fresh));
            results.Sum(r => r.Count).ShouldBe(Migrations.All.Count);
        }
        finally
        {
            await TestDatabase.DropAsync(fresh);
        }
    }

    [Fact]
    public async Task a_migration_edited_after_it_was_applied_is_detected()
    {
        var fresh = await TestDatabase.CreateAsync("edit");
        try
        {
            await Migrations.ApplyPendingAsync(fresh);
            await using (var conn = new NpgsqlConnection(fresh))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("UPDATE htxfund_migrations.applied SET sha256 = 'different'", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var error = await Should.ThrowAsync<InvalidOperationException>(() => Migrations.ApplyPendingAsync(fresh));
            error.Message.ShouldContain("was changed after it was applied");
        }
        finally
        {
            await TestDatabase.DropAsync(fresh);
        }
    }
}
