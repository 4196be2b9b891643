namespace HtxFund.Development;

public static class DevelopmentConfiguration
{
    /// <summary>The local mail sink's reader (<c>HtxFund:MailSink:Folder</c>, read only in Development by
    /// <see cref="ReceivedMailEndpoints"/> and the page /quan-tri/hop-thu), and in Development with
    /// <c>HtxFund:Demo:RemindOnStart</c> today's reminders once on start (<see cref="RemindOnStart"/>).</summary>
    public static IServiceCollection AddHtxFundDevelopment(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var sink = new MailSinkOptions();
        configuration.GetSection(MailSinkOptions.Section).Bind(sink);
        services.AddSingleton(sink);
        services.AddSingleton<MailSink>();
        if (configuration.GetValue<bool>(RemindOnStart.Setting))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException($"{RemindOnStart.Setting} is a Development-only setting; remove it.");
            services.AddHostedService<RemindOnStart>();
        }
        return services;
    }
}
