using System.Diagnostics;
using System.Globalization;
using System.Text;
using Alba;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using Wolverine;

namespace HtxFund.Benchmarks.Load;

/// <summary>
/// The database-side steps of <c>bench/load.sh</c> (the HTTP load itself is wrk against the published app):
/// <list type="bullet">
/// <item><c>load-prepare --out DIR --password P</c>: one user per seeded fund (Accountant and ChiefAccountant, user name
/// <c>load-{fund}</c>), and the files the script reads: <c>loans.tsv</c> (fund, loan id, events; every loan with money
/// out and not closed) and <c>asof.tsv</c> (a loan first disbursed about 700 days ago and one about 30 days ago, with
/// the date 30 days after the first one's first disbursement).</item>
/// <item><c>load-rebuild</c>: the loan view projection (<see cref="LoanDetailsProjection"/>, inline) rebuilt by Marten's
/// daemon from the events, against a raw <c>SELECT</c> of the same events (every payload's characters consumed),
/// interleaved, on a database brought to rest first (<see cref="RebuildAsync"/>).</item>
/// </list>
/// The database is the one in HTXFUND_DB (migrated and seeded).
/// </summary>
public static class LoadBench
{
    public static async Task<int> RunAsync(string verb, string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("HTXFUND_DB") ?? throw new InvalidOperationException("Set HTXFUND_DB.");
        await using var host = await BenchHost.BootAsync(connection);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        switch (verb)
        {
            case "load-prepare":
                await PrepareAsync(store, host.Services, Arg(args, "--out") ?? ".", Arg(args, "--password") ?? "Mat-khau-2026");
                return 0;
            case "load-rebuild":
                if (args.Contains("--rebuild-only"))
                    await RebuildOnlyAsync(store, int.Parse(Arg(args, "--repeat") ?? "1", CultureInfo.InvariantCulture));
                else
                    await RebuildAsync(store, connection, int.Parse(Arg(args, "--repeat") ?? "1", CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine($"unknown verb {verb}");
                return 2;
        }
    }

    private static string? Arg(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static async Task PrepareAsync(IDocumentStore store, IServiceProvider services, string outDir, string password)
    {
        Directory.CreateDirectory(outDir);
        var hasher = services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var time = services.GetRequiredService<BusinessTime>();
        var today = time.Today;
        await using var query = store.QuerySession();
        var funds = (await query.Query<Fund>().ToListAsync()).Where(f => f.Kind == FundKind.Provincial).Select(f => f.Id).OrderBy(x => x).ToList();

        var users = new StringBuilder();
        var loans = new StringBuilder();
        (string Fund, Guid Id, long Events, LocalDate First)? old = null, young = null;
        foreach (var fund in funds)
        {
            var userName = $"load-{fund}";
            await using (var session = store.LightweightSession())
            {
                var existing = await session.Query<UserAccount>().FirstOrDefaultAsync(u => u.UserName == userName);
                var user = new UserAccount
                {
                    Id = existing?.Id ?? Guid.CreateVersion7(), UserName = userName, DisplayName = $"Kế toán tải {fund}", FundId = fund,
                    Roles = [Roles.Accountant, Roles.ChiefAccountant], PasswordHash = "", CreatedAt = time.Now,
                };
                session.Store(user with { PasswordHash = hasher.HashPassword(user, password) });
                await session.SaveChangesAsync();
            }
            users.Append(fund).Append('\t').Append(userName).Append('\n');

            await using var tenant = store.QuerySession(fund);
            var views = await tenant.Query<LoanDetails>().Where(x => x.Stage == LoanStage.Contracted).ToListAsync();
            foreach (var v in views)
            {
                var disbursed = v.Tranches.Where(t => t.State == TrancheState.Disbursed).Select(t => t.ValueDate).ToList();
                if (disbursed.Count == 0 || v.DisbursedAmount - v.PrincipalRepaid < 5_000_000) continue;
                loans.Append(fund).Append('\t').Append(v.Id).Append('\t').Append(v.Version).Append('\n');
                var first = disbursed.Min();
                var age = Period.Between(first, today, PeriodUnits.Days).Days;
                if (old is null || Math.Abs(age - 700) < Math.Abs(Period.Between(old.Value.First, today, PeriodUnits.Days).Days - 700)
                    || (Math.Abs(age - 700) == Math.Abs(Period.Between(old.Value.First, today, PeriodUnits.Days).Days - 700) && v.Version > old.Value.Events))
                    old = (fund, v.Id, v.Version, first);
                if (young is null || Math.Abs(age - 30) < Math.Abs(Period.Between(young.Value.First, today, PeriodUnits.Days).Days - 30))
                    young = (fund, v.Id, v.Version, first);
            }
        }
        await File.WriteAllTextAsync(Path.Combine(outDir, "users.tsv"), users.ToString());
        await File.WriteAllTextAsync(Path.Combine(outDir, "loans.tsv"), loans.ToString());
        if (old is null || young is null) throw new InvalidOperationException("no active loans were seeded");
        var o = old.Value;
        var y = young.Value;
        var asof = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"old\t{o.Fund}\t{o.Id}\t{o.Events}\t{o.First:yyyy-MM-dd}\t{Period.Between(o.First, today, PeriodUnits.Days).Days}\t{o.First.PlusDays(30):yyyy-MM-dd}\n")
            .Append(CultureInfo.InvariantCulture, $"young\t{y.Fund}\t{y.Id}\t{y.Events}\t{y.First:yyyy-MM-dd}\t{Period.Between(y.First, today, PeriodUnits.Days).Days}\t{today:yyyy-MM-dd}\n");
        await File.WriteAllTextAsync(Path.Combine(outDir, "asof.tsv"), asof.ToString());
        Console.WriteLine($"prepared {funds.Count} funds, {loans.ToString().Count(c => c == '\n')} active loans; today {today:yyyy-MM-dd}");
        Console.Write(asof.ToString());
    }

    /// <summary>The rebuild against the raw read, interleaved so that whatever else the machine does drifts over both:
    /// the database is first brought to rest (a checkpoint and a vacuum, finishing what the load left to the checkpointer
    /// and autovacuum), then one raw read (cold), the typed read, and <paramref name="repeat"/> times a rebuild followed by
    /// a raw read. Cold is the first rebuild (its code still being compiled by the JIT) against the median raw read; warm
    /// is the median of the later rebuilds against the same.</summary>
    private static async Task RebuildAsync(IDocumentStore store, string connection, int repeat)
    {
        await QuiesceAsync(connection);
        var raws = new List<(long Events, long Bytes, TimeSpan Elapsed)> { await RawReadAsync(connection) };
        var typed = await TypedReadAsync(store, connection);
        using var daemon = await store.BuildProjectionDaemonAsync();
        var runs = new List<double>();
        var watch = new Stopwatch();
        for (var i = 0; i < Math.Max(2, repeat); i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            await daemon.RebuildProjectionAsync<LoanDetailsProjection>(CancellationToken.None);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            runs.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rebuild run {i + 1}: {watch.Elapsed.TotalSeconds:F3} s, this process's CPU {cpu.TotalSeconds:F3} s (load {File.ReadAllText("/proc/loadavg")[..14]})"));
            raws.Add(await RawReadAsync(connection));
        }
        long docs;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from htxfund.mt_doc_loandetails", conn);
            docs = (long)(await count.ExecuteScalarAsync())!;
        }
        static double Median(IEnumerable<double> xs)
        {
            var sorted = xs.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var events = raws[^1].Events;
        var raw = Median(raws.Skip(1).Select(r => r.Elapsed.TotalSeconds));
        var rebuild = runs[0];
        var warm = Median(runs.Skip(1));
        static string List(IEnumerable<double> xs) => string.Join(',', xs.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild\tevents={events}\tmb={raws[^1].Bytes / 1048576.0:F1}\traw_cold_s={raws[0].Elapsed.TotalSeconds:F3}\traw_warm_s={raw:F3}\t"
            + $"raw_events_per_s={events / raw:F0}\trebuild_s={rebuild:F3}\trebuild_events_per_s={events / rebuild:F0}\tdocs={docs}\t"
            + $"ratio={raw / rebuild:F3}\twarm_rebuild_s={warm:F3}\twarm_rebuild_events_per_s={events / warm:F0}\twarm_ratio={raw / warm:F3}\t"
            + $"runs={List(runs)}\traws={List(raws.Select(r => r.Elapsed.TotalSeconds))}\t"
            + $"typed_events={typed.Events}\ttyped_s={typed.Elapsed.TotalSeconds:F3}\ttyped_events_per_s={typed.Events / typed.Elapsed.TotalSeconds:F0}"));
    }

    /// <summary>A checkpoint and a database-wide vacuum: nothing left behind by the load competes with what is timed.</summary>
    private static async Task QuiesceAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var sql in new[] { "checkpoint", "vacuum (analyze)" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Only the rebuild, <paramref name="repeat"/> times (for profiling it alone, e.g. under perf).</summary>
    private static async Task RebuildOnlyAsync(IDocumentStore store, int repeat)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        for (var i = 0; i < Math.Max(1, repeat); i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync<LoanDetailsProjection>(CancellationToken.None);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rebuild run {i + 1}: {watch.Elapsed.TotalSeconds:F3} s, this process's CPU {cpu.TotalSeconds:F3} s"));
        }
    }

    /// <summary>Every event of every fund read through Marten (typed, deserialised), tenant by tenant: the floor under
    /// any projection that reads events through Marten.</summary>
    private static async Task<(long Events, TimeSpan Elapsed)> TypedReadAsync(IDocumentStore store, string connection)
    {
        var tenants = new List<string>();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select distinct tenant_id from htxfund.mt_doc_loandetails", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        }
        var watch = Stopwatch.StartNew();
        long events = 0;
        foreach (var tenant in tenants)
        {
            await using var session = store.QuerySession(tenant);
            var list = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
            events += list.Count;
        }
        return (events, watch.Elapsed);
    }

    /// <summary>Every event of the loan streams (the streams the loan view is built from), every payload consumed.</summary>
    private static async Task<(long Events, long Bytes, TimeSpan Elapsed)> RawReadAsync(string connection)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select e.seq_id, e.stream_id, e.type, e.data::text from htxfund.mt_events e "
            + "where (e.tenant_id, e.stream_id) in (select d.tenant_id, d.id from htxfund.mt_doc_loandetails d) order by e.seq_id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        long events = 0, bytes = 0, check = 0;
        while (await reader.ReadAsync())
        {
            check += reader.GetInt64(0) + reader.GetGuid(1).GetHashCode() + reader.GetString(2).Length;
            var data = reader.GetString(3);
            foreach (var c in data) check += c;
            bytes += data.Length;
            events++;
        }
        GC.KeepAlive(check);
        return (events, bytes, watch.Elapsed);
    }
}
