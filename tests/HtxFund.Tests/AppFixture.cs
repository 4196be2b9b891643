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
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Sunday 22/11/2026 10:00 in Asia/Ho_Chi_Minh.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 22, 3, 0);

    public FakeClock Clock { get; } = new(Start);
    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        ConnectionString = await TestDatabase.CreateAsync("app");
        await Migrations.ApplyPendingAsync(ConnectionString);

        Host = await AlbaHost.For<Program>(builder => ConfigureTestApp(builder, ConnectionString, Clock));
    }

    /// <summary>The test settings of the app, shared by the Alba host and the browser tests' Kestrel host.</summary>
    public static void ConfigureTestApp(IWebHostBuilder builder, string connectionString, FakeClock clock)
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
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(clock);
            services.MartenDaemonModeIsSolo();
            services.RunWolverineInSoloMode();
            services.DisableAllExternalWolverineTransports();
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}
