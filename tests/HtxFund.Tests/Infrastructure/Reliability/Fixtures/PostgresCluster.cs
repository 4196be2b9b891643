using Npgsql;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

/// <summary>
/// A small PostgreSQL cluster of its own for one failure test (ops/lib/pg.sh layout), durable (fsync and synchronous
/// commit on, unlike the suite's throwaway cluster) so that a crash of the server may not lose a commit. Optionally on
/// a tmpfs of a fixed size, to fill its disk. Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public string Directory { get; }
    public int Port { get; private set; }
    public long? DiskBytes { get; }

    private PostgresCluster(string directory, long? diskBytes)
    {
        Directory = directory;
        DiskBytes = diskBytes;
    }

    /// <summary>Creates and starts a cluster; with <paramref name="diskMegabytes"/> its folder is a tmpfs of that size.</summary>
    public static async Task<PostgresCluster> StartAsync(string purpose, int? diskMegabytes = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"htxfund-{purpose}-{Guid.NewGuid():N}"[..32]);
        System.IO.Directory.CreateDirectory(dir);
        var cluster = new PostgresCluster(dir, diskMegabytes * 1024L * 1024L);
        try
        {
            if (diskMegabytes is { } mb)
                await Shell.RunAsync($"mount -t tmpfs -o size={mb}m,mode=0755 htxfund-disk {Shell.Quote(dir)}");
            // max_wal_size small: checkpoints often, so the WAL takes little of a small disk.
            await Shell.PgAsync($"""
                pg_start {Shell.Quote(dir)} >/dev/null
                pg_psql {Shell.Quote(dir)} -XqAt -c "alter system set max_wal_size = '48MB'" -c "alter system set min_wal_size = '32MB'" -c "select pg_reload_conf()" >/dev/null
                """, TimeSpan.FromMinutes(3));
            cluster.Port = int.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "port")));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", Pooling = true, MaxPoolSize = 40,
        }.ConnectionString;

    public string ServerConnectionString => ConnectionString("postgres");

    /// <summary>Stops the server: <c>fast</c> (clean) or <c>immediate</c> (like a crash: recovery from the WAL on start).</summary>
    public Task StopAsync(string mode = "immediate") =>
        Shell.PgAsync($"""pg_as_owner "$(pg_bindir)/pg_ctl" -D {Shell.Quote(Directory)}/data -m {mode} -w -t 60 stop >/dev/null""");

    /// <summary>Starts the server again on its port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var port = await Shell.PgAsync($"pg_start {Shell.Quote(Directory)}", TimeSpan.FromMinutes(3));
        int.Parse(port).ShouldBe(Port, "the cluster came back on another port");
    }

    public Task<bool> IsRunningAsync() =>
        Shell.PgAsync($"if pg_is_running {Shell.Quote(Directory)}; then echo yes; else echo no; fi").ContinueWith(t => t.Result == "yes");

    /// <summary>Bytes free on the cluster's filesystem.</summary>
    public long FreeBytes() => new DriveInfo(Directory).AvailableFreeSpace;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await Shell.PgAsync($"pg_stop {Shell.Quote(Directory)} || true"); }
        catch (Exception) { /* best effort: the folder is removed below */ }
        if (DiskBytes is not null)
        {
            try { await Shell.RunAsync($"umount {Shell.Quote(Directory)} || umount -l {Shell.Quote(Directory)}"); }
            catch (Exception) { /* reported by the rm below if still mounted */ }
        }
        await Shell.PgAsync($"pg_destroy {Shell.Quote(Directory)}");
    }

    /// <summary>Copies a database (schema and data) into a new database on the server of <paramref name="targetServer"/>
    /// with pg_dump | psql; returns the new database's connection string.</summary>
    public static async Task<string> CopyDatabaseAsync(string source, string targetServer, string purpose)
    {
        var from = new NpgsqlConnectionStringBuilder(source);
        var name = $"htxfund_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        var to = new NpgsqlConnectionStringBuilder(targetServer) { Database = name, Pooling = true, MaxPoolSize = 40 };
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(targetServer) { Database = "postgres" }.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await Shell.PgAsync($"""
            bin="$(pg_bindir)"
            "$bin/pg_dump" -h {from.Host} -p {from.Port} -U {from.Username} -d {Shell.Quote(from.Database!)} --no-owner --no-privileges \
              | "$bin/psql" -h {to.Host} -p {to.Port} -U {to.Username} -d {Shell.Quote(name)} -X -q -v ON_ERROR_STOP=1 >/dev/null
            """, TimeSpan.FromMinutes(3));
        return to.ConnectionString;
    }
}
