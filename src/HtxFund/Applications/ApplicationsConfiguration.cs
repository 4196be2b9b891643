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
            // The registers of decisions and of files, numbered from 1 each year (Registers.NextAsync takes the numbers
            // without collisions): the unique indexes only guard against a number written twice by any other path.
            .UniqueIndex(UniqueIndexType.Computed, "uix_application_decision_number_year", TenancyScope.PerTenant,
                x => x.Decision!.DecisionNumber, x => x.DecisionYear!)
            .UniqueIndex(UniqueIndexType.Computed, "uix_application_number", TenancyScope.PerTenant, x => x.ApplicationNumber!);
        opts.ConfigureRegisters();
        return opts;
    }

    public static IServiceCollection AddHtxFundApplications(this IServiceCollection services)
    {
        services.AddSingleton<DecisionLetterService>();
        return services;
    }
}
