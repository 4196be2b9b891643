using HtxFund.Applications.Deciding;
using HtxFund.Applications.GettingDetails;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

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
            .Index(x => x.CompleteFileDayNumber)
            // The register of decisions, numbered from 1 each year: two decisions of the same year cannot share a
            // number (the second of two taken at the same moment fails with 409 and its retry takes the next number).
            .UniqueIndex(UniqueIndexType.Computed, "uix_application_decision_number_year", TenancyScope.PerTenant,
                x => x.Decision!.DecisionNumber, x => x.DecisionYear!);
        return opts;
    }

    public static IServiceCollection AddHtxFundApplications(this IServiceCollection services)
    {
        services.AddSingleton<DecisionLetterService>();
        return services;
    }
}
