using System.Linq.Expressions;
using Hangfire;

namespace HtxFund.Infrastructure.Jobs;

/// <summary>
/// A recurring job a module declares in its own configuration (<see cref="RecurringJobs.AddRecurringJob{TJob}"/>):
/// Hangfire adds or updates it by id at start-up, with its cron from configuration (or the default) in the fund's time
/// zone (or the zone a setting names). The job class only sends a Wolverine command; the work is an ordinary handler.
/// </summary>
public sealed class RecurringJobDeclaration(string id, string defaultCron, string? cronKey, string? timeZoneKey,
    Action<IRecurringJobManager, string, RecurringJobOptions> addOrUpdate)
{
    public string Id { get; } = id;

    public void Register(IRecurringJobManager jobs, IConfiguration configuration, TimeZoneInfo fundZone)
    {
        var cron = cronKey is not null && configuration[cronKey] is { Length: > 0 } configured ? configured : defaultCron;
        var zone = timeZoneKey is not null && configuration[timeZoneKey] is { Length: > 0 } z ? TimeZoneInfo.FindSystemTimeZoneById(z) : fundZone;
        addOrUpdate(jobs, cron, new RecurringJobOptions { TimeZone = zone });
    }
}

public static class RecurringJobs
{
    /// <summary>Declares a recurring job of the module: <paramref name="run"/> is what Hangfire calls (a method of the job
    /// class that sends one Wolverine command); <paramref name="cronKey"/> names the setting that overrides
    /// <paramref name="defaultCron"/>, <paramref name="timeZoneKey"/> the one that overrides the fund's time zone.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, Expression<Func<TJob, Task>> run,
        string defaultCron, string? cronKey = null, string? timeZoneKey = null) =>
        services.AddSingleton(new RecurringJobDeclaration(id, defaultCron, cronKey, timeZoneKey,
            (jobs, cron, options) => jobs.AddOrUpdate(id, run, cron, options)));
}

/// <summary>Registers every declared recurring job at start-up (idempotent: Hangfire updates by job id).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IConfiguration configuration, IEnumerable<RecurringJobDeclaration> declared)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["HtxFund:TimeZone"] ?? Time.TimeSetup.DefaultZone);
        foreach (var job in declared) job.Register(jobs, configuration, zone);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
