using Npgsql;

namespace HtxFund.Tests.Support;

/// <summary>Databases in the throwaway PostgreSQL cluster that <c>ops/test</c> starts (<c>HTXFUND_TEST_PG</c>).</summary>
public static class TestDatabase
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("HTXFUND_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "HTXFUND_TEST_PG is not set. Run the tests with ops/test, which starts a throwaway PostgreSQL cluster, " +
                "or point HTXFUND_TEST_PG at a PostgreSQL server you own (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var name = $"htxfund_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true, MaxPoolSize = 60 }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
