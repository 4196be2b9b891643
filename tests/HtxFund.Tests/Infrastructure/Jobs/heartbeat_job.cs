using Hangfire;
using Hangfire.Storage;
using HtxFund.Infrastructure.Jobs;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Infrastructure.Jobs;

public sealed class heartbeat_job(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void the_heartbeat_is_registered_as_a_recurring_job_in_hangfire()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Where(j => j.Id == HeartbeatJob.Id).ShouldHaveSingleItem();
        job.Cron.ShouldBe("* * * * *");
        job.TimeZoneId.ShouldBe("Asia/Ho_Chi_Minh");
    }

    [Fact]
    public async Task the_job_sends_a_wolverine_command_whose_handler_records_the_beat()
    {
        // Hangfire activates jobs in a DI scope; so does the test.
        using var scope = Host.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<HeartbeatJob>(scope.ServiceProvider);

        await job.Run(CancellationToken.None);
        Clock.Advance(Duration.FromMinutes(1));
        await job.Run(CancellationToken.None);

        await using var session = Store.QuerySession();
        var beat = await session.LoadAsync<SystemHeartbeat>(SystemHeartbeat.SingletonId);
        beat.ShouldNotBeNull();
        beat.Count.ShouldBe(2);
        beat.LastBeatAt.ShouldBe(AppFixture.Start + Duration.FromMinutes(1));
        beat.Source.ShouldBe("hangfire");
    }
}
