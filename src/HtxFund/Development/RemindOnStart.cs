using HtxFund.Reminders.Daily;
using Wolverine;

namespace HtxFund.Development;

/// <summary>
/// Development with the demo flag <c>HtxFund:Demo:RemindOnStart</c> (ops/run sets it): once the app has started, it runs
/// today's reminders for every fund once, through the daily job's own message (<see cref="RunDailyReminders"/>), so the
/// local mail sink shows them right away instead of at 07:00. A reminder already recorded today is not recorded again
/// (each reminder's stream id comes from its key), so restarting, or several nodes, send nothing twice.
/// </summary>
public sealed class RemindOnStart(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes, ILogger<RemindOnStart> logger)
    : IHostedService
{
    public const string Setting = "HtxFund:Demo:RemindOnStart";

    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    /// <summary>The run started when the app started (completed before that, and once the reminders are recorded).</summary>
    public Task Completion => _run;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _run = RunAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new RunDailyReminders(), ct);
            logger.LogInformation("Today's reminders ran on start ({Setting})", Setting);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Today's reminders did not run on start ({Setting})", Setting);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try { await _run.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }
}
