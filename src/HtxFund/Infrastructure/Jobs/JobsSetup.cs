using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using Marten;

namespace HtxFund.Infrastructure.Jobs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>) only triggers recurring work; each job sends a Wolverine
/// command and the work itself is an ordinary handler. Each module declares its own jobs
/// (<see cref="RecurringJobs.AddRecurringJob{TJob}"/>); this registers them at start-up. Dashboard at <c>/hangfire</c> for Admins.</summary>
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
        builder.Services.AddRecurringJob<HeartbeatJob>(HeartbeatJob.Id, j => j.Run(CancellationToken.None), Cron.Minutely(), "HtxFund:Jobs:HeartbeatCron");
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
