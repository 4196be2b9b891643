using System.Diagnostics;
using HtxFund.Accounting;
using HtxFund.Accounting.Accrual;
using HtxFund.Accounting.Journal;
using HtxFund.Accounting.Reading;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending.Accounting;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace HtxFund.Benchmarks.Accounting;

/// <summary>
/// Console benchmark of the journal (issue 19; not BenchmarkDotNet: one run takes seconds and needs a database). For each
/// portfolio size: a fresh database from the committed migrations, the real app booted, the loans of the classification
/// benchmark seeded (<see cref="Classification.ClassificationRunBenchmark.SeedAsync"/>: disbursed loans with monthly
/// repayments), the journal's asynchronous projection caught up, October 2026's interest accrual booked; then timed, in
/// the same process and against the same database: a raw SQL read of every event of the fund (every byte consumed) and a
/// rebuild of the journal from the whole log (what a rebuild costs, and the projection's throughput), and the trial
/// balance of 2026 (<see cref="JournalSums.TrialBalanceAsync"/>) against a raw SQL sum of the same lines per account.
/// Usage: <c>journal --loans 10000</c>; connection string of a server in HTXFUND_BENCH_DB (database "postgres").
/// </summary>
public static class JournalBenchmark
{
    private const string Fund = Classification.ClassificationRunBenchmark.Fund;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.SkipWhile(a => a != "--loans").Skip(1).FirstOrDefault() ?? "10000").Split(',').Select(int.Parse).ToArray();
        var server = Environment.GetEnvironmentVariable("HTXFUND_BENCH_DB") ?? throw new InvalidOperationException("Set HTXFUND_BENCH_DB.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        foreach (var size in sizes) await RunOneAsync(server, size);
        return 0;
    }

    private static async Task RunOneAsync(string server, int loans)
    {
        var database = $"htxfund_bench_journal_{loans}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force); create database {database}", admin);
            await drop.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await Migrations.ApplyPendingAsync(connection);
        await using var host = await BenchHost.BootAsync(connection);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var watch = Stopwatch.StartNew();
        var events = await Classification.ClassificationRunBenchmark.SeedAsync(store, loans);
        var seeded = watch.Elapsed;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        Console.WriteLine($"[{loans:N0} loans] seeded {events:N0} events in {seeded.TotalSeconds:N1} s; journal caught up {watch.Elapsed.TotalSeconds:N1} s after the seeding began");

        watch.Restart();
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>()
                .InvokeForTenantAsync(Fund, new BookMonthlyInterestAccrual(new YearMonth(2026, 10)), CancellationToken.None);
        var accrual = watch.Elapsed;
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        Console.WriteLine($"[{loans:N0} loans] interest accrual 2026-10 booked in {accrual.TotalSeconds:N2} s; posted {watch.Elapsed.TotalSeconds:N2} s after the command began");

        var raw1 = await RawReadAsync(connection);
        var raw2 = await RawReadAsync(connection);
        Console.WriteLine($"[{loans:N0} loans] raw read of the fund's events: {raw1.Rows:N0} events, {raw1.Bytes / 1048576.0:N1} MB, {raw1.Elapsed.TotalSeconds:N2} s (cold) / {raw2.Elapsed.TotalSeconds:N2} s (warm)");

        var before = await LinesAsync(connection);
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            watch.Restart();
            await daemon.RebuildProjectionAsync(JournalProjection.Name, TimeSpan.FromMinutes(30), CancellationToken.None);
            var rebuild = watch.Elapsed;
            var after = await LinesAsync(connection);
            Console.WriteLine($"[{loans:N0} loans] journal rebuild: {after.Count:N0} lines ({(after.Hash == before.Hash ? "identical to" : "DIFFERENT from")} the live journal) in {rebuild.TotalSeconds:N2} s = "
                              + $"{rebuild.TotalSeconds / raw2.Elapsed.TotalSeconds:N2} × the warm raw read of the events; {events / rebuild.TotalSeconds:N0} events/s");
        }

        await using var session = store.QuerySession(Fund);
        var from = new LocalDate(2026, 1, 1);
        var to = new LocalDate(2026, 12, 31);
        await JournalSums.TrialBalanceAsync(session, AccountingDefaults.Chart, from, to, CancellationToken.None); // warm
        var sum1 = await RawSumAsync(connection, from, to);
        watch.Restart();
        const int repeat = 5;
        TrialBalance? tb = null;
        for (var i = 0; i < repeat; i++) tb = await JournalSums.TrialBalanceAsync(session, AccountingDefaults.Chart, from, to, CancellationToken.None);
        var tbTime = watch.Elapsed / repeat;
        watch.Restart();
        for (var i = 0; i < repeat; i++) sum1 = await RawSumAsync(connection, from, to);
        var rawSum = watch.Elapsed / repeat;
        Console.WriteLine($"[{loans:N0} loans] trial balance 2026: {tb!.Rows.Count} accounts, balanced {tb.Totals.Balanced}, period debits {tb.Totals.PeriodDebit:N0} ₫ "
                          + $"(raw sum {sum1:N0} ₫); {tbTime.TotalMilliseconds:N0} ms = {tbTime / rawSum:N2} × the raw SQL sum of the same lines ({rawSum.TotalMilliseconds:N0} ms)");
    }

    private static async Task<(long Rows, long Bytes, TimeSpan Elapsed)> RawReadAsync(string connection)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select e.stream_id, e.seq_id, e.type, e.data::text from htxfund.mt_events e where e.tenant_id = @fund order by e.seq_id", conn);
        cmd.Parameters.AddWithValue("fund", Fund);
        long rows = 0, bytes = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            bytes += reader.GetString(2).Length + reader.GetString(3).Length;
        }
        return (rows, bytes, watch.Elapsed);
    }

    /// <summary>The journal's lines of the fund (count and a hash of their ids and data in id order).</summary>
    private static async Task<(long Count, string Hash)> LinesAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*), md5(coalesce(string_agg(id || data::text, '|' order by id), '')) from htxfund.mt_doc_journalline where tenant_id = @fund", conn);
        cmd.Parameters.AddWithValue("fund", Fund);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    /// <summary>The period's debits summed per account by plain SQL over the same lines (their total returned).</summary>
    private static async Task<long> RawSumAsync(string connection, LocalDate from, LocalDate to)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select account, sum((data ->> 'debit')::bigint), sum((data ->> 'credit')::bigint) from htxfund.mt_doc_journalline " +
            "where tenant_id = @fund and posting_day between @from and @to group by account", conn);
        cmd.Parameters.AddWithValue("fund", Fund);
        cmd.Parameters.AddWithValue("from", from.ToDateOnly().DayNumber);
        cmd.Parameters.AddWithValue("to", to.ToDateOnly().DayNumber);
        long total = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) total += reader.GetInt64(1);
        return total;
    }
}
