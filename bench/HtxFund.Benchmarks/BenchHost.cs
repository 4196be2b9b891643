using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace HtxFund.Benchmarks;

/// <summary>The real app booted in process for the console benchmarks (run from the repository root): Development,
/// against <c>connection</c> with its schema from the committed migrations, no Hangfire server, warnings only.</summary>
public static class BenchHost
{
    /// <summary>A new, empty <paramref name="database"/> on the server (dropped first if it exists) with the committed
    /// migrations applied; answers its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string server, string database)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force); create database {database}", admin);
            await drop.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await HtxFund.Infrastructure.Database.Migrations.ApplyPendingAsync(connection);
        return connection;
    }

    public static async Task<IAlbaHost> BootAsync(string connection)
    {
        JasperFxEnvironment.AutoStartHost = true;
        // the app's content root, as the test project's WebApplicationFactory attribute would give it
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HTXFUND", Path.GetFullPath("src/HtxFund"));
        // any type of the HtxFund assembly names its entry point (this console has its own Program)
        return await AlbaHost.For<HtxFund.Reports.Archive.GeneratedReport>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("HTXFUND_DB", connection);
            builder.UseSetting("HtxFund:Database:AutoCreateSchema", "false");
            builder.UseSetting("HtxFund:Jobs:RunServer", "false");
            builder.UseSetting("HtxFund:Logging:Json", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.ConfigureServices(services =>
            {
                // (no MartenDaemonModeIsSolo: Wolverine runs the async projections and refuses a Marten-side daemon)
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }
}
