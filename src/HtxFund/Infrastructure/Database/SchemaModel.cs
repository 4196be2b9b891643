using System.Text;
using Hangfire.PostgreSql;
using Npgsql;
using JasperFx;
using Weasel.Core;
using Weasel.Core.CommandLine;
using Weasel.Core.Migrations;

namespace HtxFund.Infrastructure.Database;

/// <summary>
/// Compares the application's model (Marten documents and events, Wolverine's envelope storage, Hangfire's
/// schema) with a database and writes the SQL that brings the database to the model. Used to generate a new
/// migration (<c>new-migration</c>) and by the test proving the committed migrations equal the model.
/// </summary>
public static class SchemaModel
{
    public const string HangfireSchema = "hangfire";
    private const string HangfireScriptPrefix = "Hangfire.PostgreSql.Scripts.Install.v";

    /// <summary>SQL for every difference between the model and the database behind the host's configuration;
    /// empty when they match.</summary>
    public static async Task<string> DifferenceAsync(IHost host, string connectionString, CancellationToken ct = default)
    {
        var sql = new StringBuilder();
        var databases = await new WeaselInput().AllDatabases(host);
        foreach (var database in databases.Distinct())
        {
            var migration = await database.CreateMigrationAsync(ct);
            if (migration.Difference == SchemaPatchDifference.None) continue;
            await using var writer = new StringWriter();
            migration.WriteAllUpdates(writer, database.Migrator, AutoCreate.CreateOrUpdate);
            sql.AppendLine($"-- {database.GetType().Name}");
            foreach (var schema in database.AllSchemaNames().Distinct().Order())
            {
                sql.AppendLine($"CREATE SCHEMA IF NOT EXISTS {schema};");
            }
            sql.AppendLine(writer.ToString());
        }

        var hangfire = await HangfireScriptsAfterAsync(connectionString, ct);
        if (hangfire.Length > 0)
        {
            sql.AppendLine("-- Hangfire.PostgreSql schema (its own install scripts, schema 'hangfire')");
            sql.AppendLine($"CREATE SCHEMA IF NOT EXISTS {HangfireSchema};");
            sql.AppendLine(hangfire);
            sql.AppendLine("RESET search_path;");
        }
        return sql.ToString().Trim();
    }

    /// <summary>The latest Hangfire.PostgreSql schema version this build ships.</summary>
    public static int LatestHangfireVersion => HangfireScripts().Max(s => s.Version);

    public static async Task<int> HangfireVersionAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{HangfireSchema}.schema') IS NOT NULL", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        await using var cmd = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {HangfireSchema}.schema", conn);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    private static async Task<string> HangfireScriptsAfterAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var current = await HangfireVersionAsync(conn, ct);
        // Hangfire's own installer records each script's version after running it; so does the migration.
        return string.Join(Environment.NewLine, HangfireScripts().Where(s => s.Version > current).Select(s =>
            $"{s.Sql}\nUPDATE {HangfireSchema}.\"schema\" SET \"version\" = {s.Version};\n"));
    }

    private static IEnumerable<(int Version, string Sql)> HangfireScripts()
    {
        var assembly = typeof(PostgreSqlStorage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(HangfireScriptPrefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (Version: int.Parse(n[HangfireScriptPrefix.Length..^4]), Sql: reader.ReadToEnd());
            })
            .OrderBy(s => s.Version);
    }
}
