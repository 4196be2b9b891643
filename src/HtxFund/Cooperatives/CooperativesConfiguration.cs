using HtxFund.Cooperatives.GettingDetails;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

namespace HtxFund.Cooperatives;

public static class CooperativesConfiguration
{
    public static StoreOptions ConfigureCooperatives(this StoreOptions opts)
    {
        // Declared up front so the schema model is the same before and after the first FetchForWriting.
        opts.Projections.LiveStreamAggregation<Cooperative>();
        opts.Projections.Add<CooperativeDetailsProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CooperativeDetails>()
            // One registration per tax code in each fund; the database enforces it even under concurrency.
            .UniqueIndex(UniqueIndexType.Computed, "uix_cooperative_tax_code", TenancyScope.PerTenant, x => x.TaxCode)
            .Index(x => x.Province)
            .Index(x => x.Name);
        return opts;
    }
}
