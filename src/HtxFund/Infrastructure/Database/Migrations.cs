using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HtxFund.Infrastructure.Database;

/// <summary>One numbered SQL script from <c>migrations/</c>, embedded in the application.</summary>
public sealed record Migration(string Id, string Sql)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>
/// Applies the committed migration scripts in order and records them in <c>htxfund_migrations.applied</c>.
/// This is the only way the schema changes outside Development: the app never alters schema by itself in Production.
/// </summary>
public static class Migrations
{
    private const string ResourcePrefix = "migrations/";
    private const long LockKey = 0x48_54_58_46_55_4E_44; // "HTXFUND"

    public static IReadOnlyList<Migration> All { get; } = Load();

    private static IReadOnlyList<Migration> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]), reader.ReadToEnd());
            })
            .ToArray();
    }

    private const string Bookkeeping = """
        CREATE SCHEMA IF NOT EXISTS htxfund_migrations;
        CREATE TABLE IF NOT EXISTS htxfund_migrations.applied (
            id         text PRIMARY KEY,
            sha256     text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Applies every pending migration, each in its own transaction, under an advisory lock so that
    /// several nodes starting at once apply each script exactly once. Returns the ids applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyPendingAsync(string connectionString, TextWriter? log = null,
        CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await Execute(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(conn, Bookkeeping, ct);
            var applied = await AppliedAsync(conn, ct);
            var done = new List<string>();
            foreach (var migration in All)
            {
                if (applied.TryGetValue(migration.Id, out var sha))
                {
                    if (sha != migration.Sha256)
                        throw new InvalidOperationException(
                            $"Migration {migration.Id} was changed after it was applied (sha256 {sha} in the database, {migration.Sha256} now). Add a new migration instead.");
                    continue;
                }
                log?.WriteLine($"Applying migration {migration.Id}");
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(migration.Sql, conn, tx)) { await cmd.ExecuteNonQueryAsync(ct); }
                await using (var record = new NpgsqlCommand(
                                 "INSERT INTO htxfund_migrations.applied (id, sha256) VALUES (@id, @sha)", conn, tx))
                {
                    record.Parameters.AddWithValue("id", migration.Id);
                    record.Parameters.AddWithValue("sha", migration.Sha256);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(migration.Id);
            }
            return done;
        }
        finally
        {
            await Execute(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>The migrations this build knows about that the database has not applied (empty = schema current).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('htxfund_migrations.applied') IS NOT NULL", conn);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return All.Select(m => m.Id).ToArray();
        var applied = await AppliedAsync(conn, ct);
        return All.Where(m => !applied.ContainsKey(m.Id)).Select(m => m.Id).ToArray();
    }

    private static async Task<Dictionary<string, string>> AppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var applied = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand("SELECT id, sha256 FROM htxfund_migrations.applied", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied[reader.GetString(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task Execute(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
