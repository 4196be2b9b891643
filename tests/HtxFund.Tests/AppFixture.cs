using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Tests.Support;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Wolverine;

// Collections run one after the other: each boots its own app (Wolverine, Marten daemon) and the machine is small.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace HtxFund.Tests;

/// <summary>
/// Boots the real application once per test collection against its own database in the throwaway cluster.
/// The database is built only from the committed migrations (the app is not allowed to create schema), so every
/// test also exercises the migrations. Time is a <see cref="FakeClock"/>.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly bool _severalNodes;

    public AppFixture() : this(severalNodes: false) { }

    /// <summary>With <paramref name="severalNodes"/> every host runs as in production with HtxFund:Nodes=Multiple
    /// (Wolverine assigns agents, no Solo daemon); see <see cref="MultipleNodesAppFixture"/>.</summary>
    protected AppFixture(bool severalNodes) => _severalNodes = severalNodes;

    /// <summary>Sunday 22/11/2026 10:00 in Asia/Ho_Chi_Minh.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 22, 3, 0);

    public FakeClock Clock { get; } = new(Start);
    /// <summary>A real SMTP server on loopback that the app sends its email to (see Reminders tests).</summary>
    public SmtpTestServer Smtp { get; } = new();
    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        ConnectionString = await TestDatabase.CreateAsync("app");
        await Migrations.ApplyPendingAsync(ConnectionString);
        await Smtp.StartAsync();
        Host = await StartHostAsync();
    }

    /// <summary>Boots an application host on the fixture's database, clock and SMTP server. The fixture's own host is
    /// one; tests of several nodes start more (and dispose them).</summary>
    public async Task<IAlbaHost> StartHostAsync() =>
        await AlbaHost.For<Program>(builder => ConfigureTestApp(builder, ConnectionString, Clock, Smtp.Port, _severalNodes));

    /// <summary>The test settings of the app, shared by the Alba host and the browser tests' Kestrel host. With
    /// <paramref name="smtpPort"/> the app sends its email to that loopback SMTP server, with short retry delays.</summary>
    public static void ConfigureTestApp(IWebHostBuilder builder, string connectionString, FakeClock clock, int? smtpPort = null,
        bool severalNodes = false)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("HTXFUND_DB", connectionString);
        // Only from migrations, unless a developer opts in while a new model has no migration yet
        // (migrations_match_the_model still fails in that case, so ops/test stays honest).
        builder.UseSetting("HtxFund:Database:AutoCreateSchema",
            Environment.GetEnvironmentVariable("HTXFUND_TEST_AUTOCREATE") == "1" ? "true" : "false");
        builder.UseSetting("HtxFund:Jobs:RunServer", "false");
        builder.UseSetting("HtxFund:Security:PasswordHashIterations", "1000");
        builder.UseSetting("HtxFund:Logging:Json", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (smtpPort is { } port)
        {
            builder.UseSetting("HtxFund:Smtp:Host", "127.0.0.1");
            builder.UseSetting("HtxFund:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("HtxFund:Smtp:Security", "None");
            builder.UseSetting("HtxFund:Smtp:FromAddress", "nhac-no@quy-htx.test");
            builder.UseSetting("HtxFund:Smtp:TimeoutSeconds", "10");
            // Short backoff so that an outage in a test ends in seconds.
            builder.UseSetting("HtxFund:Smtp:RetryDelaysSeconds:0", "0.2");
            builder.UseSetting("HtxFund:Smtp:RetryDelaysSeconds:1", "0.5");
            builder.UseSetting("HtxFund:Smtp:RetryDelaysSeconds:2", "1");
        }
        builder.UseSetting("HtxFund:Wolverine:ScheduledJobPollingSeconds", "0.5");
        // Notices to staff and cooperatives stay off, so the inboxes and mail boxes of other features' tests hold only what
        // they test; the notices' tests turn them on (NoticeContext).
        builder.UseSetting("HtxFund:Notices:Enabled", "false");
        if (severalNodes)
        {
            // HtxFund:Nodes=Multiple as in production, with a fast heartbeat so that failover happens within seconds.
            builder.UseSetting("HtxFund:Nodes", "Multiple");
            foreach (var (key, value) in ClusterTestTiming) builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(clock);
            // the loan book booking reads the parsed files the tests hand in (issue 21: the reader is wired in by the integrator)
            services.AddSingleton<HtxFund.Migration.Booking.ILoanBookSource, Migration.Booking.Support.LoanBookModels>();
            if (!severalNodes)
            {
                // (no MartenDaemonModeIsSolo: Wolverine runs the async projections, and refuses a Marten-side daemon)
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            }
            // (several nodes talk to each other through Wolverine's control queue in PostgreSQL: it must stay on)
        });
    }

    /// <summary>Cluster timing of the tests of several nodes (in-process hosts and separate processes alike).</summary>
    public static readonly IReadOnlyDictionary<string, string> ClusterTestTiming = new Dictionary<string, string>
    {
        ["HtxFund:Cluster:HeartbeatSeconds"] = "1",
        ["HtxFund:Cluster:StaleNodeSeconds"] = "5",
        ["HtxFund:Cluster:AssignmentCheckSeconds"] = "2",
        ["HtxFund:Cluster:FirstHeartbeatSeconds"] = "0.5",
    };

    /// <summary>Messages in Wolverine's durable inbox not handled yet (incoming or scheduled for a retry), every node.</summary>
    public async Task<long> IncomingEnvelopes()
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE status <> 'Handled'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
        await Smtp.DisposeAsync();
    }
}

/// <summary>The fixture of <see cref="MultipleNodesCollection"/>: its host and every host a test starts run with
/// HtxFund:Nodes=Multiple on the fixture's database.</summary>
public sealed class MultipleNodesAppFixture() : AppFixture(severalNodes: true);

[CollectionDefinition(Name)]
public sealed class MultipleNodesCollection : ICollectionFixture<MultipleNodesAppFixture>
{
    public const string Name = "multiple-nodes";
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}
