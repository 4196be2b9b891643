using HtxFund.Collections.Daily;
using HtxFund.Infrastructure.Jobs;
using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Collections;

public static class CollectionsConfiguration
{
    public static StoreOptions ConfigureCollections(this StoreOptions opts)
    {
        // One stream per loan in collection (id derived from the loan id), kept inline: commands load it through
        // Wolverine's aggregate workflow, the worklist and the loan's history read the document.
        opts.Projections.Snapshot<CollectionCase>(SnapshotLifecycle.Inline);
        opts.Schema.For<CollectionCase>().Index(x => x.LoanId);
        return opts;
    }

    /// <summary>The daily promise run (06:30 by default, <c>HtxFund:Jobs:CollectionsCron</c> in
    /// <c>HtxFund:Jobs:CollectionsTimeZone</c> or the fund's zone) and the VietQR settings (<c>HtxFund:Payments</c>).</summary>
    public static IServiceCollection AddHtxFundCollections(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRecurringJob<DailyCollectionsJob>(DailyCollectionsJob.Id, j => j.Run(CancellationToken.None), DailyCollectionsJob.DefaultCron,
            "HtxFund:Jobs:CollectionsCron", "HtxFund:Jobs:CollectionsTimeZone");
        services.AddSingleton(PaymentSettings.From(configuration));
        return services;
    }
}
