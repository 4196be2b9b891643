using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Alba;
using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Totals;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Wolverine.Runtime;

namespace HtxFund.Tests.Infrastructure.Nodes;

/// <summary>
/// Several application nodes with <c>HtxFund:Nodes=Multiple</c> on one fresh database (built from the migrations):
/// in-process Alba hosts, and optionally the built app as a separate process that can be killed with SIGKILL.
/// Disposing stops every node it started and drops the database.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string Projection = "lendingtotals";

    public string ConnectionString { get; }
    public FakeClock Clock { get; } = new(AppFixture.Start);
    private readonly List<IAlbaHost> _hosts = [];
    private readonly List<Process> _processes = [];

    private Cluster(string connectionString) => ConnectionString = connectionString;

    public static async Task<Cluster> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync("nodes");
        await HtxFund.Infrastructure.Database.Migrations.ApplyPendingAsync(database);
        var cluster = new Cluster(database);
        return cluster;
    }

    /// <summary>Starts an in-process node; <paramref name="configure"/> adds settings (e.g. a Hangfire server).</summary>
    public async Task<IAlbaHost> StartNodeAsync(Action<IWebHostBuilder>? configure = null)
    {
        var host = await AlbaHost.For<Program>(builder =>
        {
            AppFixture.ConfigureTestApp(builder, ConnectionString, Clock, severalNodes: true);
            configure?.Invoke(builder);
        });
        _hosts.Add(host);
        return host;
    }

    /// <summary>Stops an in-process node cleanly (it hands its agents over).</summary>
    public async Task StopNodeAsync(IAlbaHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    public static Guid NodeId(IAlbaHost host) => host.Services.GetRequiredService<IWolverineRuntime>().Options.UniqueNodeId;

    public async Task SeedFundsAndStaffAsync(IAlbaHost host) => await TestUsers.SeedFundsAndStaffAsync(host.Services);

    /// <summary>The nodes that own an assignment of the agent whose URI contains <paramref name="agent"/> (normally one).</summary>
    public async Task<IReadOnlyList<Guid>> OwnersOf(string agent)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT node_id FROM wolverine.wolverine_node_assignments WHERE lower(id) LIKE '%' || $1 || '%' AND node_id IS NOT NULL", conn);
        cmd.Parameters.AddWithValue(agent);
        var owners = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) owners.Add(reader.GetGuid(0));
        return owners;
    }

    /// <summary>Every async projection agent (its URI) and the node it is assigned to (null while unassigned).</summary>
    public async Task<IReadOnlyDictionary<string, Guid?>> ProjectionAssignments()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT id, node_id FROM wolverine.wolverine_node_assignments WHERE id LIKE 'event-subscriptions://%'", conn);
        var assignments = new Dictionary<string, Guid?>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) assignments[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        return assignments;
    }

    /// <summary>True when every async projection has recorded progress up to the last event appended.</summary>
    public async Task<bool> ProjectionsCaughtUp(int projections)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT count(*) = $1 AND bool_and(last_seq_id >= (SELECT max(seq_id) FROM htxfund.mt_events))
            FROM htxfund.mt_event_progression WHERE name LIKE '%:%' -- projection:shard rows, not the daemon's own marks
            """, conn);
        cmd.Parameters.AddWithValue((long)projections);
        return await cmd.ExecuteScalarAsync() is true;
    }

    public async Task<IReadOnlyList<Guid>> LiveNodes()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM wolverine.wolverine_nodes", conn);
        var nodes = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) nodes.Add(reader.GetGuid(0));
        return nodes;
    }

    /// <summary>Appends <paramref name="count"/> disbursements of <paramref name="amount"/> in fund daklak through
    /// <paramref name="host"/>'s store (each its own loan stream).</summary>
    public static async Task DisburseThrough(IAlbaHost host, int count, long amount)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession(IntegrationContext.FundA);
        var by = new Actor(Guid.NewGuid(), "daklak.chiefaccountant", [Roles.ChiefAccountant]);
        for (var i = 0; i < count; i++)
        {
            var (loan, tranche, day) = (Guid.CreateVersion7(), Guid.NewGuid(), new LocalDate(2026, 11, 22));
            // a loan stream begins with its application (the inline loan snapshot folds from it)
            var request = new LoanRequest("Mua máy sấy cà phê", "Nông nghiệp", amount * 2, amount, amount, 36,
                RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 0, [], true, new PriorityFlags());
            session.Events.StartStream(loan,
                new ApplicationDrafted(loan, Guid.NewGuid(), null, $"HTX thử nghiệm {i}", "Đắk Lắk", request, by, AppFixture.Start, day),
                new TranchePrepared(loan, tranche, amount, day, "0123456789", "Agribank Đắk Lắk", $"GN-{i}", by, AppFixture.Start),
                new TrancheDisbursed(loan, tranche, amount, day, Guid.NewGuid(), by, AppFixture.Start));
        }
        await session.SaveChangesAsync();
    }

    public async Task<LendingTotals?> Totals()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT (data->>'tranchesDisbursed')::int, (data->>'amountDisbursed')::bigint FROM htxfund.mt_doc_lendingtotals WHERE tenant_id = $1 AND id = $2", conn);
        cmd.Parameters.AddWithValue(IntegrationContext.FundA);
        cmd.Parameters.AddWithValue(LendingTotals.SingletonId);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new LendingTotals { TranchesDisbursed = reader.GetInt32(0), AmountDisbursed = reader.GetInt64(1) } : null;
    }

    // ---- the built app as a separate process ----------------------------------------------------------------------

    /// <summary>Starts the built app (<c>src/HtxFund/bin/&lt;configuration&gt;/net10.0/HtxFund.dll</c>) as its own process in
    /// Multiple mode on a free loopback port, without a Hangfire server; returns it and its base URL once it answers ready.</summary>
    public async Task<(Process Process, Uri Url)> StartProcessNodeAsync(TimeSpan timeout)
    {
        var port = FreePort();
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["HTXFUND_DB"] = ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["HtxFund__Nodes"] = "Multiple";
        // the same schema rule as the in-process hosts (AppFixture.ConfigureTestApp): only from migrations unless opted in
        if (Environment.GetEnvironmentVariable("HTXFUND_TEST_AUTOCREATE") == "1") start.Environment["HtxFund__Database__AutoCreateSchema"] = "true";
        start.Environment["HtxFund__Jobs__RunServer"] = "false";
        start.Environment["HtxFund__Logging__Json"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in AppFixture.ClusterTestTiming) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app process");
        _processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"the app process exited with {process.ExitCode}");
            try { return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, "the app process answers ready", timeout);
        return (process, url);
    }

    /// <summary>The Wolverine node id a separate process reports in <c>/health/ready</c>.</summary>
    public static async Task<Guid> NodeIdOf(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
        return doc.RootElement.GetProperty("checks").GetProperty("node").GetProperty("data").GetProperty("nodeId").GetGuid();
    }

    private static string AppDll()
    {
        // tests/HtxFund.Tests/bin/<Configuration>/net10.0/ -> src/HtxFund/bin/<Configuration>/net10.0/HtxFund.dll
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "HtxFund", "bin", configuration, testBin.Name, "HtxFund.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The built app is missing (build src/HtxFund in {configuration}).", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (polling, never a fixed sleep) until <paramref name="condition"/> holds, or fails after the timeout.</summary>
    public static Task<TimeSpan> Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Waiting.Eventually(condition, what, timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
            process.Dispose();
        }
        foreach (var host in _hosts.AsEnumerable().Reverse()) await host.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}
