using HtxFund.Infrastructure.Jobs;
using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Classification;

public static class ClassificationConfiguration
{
    public static StoreOptions ConfigureClassification(this StoreOptions opts)
    {
        // The run stream's inline snapshot is its read model: one document per fund and month, read by id.
        opts.Projections.Snapshot<ClassificationRun>(SnapshotLifecycle.Inline);
        return opts;
    }

    /// <summary>The monthly job (<c>HtxFund:Jobs:ClassificationCron</c>, by default 07:00 on days 1–7: the handler acts on
    /// each fund's first working day only).</summary>
    public static IServiceCollection AddHtxFundClassification(this IServiceCollection services) =>
        services.AddRecurringJob<MonthlyClassificationJob>(MonthlyClassificationJob.Id, j => j.Run(CancellationToken.None),
            MonthlyClassificationJob.DefaultCron, "HtxFund:Jobs:ClassificationCron");
}
