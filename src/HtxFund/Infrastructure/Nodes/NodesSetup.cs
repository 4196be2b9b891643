namespace HtxFund.Infrastructure.Nodes;

/// <summary>What several nodes on one database share beyond Wolverine and Hangfire: the Data Protection key ring, and a
/// node section in <c>/health/ready</c>. Wolverine's part is in <see cref="Database.Persistence"/> (HtxFund:Nodes).</summary>
public static class NodesSetup
{
    public static IServiceCollection AddHtxFundNodes(this IServiceCollection services)
    {
        services.AddHtxFundDataProtection();
        services.AddHealthChecks().AddCheck<NodeHealthCheck>("node", tags: ["ready"]);
        return services;
    }
}
