using Alba;
using HtxFund.Development;
using HtxFund.Identity;
using HtxFund.Reminders;
using HtxFund.Tests.Reminders.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Development;

/// <summary>In Development with the demo flag HtxFund:Demo:RemindOnStart (ops/run sets it), the app runs today's reminders
/// for each fund once when it has started (the daily job's own message), so the local mail sink shows them right away;
/// a restart records and sends nothing twice.</summary>
public sealed class running_todays_reminders_on_start(AppFixture fixture) : ReminderContext(fixture)
{
    /// <summary>The host's lifetime, started by the test.</summary>
    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();
        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
        public void Started() => _started.Cancel();
    }

    /// <summary>Starts a <see cref="RemindOnStart"/> as the host does, then the app, and waits until every message the run
    /// caused (each fund's run, each email) is handled.</summary>
    private async Task StartTheApp()
    {
        var lifetime = new Lifetime();
        var service = new RemindOnStart(lifetime, Host.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<RemindOnStart>.Instance);
        await service.StartAsync(CancellationToken.None);
        service.Completion.IsCompleted.ShouldBeTrue(); // nothing runs before the app has started
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ =>
        {
            lifetime.Started();
            return service.Completion;
        }));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task the_reminders_due_today_reach_the_sink_once_and_an_admin_reads_them()
    {
        Host.Services.GetRequiredService<MailSinkOptions>().Folder = Smtp.Folder;
        var (_, due) = await DisbursedLoan();
        AdvanceTo(due.PlusDays(-7)); // the upcoming instalment's reminder is due 7 days before
        Mail().ShouldBeEmpty();

        await StartTheApp();

        var reminders = await Reminders();
        reminders.Single().Status.ShouldBe(ReminderStatus.Sent);
        var sent = Mail();
        sent.Count.ShouldBe(reminders.Single().Deliveries.Count);
        sent.Count.ShouldBeGreaterThan(0);
        var listed = await Get("/api/dev/mail", await TokenFor(Roles.Admin));
        listed.Context.Response.StatusCode.ShouldBe(200, await listed.ReadAsTextAsync());
        (await listed.Read<ReceivedMailSummary[]>()).Select(m => m.Subject).Order().ShouldBe(sent.Select(m => m.Subject).Order());

        await StartTheApp(); // a restart the same day
        (await Reminders()).Count.ShouldBe(1);
        Mail().Count.ShouldBe(sent.Count);
    }

    private static IServiceCollection Configured(string environment, bool remindOnStart)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(RemindOnStart.Setting, remindOnStart ? "true" : "false")]).Build();
        return new ServiceCollection().AddHtxFundDevelopment(configuration, new HostingEnvironment { EnvironmentName = environment });
    }

    [Fact]
    public void only_the_flag_in_development_runs_them_and_the_flag_elsewhere_stops_the_app_from_starting()
    {
        Configured(Environments.Development, remindOnStart: true).ShouldContain(d => d.ImplementationType == typeof(RemindOnStart));
        Configured(Environments.Development, remindOnStart: false).ShouldNotContain(d => d.ImplementationType == typeof(RemindOnStart));
        Configured(Environments.Production, remindOnStart: false).ShouldNotContain(d => d.ImplementationType == typeof(RemindOnStart));

        Should.Throw<InvalidOperationException>(() => Configured(Environments.Production, remindOnStart: true))
            .Message.ShouldContain(RemindOnStart.Setting);
    }
}
