using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Weasel.Core;
using JasperFx.MultiTenancy;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Postgresql;

namespace HtxFund.Infrastructure.Database;

/// <summary>How this node shares work with others (configuration <c>HtxFund:Nodes</c>).</summary>
public enum NodeMode
{
    /// <summary>One application node: Wolverine durability runs Solo and starts every agent (async projections) here.</summary>
    Single,
    /// <summary>Several nodes on one database: Wolverine distributes projections and agents (never Marten HotCold, see STACK.md).</summary>
    Multiple,
}

public static class Persistence
{
    public const string Schema = "htxfund";
    public const string WolverineSchema = "wolverine";

    /// <summary>The connection string: <c>HTXFUND_DB</c> or <c>ConnectionStrings:HtxFund</c>.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["HTXFUND_DB"] is { Length: > 0 } fromEnv
            ? fromEnv
            : configuration.GetConnectionString("HtxFund")
              ?? throw new InvalidOperationException(
                  "No database configured: set HTXFUND_DB or ConnectionStrings:HtxFund (ops/run starts a private PostgreSQL for you).");

    /// <summary>Repeated statements are prepared per pooled connection (up to this many) and plans stay custom; why:
    /// docs/design/storage.md, "Prepared statements and custom plans".</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>How the app's connections compress the large values they write (the loan and loan view documents are
    /// stored out of line, compressed): LZ4 rather than PostgreSQL's default pglz; why: docs/design/storage.md,
    /// "Documents compressed with LZ4".</summary>
    public const string ToastCompression = "lz4";

    /// <summary>The app's connection settings, each unless the connection string sets it: repeated statements prepared
    /// (<see cref="DefaultMaxAutoPrepare"/>), custom plans, and large values compressed with <see cref="ToastCompression"/>.</summary>
    public static NpgsqlDataSourceBuilder ConfigureConnections(NpgsqlDataSourceBuilder builder)
    {
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
            settings.AutoPrepareMinUsages = 2;
        }
        if (settings.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            settings.Options = $"{settings.Options} -c plan_cache_mode=force_custom_plan".Trim();
        if (settings.Options?.Contains("default_toast_compression", StringComparison.Ordinal) != true)
            settings.Options = $"{settings.Options} -c default_toast_compression={ToastCompression}".Trim();
        return builder;
    }

    /// <summary>Whether the app may create or alter schema objects itself. Only Development and tests
    /// that ask for it; Production relies on the committed migrations applied by <c>ops/migrate</c>.</summary>
    public static AutoCreate SchemaAutoCreate(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("HtxFund:Database:AutoCreateSchema") switch
        {
            true => AutoCreate.CreateOrUpdate,
            false => AutoCreate.None,
            null => AutoCreate.None,
        };

    public static void AddHtxFundPersistence(this WebApplicationBuilder builder, Action<StoreOptions> configureModules)
    {
        var configuration = builder.Configuration;
        var connectionString = ConnectionString(configuration);
        var autoCreate = SchemaAutoCreate(configuration, builder.Environment);
        var nodes = configuration.GetValue("HtxFund:Nodes", NodeMode.Single);

        builder.Services.AddNpgsqlDataSource(connectionString, b => ConfigureConnections(b.UseNodaTime()));

        builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = Schema;
                opts.AutoCreateSchemaObjects = autoCreate;
                // System.Text.Json, enums as strings, camelCase, NodaTime ISO (Marten's serializer, read in one pass: see StoreJsonSerializer)
                opts.Serializer(StoreJsonSerializer.Create());

                // One tenant per fund, all in one database (conjoined tenancy).
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Events.MetadataConfig.UserNameEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;

                // Strict projection errors: a projection that cannot apply an event stops, it does not skip.
                opts.Projections.Errors.SkipApplyErrors = false;
                opts.Projections.Errors.SkipSerializationErrors = false;
                opts.Projections.Errors.SkipUnknownEvents = false;
                opts.Projections.RebuildErrors.SkipApplyErrors = false;

                opts.Advanced.ExceptionTransforms.AddTransform(new FirstDatabaseFailure());

                configureModules(opts);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .IntegrateWithWolverine(w =>
            {
                w.MessageStorageSchemaName = WolverineSchema;
                // Wolverine runs the async projections as agents in both modes: Solo durability starts every agent on
                // this node; Balanced lets the leader assign each projection to one live node and move it when that node
                // dies. (Marten's own AddAsyncDaemon(Solo) leaves an idle ExplicitProjectionCoordinator once Wolverine is
                // integrated, and its HotCold mode is refused, see STACK.md.)
                w.UseWolverineManagedEventSubscriptionDistribution = true;
            });

        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(Persistence).Assembly;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableInboxOnAllListeners();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.Durability.Mode = nodes == NodeMode.Single ? DurabilityMode.Solo : DurabilityMode.Balanced;
            if (nodes == NodeMode.Multiple) Nodes.ClusterTiming.From(configuration).ApplyTo(opts.Durability);
            opts.AutoBuildMessageStorageOnStartup = autoCreate;
            opts.CodeGeneration.TypeLoadMode =
                builder.Environment.IsProduction() ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
            opts.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>, NodaJsonOptions>();
            // 'Instant now' and 'LocalDate today' parameters of handlers and endpoints are the business time
            opts.CodeGeneration.Sources.Add(new HtxFund.Infrastructure.Time.BusinessTimeVariableSource());
        });
        builder.Services.AddWolverineHttp();
    }
}

/// <summary>HTTP JSON: camelCase, enums as strings, NodaTime ISO formats, and the reading rules of request bodies
/// (<see cref="HtxFund.Infrastructure.Http.RequestJson.Configure"/>).</summary>
internal sealed class NodaJsonOptions : IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>
{
    public void Configure(Microsoft.AspNetCore.Http.Json.JsonOptions options)
    {
        options.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        HtxFund.Infrastructure.Http.RequestJson.Configure(options.SerializerOptions);
    }
}
