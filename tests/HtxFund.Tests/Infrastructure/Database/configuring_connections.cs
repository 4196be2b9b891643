using HtxFund.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HtxFund.Tests.Infrastructure.Database;

/// <summary>The app's connections prepare the statements they repeat (Npgsql automatic preparation) and keep custom
/// plans; a connection string that sets its own limit or plan cache mode keeps them.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class preparing_repeated_statements(AppFixture fixture)
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
        const string sql = "select count(*) from htxfund.mt_doc_loandetails where tenant_id = $1 /* preparing_repeated_statements */";
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "daklak" });
            await command.ExecuteScalarAsync();
        }

        (await PreparedCount(connection, "preparing_repeated_statements */")).ShouldBe(1);
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
    public void the_default_applies_only_when_the_connection_string_sets_no_limit()
    {
        var unset = Persistence.PrepareRepeatedStatements(new NpgsqlDataSourceBuilder("Host=127.0.0.1;Database=x"));
        unset.ConnectionStringBuilder.MaxAutoPrepare.ShouldBe(Persistence.DefaultMaxAutoPrepare);
        unset.ConnectionStringBuilder.AutoPrepareMinUsages.ShouldBe(2);

        unset.ConnectionStringBuilder.Options.ShouldBe("-c plan_cache_mode=force_custom_plan");

        var set = Persistence.PrepareRepeatedStatements(new NpgsqlDataSourceBuilder(
            "Host=127.0.0.1;Database=x;Max Auto Prepare=10;Auto Prepare Min Usages=5;Options=-c plan_cache_mode=auto"));
        set.ConnectionStringBuilder.MaxAutoPrepare.ShouldBe(10);
        set.ConnectionStringBuilder.AutoPrepareMinUsages.ShouldBe(5);
        set.ConnectionStringBuilder.Options.ShouldBe("-c plan_cache_mode=auto");

        var otherOptions = Persistence.PrepareRepeatedStatements(new NpgsqlDataSourceBuilder("Host=127.0.0.1;Database=x;Options=-c work_mem=8MB"));
        otherOptions.ConnectionStringBuilder.Options.ShouldBe("-c work_mem=8MB -c plan_cache_mode=force_custom_plan");
    }
}
