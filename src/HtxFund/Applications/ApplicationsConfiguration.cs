using HtxFund.Applications.Deciding;
using HtxFund.Applications.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace HtxFund.Applications;

public static class ApplicationsConfiguration
{
    public static StoreOptions ConfigureApplications(this StoreOptions opts)
    {
        opts.Projections.LiveStreamAggregation<LoanApplication>();
        opts.Projections.Add<ApplicationDetailsProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ApplicationDetails>()
            .Index(x => x.BorrowerKey)
            .Index(x => x.CooperativeId)
            .Index(x => x.CompleteFileDayNumber);
        return opts;
    }

    public static IServiceCollection AddHtxFundApplications(this IServiceCollection services)
    {
        services.AddSingleton<DecisionLetterService>();
        return services;
    }
}
