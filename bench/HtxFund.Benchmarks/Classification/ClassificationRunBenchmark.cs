using System.Diagnostics;
using Alba;
using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Classification;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using Wolverine;

namespace HtxFund.Benchmarks.Classification;

/// <summary>
/// Console benchmark of the monthly classification run (not BenchmarkDotNet: one run takes seconds to minutes and needs
/// a database). For each portfolio size: a fresh database from the committed migrations, the real app booted (Alba,
/// Hangfire server off), loans seeded by appending the events the commands append (application drafted, submitted,
/// approved with its schedule, contract signed, tranche prepared and disbursed, monthly repayments of the scheduled
/// amounts; 10 % stop paying at some month, 5 % never pay), then in the same process:
/// a raw SQL read of every event of the fund's loans (<c>select ... from htxfund.mt_events</c>, every byte consumed),
/// twice, and the classification of October 2026 (<see cref="ClassificationRunner.RunAsync"/>), timed, with the
/// managed heap and the process's working set sampled every 20 ms during the run.
/// Usage: <c>classification --loans 10000,100000</c>; connection string of a server in HTXFUND_BENCH_DB (database
/// "postgres"; one database per size is created there).
/// </summary>
public static class ClassificationRunBenchmark
{
    internal const string Fund = "bench";
    private const string Month = "2026-10";
    private static readonly LocalDate AsOf = new(2026, 10, 31);
    private static readonly Actor Seeder = new(Guid.Parse("00000000-0000-0000-0000-00000000bead"), "bench", [Roles.Accountant]);

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Arg(args, "--loans") ?? "10000").Split(',').Select(int.Parse).ToArray();
        var server = Environment.GetEnvironmentVariable("HTXFUND_BENCH_DB") ?? throw new InvalidOperationException("Set HTXFUND_BENCH_DB.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        foreach (var size in sizes) await RunOneAsync(server, size);
        return 0;
    }

    private static string? Arg(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static async Task RunOneAsync(string server, int loans)
    {
        var database = $"htxfund_bench_{loans}";
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

        var seed = Stopwatch.StartNew();
        var events = await SeedAsync(store, loans);
        Console.WriteLine($"[{loans:N0} loans] seeded {events:N0} events in {seed.Elapsed.TotalSeconds:N1} s");

        var raw1 = await RawReadAsync(connection);
        var raw2 = await RawReadAsync(connection);
        Console.WriteLine($"[{loans:N0} loans] raw read: {raw1.Events:N0} events, {raw1.Bytes / 1048576.0:N1} MB, {raw1.Elapsed.TotalSeconds:N2} s (cold) / {raw2.Elapsed.TotalSeconds:N2} s (warm)");

        var snap1 = await RawSnapshotReadAsync(connection);
        var snap2 = await RawSnapshotReadAsync(connection);
        Console.WriteLine($"[{loans:N0} loans] raw read of the loan snapshots: {snap1.Events:N0} documents, {snap1.Bytes / 1048576.0:N1} MB, {snap1.Elapsed.TotalSeconds:N2} s (cold) / {snap2.Elapsed.TotalSeconds:N2} s (warm)");
        Console.WriteLine($"[{loans:N0} loans] uptime: {Uptime()}");

        // The run's steps are Wolverine handlers: their code is generated and compiled at first use in this (Development)
        // process, as ops/publish does ahead of time for production; compiled here before the clock starts.
        var runtime = host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
        foreach (var step in new[] { typeof(HtxFund.Classification.Running.StartClassificationRun),
                     typeof(HtxFund.Classification.Running.ClassifyLoans), typeof(HtxFund.Classification.Running.CompleteClassificationRun) })
            runtime.FindInvoker(step);

        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var (run, memory) = await MeasureAsync(() => ClassificationRunner.RunAsync(bus, store, Fund, Month, Actor.System, CancellationToken.None));

        if (Environment.GetEnvironmentVariable("HTXFUND_BENCH_PHASES") == "1") await PhasesAsync(store, loans);
        await using var session = store.QuerySession(Fund);
        var result = await session.LoadAsync<ClassificationRun>(ClassificationRuns.StreamId(new YearMonth(2026, 10)));
        var raw = raw2.Elapsed.TotalSeconds;
        Console.WriteLine($"[{loans:N0} loans] classification run {Month}: {result!.Done:N0}/{result.Total:N0} loans, provisions {result.ProvisionRequired:N0} ₫, "
                          + $"{run.TotalSeconds:N2} s = {run.TotalSeconds / raw:N2} × warm raw read of the events, "
                          + $"{run.TotalSeconds / snap2.Elapsed.TotalSeconds:N2} × warm raw read of the snapshots");
        Console.WriteLine($"[{loans:N0} loans] memory during the run: {memory}");

        // the capital-adequacy report as of the same date over the same database (values every loan at the as-of date
        // and the 12 previous month-ends), what the monthly report job and GET /api/capital-adequacy compute
        HtxFund.Reports.CapitalAdequacy.CapitalAdequacyReport? report = null;
        var (reportTime, reportMemory) = await MeasureAsync(async () =>
        {
            await using var reportSession = store.QuerySession(Fund);
            report = await HtxFund.Reports.CapitalAdequacy.CapitalAdequacyService.ComputeAsync(reportSession, AsOf, null, CancellationToken.None);
        });
        Console.WriteLine($"[{loans:N0} loans] capital-adequacy report {AsOf:yyyy-MM-dd}: {report!.Loans:N0} loans outstanding {report.Outstanding:N0} ₫, "
                          + $"NPL {report.NplRatioPercent}%, provisions {report.ProvisionsRequired:N0} ₫, sequence {report.HighestSequence:N0}, "
                          + $"{reportTime.TotalSeconds:N2} s = {reportTime.TotalSeconds / raw:N2} × warm raw read of the events, "
                          + $"{reportTime.TotalSeconds / snap2.Elapsed.TotalSeconds:N2} × warm raw read of the snapshots");
        Console.WriteLine($"[{loans:N0} loans] uptime: {Uptime()}");
        Console.WriteLine($"[{loans:N0} loans] memory during the report: {reportMemory}");
        if (Environment.GetEnvironmentVariable("HTXFUND_BENCH_PHASES") == "1") await ReportPhasesAsync(store, loans);
    }

    /// <summary>Runs <paramref name="work"/> timed, with the managed heap and the working set sampled every 20 ms. The heap
    /// is sampled two ways: as allocated (garbage not yet collected included) and as the last collection left it (what
    /// survived it, fragmentation aside), which tells data held from garbage piling up between collections.</summary>
    private static async Task<(TimeSpan Elapsed, string Memory)> MeasureAsync(Func<Task> work)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Environment.WorkingSet;
        using var sampling = new CancellationTokenSource();
        long peakHeap = heapBefore, peakRss = rssBefore, peakAfterGc = heapBefore;
        var collectionsBefore = GC.CollectionCount(0);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                var last = GC.GetGCMemoryInfo(GCKind.Any);
                if (last.Index > 0) peakAfterGc = Math.Max(peakAfterGc, last.HeapSizeBytes - last.FragmentedBytes);
                peakRss = Math.Max(peakRss, Environment.WorkingSet);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        return (watch.Elapsed, $"managed heap {heapBefore / 1048576.0:N0} MB before, peak {peakHeap / 1048576.0:N0} MB "
                               + $"(+{(peakHeap - heapBefore) / 1048576.0:N0} MB); working set {rssBefore / 1048576.0:N0} MB before, peak {peakRss / 1048576.0:N0} MB "
                               + $"(+{(peakRss - rssBefore) / 1048576.0:N0} MB); after a collection at most {peakAfterGc / 1048576.0:N0} MB "
                               + $"(+{(peakAfterGc - heapBefore) / 1048576.0:N0} MB, {GC.CollectionCount(0) - collectionsBefore} collections)");
    }

    /// <summary>Where the report's time goes: listing and folding every loan at the cut (the report's loan stream), and
    /// valuing each loan at the as-of date and the 12 month-ends before it.</summary>
    private static async Task ReportPhasesAsync(IDocumentStore store, int loans)
    {
        var policy = LendingPolicy.Default;
        await using var session = store.QuerySession(Fund);
        var cut = await HtxFund.Reports.CapitalAdequacy.EventCut.NowAsync(session, CancellationToken.None);
        var dates = HtxFund.Reports.CapitalAdequacy.CapitalAdequacyCalculator.TrendDates(AsOf).Append(AsOf).ToArray();
        TimeSpan fold = TimeSpan.Zero, value = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        long n = 0, sum = 0;
        await foreach (var snapshot in cut.LoansAsync(CancellationToken.None))
        {
            fold += watch.Elapsed;
            watch.Restart();
            foreach (var v in LoanTransactions.Valuations(snapshot, dates, policy)) sum += v is null ? 0 : (int)DebtClassifier.Classify(v, policy).Group;
            value += watch.Elapsed;
            watch.Restart();
            n++;
        }
        Console.WriteLine($"[{loans:N0} loans] report phases: list and read {n:N0} loans at the cut (snapshots) {fold.TotalSeconds:N2} s, "
                          + $"value at {dates.Length} dates on one core {value.TotalSeconds:N2} s ({sum})");
    }

    /// <summary>Where the run's time goes, each part alone on one connection: listing the active loans' ids (snapshot
    /// columns), reading their snapshots, folding the same loans from their events instead (what the run did before),
    /// Marten's typed read of those events alone, and valuing every loan on one core.</summary>
    private static async Task PhasesAsync(IDocumentStore store, int loans)
    {
        var policy = LendingPolicy.Default;
        var watch = Stopwatch.StartNew();
        var ids = new List<Guid>();
        await using (var reader = store.QuerySession(Fund))
            await foreach (var batch in HtxFund.Reports.LoanBook.IdBatchesAsync(reader, 500, AsOf, null, CancellationToken.None))
                ids.AddRange(batch);
        var list = watch.Elapsed;
        watch.Restart();
        var snapshots = new List<Loan>();
        await using (var session = store.QuerySession(Fund))
            foreach (var chunk in ids.Chunk(500))
                snapshots.AddRange((await HtxFund.Reports.LoanBook.LoadAsync(session, chunk, null, CancellationToken.None)).Values);
        var read = watch.Elapsed;
        watch.Restart();
        long folded = 0;
        await using (var session = store.QuerySession(Fund))
            foreach (var chunk in ids.Chunk(500))
                folded += (await HtxFund.Reports.LoanBook.FoldAsync(session, chunk, long.MaxValue, CancellationToken.None)).Count;
        var fold = watch.Elapsed;
        watch.Restart();
        long count = 0;
        await using (var session = store.QuerySession(Fund))
            foreach (var chunk in ids.Chunk(500))
                count += (await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(chunk)).OrderBy(e => e.Sequence).ToListAsync()).Count;
        var typed = watch.Elapsed;
        watch.Restart();
        var groups = snapshots.Select(l => LoanTransactions.Valuations(l, [AsOf], policy)[0] is { } v ? (int)DebtClassifier.Classify(v, policy).Group : 0).Sum();
        var value = watch.Elapsed;
        Console.WriteLine($"[{loans:N0} loans] phases: list {ids.Count:N0} active ids {list.TotalSeconds:N2} s, read their snapshots {read.TotalSeconds:N2} s, "
                          + $"value on one core {value.TotalSeconds:N2} s ({groups}); for comparison: fold {folded:N0} from events {fold.TotalSeconds:N2} s, "
                          + $"of which Marten's typed read of the {count:N0} events {typed.TotalSeconds:N2} s");
    }

    private static string Uptime() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    /// <summary>Every loan snapshot document of the fund (what the run and the report read instead of the events), read with
    /// plain Npgsql, each payload's characters consumed.</summary>
    private static async Task<(long Events, long Bytes, TimeSpan Elapsed)> RawSnapshotReadAsync(string connection)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select s.id, s.data::text from htxfund.mt_doc_loan s where s.tenant_id = @fund order by s.id", conn);
        cmd.Parameters.AddWithValue("fund", Fund);
        long documents = 0, bytes = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            documents++;
            bytes += reader.GetString(1).Length;
        }
        return (documents, bytes, watch.Elapsed);
    }

    /// <summary>Every event of every loan stream of the fund, read with plain Npgsql, each payload's bytes consumed.</summary>
    private static async Task<(long Events, long Bytes, TimeSpan Elapsed)> RawReadAsync(string connection)
    {
        var watch = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select e.stream_id, e.seq_id, e.type, e.data::text from htxfund.mt_events e " +
            "where e.tenant_id = @fund and e.stream_id in (select d.id from htxfund.mt_doc_loandetails d where d.tenant_id = @fund) " +
            "order by e.stream_id, e.seq_id", conn);
        cmd.Parameters.AddWithValue("fund", Fund);
        long events = 0, bytes = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events++;
            bytes += reader.GetString(2).Length + reader.GetString(3).Length;
        }
        return (events, bytes, watch.Elapsed);
    }

    private sealed record Profile(LoanProposal Terms, IReadOnlyList<ScheduleRow> Rows, long TotalInterest);

    /// <summary>Appends, 500 loans per transaction, the events the commands append for a disbursed loan and its repayments.</summary>
    internal static async Task<long> SeedAsync(IDocumentStore store, int count)
    {
        var policy = LendingPolicy.Default;
        var amounts = new long[] { 50_000_000, 120_000_000, 300_000_000, 500_000_000, 800_000_000, 1_200_000_000, 2_000_000_000 };
        var starts = Enumerable.Range(0, 18).Select(m => new LocalDate(2025, 1, 10).PlusMonths(m)).ToArray();
        var profiles = amounts.SelectMany(a => starts.Select(s =>
        {
            var terms = new LoanProposal(a, 7.5m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 3, s);
            var (rows, interest, _) = ScheduleRows.Generate(terms, policy);
            return new Profile(terms, rows, interest);
        })).ToArray();
        var random = new Random(2026);
        var at = Instant.FromUtc(2026, 11, 1, 1, 0);
        long events = 0;
        for (var offset = 0; offset < count; offset += 500)
        {
            await using var session = store.LightweightSession(Fund);
            for (var i = offset; i < Math.Min(count, offset + 500); i++)
            {
                var p = profiles[random.Next(profiles.Length)];
                var id = Guid.CreateVersion7();
                var cooperative = Guid.CreateVersion7();
                var t = p.Terms;
                var request = new LoanRequest("Mở rộng sản xuất cà phê", i % 3 == 0 ? "Trồng trọt" : i % 3 == 1 ? "Chăn nuôi" : "Chế biến nông sản",
                    t.Amount * 2, t.Amount, t.Amount, t.TermMonths, t.Method, t.Frequency, t.GraceMonths, [], true,
                    new PriorityFlags(WomenManaged: i % 4 == 0, OcopProduct: i % 7 == 0));
                var day = t.StartDate;
                var list = new List<object>
                {
                    new ApplicationDrafted(id, cooperative, null, $"HTX số {i}", "Đắk Lắk", request, Seeder, at, day.PlusDays(-20)),
                    new ApplicationSubmitted(id, Seeder, at, day.PlusDays(-19)),
                    new LoanApproved(id, t, Decider.Director, $"{i}/QĐ-QHTX", [], 150_000_000_000, 1, "", p.Rows, Seeder, at, day.PlusDays(-10)),
                    new LoanContractSigned(id, new ContractTerms($"{i}/HĐTD", day.PlusDays(-5), t, p.Rows, p.TotalInterest, 1), Seeder, at),
                };
                var tranche = Guid.CreateVersion7();
                list.Add(new TranchePrepared(id, tranche, t.Amount, day, "0123456789", "Agribank", $"GN-{i}", Seeder, at));
                list.Add(new TrancheDisbursed(id, tranche, t.Amount, day, Guid.CreateVersion7(), Seeder, at));
                // 85 % pay every instalment due by the month's end; 10 % stop at a random instalment; 5 % never pay
                var behaviour = random.Next(100);
                var paidRows = p.Rows.Where(r => r.DueDate <= AsOf).ToArray();
                var stopAt = behaviour < 85 ? paidRows.Length : behaviour < 95 ? random.Next(paidRows.Length + 1) : 0;
                foreach (var row in paidRows.Take(stopAt))
                    list.Add(new LoanRepaymentRecorded(id, Guid.CreateVersion7(), row.Total, row.DueDate, RepaymentChannel.BankTransfer,
                        $"CK-{i}-{row.Number}", new HtxFund.Lending.PaymentAllocation(HtxFund.Lending.Money.Of(row.Total), default, default, default, default, HtxFund.Lending.Money.Of(row.Interest),
                            HtxFund.Lending.Money.Of(row.Principal), default, default, default),
                        Guid.CreateVersion7(), null, Seeder, at));
                session.Events.StartStream<Loan>(id, list.ToArray());
                events += list.Count;
            }
            await session.SaveChangesAsync();
        }
        return events;
    }
}
