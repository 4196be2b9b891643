using HtxFund.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>The app's connections prepare the statements they repeat (Npgsql automatic preparation), keep custom
/// plans and compress large values with LZ4; a connection string that sets its own limit, plan cache mode or
/// compression keeps them.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class configuring_connections(AppFixture fixture)
{
    private static async Task<long> PreparedCount(NpgsqlConnection connection, string fragment)
    {
        await using var count = new NpgsqlCommand("select count(*) from pg_prepared_statements where statement like $1", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = $"%{fragment}%" });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task a_statement_the_app_sends_twice_on_a_connection_is_prepared_there()
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        const string sql = "select count(*) from htxfund.mt_doc_loandetails where tenant_id = $1 /* configuring_connections */";
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "daklak" });
            await command.ExecuteScalarAsync();
        }

        (await PreparedCount(connection, "configuring_connections */")).ShouldBe(1);
    }

    [Fact]
    public async Task prepared_statements_keep_custom_plans_so_an_event_page_is_not_planned_for_a_few_rows()
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("show plan_cache_mode", connection);
        (await show.ExecuteScalarAsync()).ShouldBe("force_custom_plan");
    }

    [Fact]
    public async Task large_values_the_app_writes_are_compressed_with_lz4()
    {
        var dataSource = fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var create = new NpgsqlCommand("create temporary table toast_probe (data jsonb) on commit drop", connection, tx);
        await create.ExecuteNonQueryAsync();
        // a loan view's worth of repetitive JSON: compressed, and too large to stay in the row
        var document = "[" + string.Join(",", Enumerable.Range(1, 400).Select(i => $$"""{"number":{{i}},"note":"Thu nợ kỳ {{i}}"}""")) + "]";
        await using var insert = new NpgsqlCommand("insert into toast_probe values ($1::jsonb)", connection, tx);
        insert.Parameters.Add(new NpgsqlParameter { Value = document });
        await insert.ExecuteNonQueryAsync();
        await using var compression = new NpgsqlCommand("select pg_column_compression(data) from toast_probe", connection, tx);

        (await compression.ExecuteScalarAsync()).ShouldBe("lz4");
    }

    [Fact]
    public void the_default_applies_only_when_the_connection_string_sets_no_limit()
    {
        var unset = Persistence.ConfigureConnections(new NpgsqlDataSourceBuilder("Host=127.0.0.1;Database=x"));
        unset.ConnectionStringBuilder.MaxAutoPrepare.ShouldBe(Persistence.DefaultMaxAutoPrepare);
        unset.ConnectionStringBuilder.AutoPrepareMinUsages.ShouldBe(2);

        unset.ConnectionStringBuilder.Options.ShouldBe("-c plan_cache_mode=force_custom_plan -c default_toast_compression=lz4");

        var set = Persistence.ConfigureConnections(new NpgsqlDataSourceBuilder(
            "Host=127.0.0.1;Database=x;Max Auto Prepare=10;Auto Prepare Min Usages=5;Options=-c plan_cache_mode=auto -c default_toast_compression=pglz"));
        set.ConnectionStringBuilder.MaxAutoPrepare.ShouldBe(10);
        set.ConnectionStringBuilder.AutoPrepareMinUsages.ShouldBe(5);
        set.ConnectionStringBuilder.Options.ShouldBe("-c plan_cache_mode=auto -c default_toast_compression=pglz");

        var otherOptions = Persistence.ConfigureConnections(new NpgsqlDataSourceBuilder("Host=127.0.0.1;Database=x;Options=-c work_mem=8MB"));
        otherOptions.ConnectionStringBuilder.Options.ShouldBe("-c work_mem=8MB -c plan_cache_mode=force_custom_plan -c default_toast_compression=lz4");
    }
}
