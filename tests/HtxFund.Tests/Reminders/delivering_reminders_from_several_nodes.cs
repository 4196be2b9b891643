using HtxFund.Identity;
using HtxFund.Reminders;
using HtxFund.Reminders.Daily;
using HtxFund.Tests.Reminders.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Reminders;

/// <summary>The daily reminders with HtxFund:Nodes=Multiple, as production runs several nodes: Wolverine in Balanced
/// mode with its agents distributed (not Solo). Each reminder is its own stream with a deterministic id, so two nodes
/// running the day's job at the same moment record and send each reminder once.</summary>
[Collection(MultipleNodesCollection.Name)]
public sealed class delivering_reminders_from_several_nodes(MultipleNodesAppFixture fixture) : ReminderContext(fixture)
{
    [Fact]
    public async Task three_nodes_running_the_daily_job_at_the_same_moment_deliver_each_reminder_once()
    {
        var (_, due) = await DisbursedLoan();
        await DisbursedLoan(coopToken: await AnotherCooperative());
        await Submitted(Request(amount: 400_000_000));
        AdvanceTo(due.PlusDays(-7)); // two loans due in 7 days, and an application past its target (officer and director)
        const int expected = 4;

        var second = await Fixture.StartHostAsync();
        var third = await Fixture.StartHostAsync();
        try
        {
            var scopes = new[] { Host, second, third }.Select(h => h.Services.CreateScope()).ToList();
            var jobs = scopes.Select(s => ActivatorUtilities.CreateInstance<DailyRemindersJob>(s.ServiceProvider)).ToList();
            using var start = new Barrier(jobs.Count);
            await Task.WhenAll(jobs.Select(job => Task.Run(async () => { start.SignalAndWait(); await job.Run(CancellationToken.None); })));
            scopes.ForEach(s => s.Dispose());

            await Eventually(async () => (await Reminders()).Count == expected && (await Reminders()).All(r => r.Status == ReminderStatus.Sent),
                "every node's run is recorded and sent");
            await Eventually(async () => await Fixture.IncomingEnvelopes() == 0, "no message is left in any node's inbox");

            var mail = Mail();
            mail.Count.ShouldBe(expected);
            mail.Select(m => m.MessageId).Distinct().Count().ShouldBe(expected);
            (await Reminders()).Select(r => r.Key).Distinct().Count().ShouldBe(expected);
        }
        finally
        {
            await third.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
