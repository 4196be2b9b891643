using HtxFund.Infrastructure.Jobs;
using HtxFund.Reminders.Notifications;
using HtxFund.Reminders.Sending;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace HtxFund.Reminders;

public static class RemindersConfiguration
{
    public static StoreOptions ConfigureReminders(this StoreOptions opts)
    {
        // One stream per reminder; its inline snapshot is the read model staff and cooperatives list.
        opts.Projections.Snapshot<Reminder>(SnapshotLifecycle.Inline);
        opts.Schema.For<Reminder>().Index(x => x.DayNumber).Index(x => x.CooperativeId!);
        opts.Schema.For<Notification>().Index(x => x.UserId!).Index(x => x.CooperativeId!);
        opts.Schema.For<UndeliverableAddress>();
        return opts;
    }

    /// <summary>SMTP (<c>HtxFund:Smtp:*</c>), the notice renderer, the daily run (07:00 by default, <c>HtxFund:Jobs:RemindersCron</c>
    /// in <c>HtxFund:Jobs:RemindersTimeZone</c> or the fund's zone), and the retry policy of <see cref="SendReminder"/>: while
    /// the SMTP server is unreachable (or answers 4xx) the message is rescheduled in the durable inbox after each delay
    /// of <c>HtxFund:Smtp:RetryDelaysSeconds</c>, the last delay repeating, until it goes through: nothing is dropped.</summary>
    public static IServiceCollection AddHtxFundReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var smtp = new SmtpOptions();
        configuration.GetSection(SmtpOptions.Section).Bind(smtp);
        services.AddSingleton(smtp);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<ReminderNotices>();
        services.AddRecurringJob<Daily.DailyRemindersJob>(Daily.DailyRemindersJob.Id, j => j.Run(CancellationToken.None),
            Daily.DailyRemindersJob.DefaultCron, "HtxFund:Jobs:RemindersCron", "HtxFund:Jobs:RemindersTimeZone");
        var delays = smtp.RetryDelays.ToArray();
        services.ConfigureWolverine(opts =>
        {
            opts.Policies.OnException<MailTemporarilyUnavailable>().Or<ReminderBusy>().ScheduleRetryIndefinitely(delays);
            // How often Wolverine looks for scheduled messages (the retries above) that are due; its default otherwise.
            if (configuration.GetValue<double?>("HtxFund:Wolverine:ScheduledJobPollingSeconds") is { } seconds)
                opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(seconds);
        });
        return services;
    }
}
