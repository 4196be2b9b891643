using HtxFund.Notices.Delivering;
using HtxFund.Notices.Producing;
using HtxFund.Reminders.Sending;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace HtxFund.Notices;

public static class NoticesConfiguration
{
    public static StoreOptions ConfigureNotices(this StoreOptions opts)
    {
        opts.Schema.For<NoticePreferences>();
        opts.Schema.For<NoticeDelivery>().Index(x => x.NoticeId);
        return opts;
    }

    /// <summary><c>HtxFund:Notices:*</c>, the subscription that turns events into notices (run by the async daemon), and the
    /// retry of <see cref="Reminders.Notifications.SendNotice"/> while another node holds a recipient (the SMTP server's
    /// outages are retried by the policy of <see cref="MailTemporarilyUnavailable"/>, <see cref="RemindersConfiguration"/>).</summary>
    public static IServiceCollection AddHtxFundNotices(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new NoticeOptions();
        configuration.GetSection(NoticeOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.SubscribeToEventsWithServices<NoticesSubscription>(ServiceLifetime.Singleton);
        var smtp = new SmtpOptions();
        configuration.GetSection(SmtpOptions.Section).Bind(smtp);
        var delays = smtp.RetryDelays.ToArray();
        services.ConfigureWolverine(opts => opts.Policies.OnException<NoticeBusy>().ScheduleRetryIndefinitely(delays));
        return services;
    }
}
