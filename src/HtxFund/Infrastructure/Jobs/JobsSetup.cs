using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using Marten;

namespace HtxFund.Infrastructure.Jobs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>) only triggers recurring work; each job sends a Wolverine
/// command and the work itself is an ordinary handler. Dashboard at <c>/hangfire</c> for Admins.</summary>
public static class JobsSetup
{
    public static StoreOptions ConfigureJobs(this StoreOptions opts)
    {
        opts.Schema.For<SystemHeartbeat>().SingleTenanted();
        return opts;
    }

    public static WebApplicationBuilder AddHtxFundJobs(this WebApplicationBuilder builder)
    {
        var connectionString = Persistence.ConnectionString(builder.Configuration);
        var autoCreate = builder.Configuration.GetValue<bool>("HtxFund:Database:AutoCreateSchema");
        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = SchemaModel.HangfireSchema,
                // The schema comes from the committed migrations, never from the app at start-up.
                PrepareSchemaIfNecessary = autoCreate,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }));
        if (builder.Configuration.GetValue("HtxFund:Jobs:RunServer", true))
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = $"htxfund-{Environment.MachineName}-{Environment.ProcessId}";
                o.WorkerCount = builder.Configuration.GetValue("HtxFund:Jobs:Workers", 2);
                // How often each server looks for due recurring and scheduled jobs (a distributed lock lets one server
                // at a time enqueue a due occurrence, so several nodes still run each occurrence once).
                o.SchedulePollingInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("HtxFund:Jobs:SchedulePollingSeconds", 15.0));
            });
        }
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    public static WebApplication MapHtxFundJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                // Authorization is the endpoint's policy below; this filter only lets the request reach it.
                Authorization = [new AllowAuthorizedEndpoint()],
                DashboardTitle = "HtxFund: tác vụ định kỳ",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization(IdentitySetup.AdminPolicy);
        return app;
    }

    private sealed class AllowAuthorizedEndpoint : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}

/// <summary>Registers every recurring job at start-up (idempotent: Hangfire updates by job id).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["HtxFund:TimeZone"] ?? Time.TimeSetup.DefaultZone);
        jobs.AddOrUpdate<HeartbeatJob>(HeartbeatJob.Id, j => j.Run(CancellationToken.None),
            configuration["HtxFund:Jobs:HeartbeatCron"] ?? Cron.Minutely(), new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Http.Idempotency.PurgeIdempotencyRecordsJob>(Http.Idempotency.PurgeIdempotencyRecordsJob.Id,
            j => j.Run(CancellationToken.None), "30 2 * * *", new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Identity.SigningIn.PurgeSignInGuardsJob>(Identity.SigningIn.PurgeSignInGuardsJob.Id,
            j => j.Run(CancellationToken.None), "40 2 * * *", new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<Classification.MonthlyClassificationJob>(Classification.MonthlyClassificationJob.Id,
            j => j.Run(CancellationToken.None),
            configuration["HtxFund:Jobs:ClassificationCron"] ?? Classification.MonthlyClassificationJob.DefaultCron,
            new RecurringJobOptions { TimeZone = zone });
        var remindersZone = configuration["HtxFund:Jobs:RemindersTimeZone"] is { Length: > 0 } z ? TimeZoneInfo.FindSystemTimeZoneById(z) : zone;
        jobs.AddOrUpdate<Reminders.Daily.DailyRemindersJob>(Reminders.Daily.DailyRemindersJob.Id, j => j.Run(CancellationToken.None),
            configuration["HtxFund:Jobs:RemindersCron"] ?? Reminders.Daily.DailyRemindersJob.DefaultCron,
            new RecurringJobOptions { TimeZone = remindersZone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
