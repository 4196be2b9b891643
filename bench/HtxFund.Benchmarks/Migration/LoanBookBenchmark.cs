using System.Diagnostics;
using HtxFund.Identity;
using HtxFund.Migration.Booking;
using HtxFund.Migration.Reconciling;
using HtxFund.Policy;
using HtxFund.Tests.Migration.Booking.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace HtxFund.Benchmarks.Migration;

/// <summary>
/// Console benchmark of booking a loan book (issue 21): a fresh database from the committed migrations, the real app booted
/// (Alba), a loan book of mixed states built in code (the integration test's <see cref="MixedLoanBook"/>: on time, late in
/// every group, closed, own schedules, two tranches, collateral on a third of the loans), then timed in the same process:
/// the booking as the confirmation runs it (<see cref="LoanBookWriter.HoldingsAsync"/>, <see cref="LoanBookPlanner.Plan"/>,
/// <see cref="LoanBookWriter.WriteAsync"/>, <see cref="LoanBookReconciler.ReconcileAsync"/>), and a raw SQL pass: the same
/// event rows (read back untimed) copied with PostgreSQL binary COPY into a copy of <c>mt_events</c> with its indexes.
/// Usage: <c>loan-book --loans 5000</c>; connection string of a server in HTXFUND_BENCH_DB (database "postgres").
/// </summary>
public static class LoanBookBenchmark
{
    private const string Fund = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var loans = int.Parse(args.SkipWhile(a => a != "--loans").Skip(1).FirstOrDefault() ?? "5000");
        var server = Environment.GetEnvironmentVariable("HTXFUND_BENCH_DB") ?? throw new InvalidOperationException("Set HTXFUND_BENCH_DB.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
        var connection = await BenchHost.FreshDatabaseAsync(server, $"htxfund_bench_loanbook_{loans}");
        await using var host = await BenchHost.BootAsync(connection);
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var file = MixedLoanBook.Build(loans, "bench" + loans, cooperatives: Math.Max(10, loans / 10));
        var context = new BookingContext(Fund, Guid.CreateVersion7(), file.Sha256, "bench.xlsx", file.CutOver,
            new Actor(Guid.Parse("00000000-0000-0000-0000-00000000bead"), "bench", [Roles.ChiefAccountant]), SystemClock.Instance.GetCurrentInstant(),
            FundPolicy.Default);

        var watch = Stopwatch.StartNew();
        await using (var session = store.QuerySession(Fund))
        {
            var plan = LoanBookPlanner.Plan(file, await LoanBookWriter.HoldingsAsync(session, file, Fund, CancellationToken.None), context);
            var planned = watch.Elapsed;
            if (plan.Refusals.Count > 0) throw new InvalidOperationException($"{plan.Refusals.Count} refusals, first: {plan.Refusals[0]}");
            await LoanBookWriter.WriteAsync(store, Fund, plan, CancellationToken.None);
            var written = watch.Elapsed;
            var reconciliation = await LoanBookReconciler.ReconcileAsync(store, Fund, file, context.Policy, CancellationToken.None);
            watch.Stop();
            Console.WriteLine($"[{loans:N0} loans] decided in {planned.TotalSeconds:N1} s, written in {(written - planned).TotalSeconds:N1} s, "
                              + $"reconciled in {(watch.Elapsed - written).TotalSeconds:N1} s: {watch.Elapsed.TotalSeconds:N1} s in all; "
                              + $"reconciles: {reconciliation.Reconciles} ({reconciliation.Differences.Count} differences)");
        }
        var (rows, copy) = await RawCopyAsync(connection);
        Console.WriteLine($"[{loans:N0} loans] raw SQL: COPY of the same {rows:N0} event rows into a copy of mt_events (with its indexes) in "
                          + $"{copy.TotalSeconds:N2} s; the booking took {watch.Elapsed.TotalSeconds / copy.TotalSeconds:N1} × that");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>The fund's event rows read back (untimed), then copied (timed) with binary COPY, in one transaction, into a
    /// table like <c>mt_events</c> with the same indexes.</summary>
    private static async Task<(long Rows, TimeSpan Elapsed)> RawCopyAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using (var create = new NpgsqlCommand(
                         "drop table if exists public.raw_events; create table public.raw_events (like htxfund.mt_events including all)", conn))
            await create.ExecuteNonQueryAsync();
        var buffer = new MemoryStream();
        await using (var read = await conn.BeginRawBinaryCopyAsync($"copy (select * from htxfund.mt_events where tenant_id = '{Fund}') to stdout (format binary)"))
            await read.CopyToAsync(buffer);
        buffer.Position = 0;
        var watch = Stopwatch.StartNew();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var write = await conn.BeginRawBinaryCopyAsync("copy public.raw_events from stdin (format binary)"))
                await buffer.CopyToAsync(write);
            await tx.CommitAsync();
        }
        watch.Stop();
        await using var count = new NpgsqlCommand("select count(*) from public.raw_events", conn);
        return ((long)(await count.ExecuteScalarAsync())!, watch.Elapsed);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
