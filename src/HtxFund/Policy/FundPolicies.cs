using Marten;

namespace HtxFund.Policy;

/// <summary>Where a fund's policy lives and how other slices read it.</summary>
public static class FundPolicies
{
    /// <summary>The policy stream of every fund. Streams and documents are tenant-scoped (conjoined tenancy, keys
    /// (tenant_id, id)), so one well-known id serves each fund separately.</summary>
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0001");

    /// <summary>The policy in force for the session's fund: the latest adopted version, or the defaults (version 1)
    /// when the fund never adopted one. The session is already scoped to the fund (tenant).</summary>
    public static async Task<FundPolicy> CurrentAsync(IQuerySession session, CancellationToken ct) =>
        Current(await session.LoadAsync<FundPolicyStream>(StreamId, ct));

    /// <summary>The same, read in a batch with other queries: complete it with <see cref="Current"/>.</summary>
    public static Task<FundPolicyStream?> Load(Marten.Services.BatchQuerying.IBatchedQuery batch) => batch.Load<FundPolicyStream>(StreamId);

    public static FundPolicy Current(FundPolicyStream? stream) => stream?.Current ?? FundPolicy.Default;

    /// <summary>The policy as it was in <paramref name="version"/> (read from the policy stream's events; version 1 is the
    /// defaults unless the fund adopted a version 1 of its own). Throws when the fund never had that version.</summary>
    public static async Task<FundPolicy> VersionAsync(IQuerySession session, int version, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(StreamId, token: ct);
        var adopted = events.Select(e => e.Data).OfType<FundPolicyAdopted>().FirstOrDefault(e => e.Version == version);
        if (adopted is not null) return FundPolicy.From(adopted);
        if (version == FundPolicy.Default.Version) return FundPolicy.Default;
        throw new InvalidOperationException($"Fund {session.TenantId} has no policy version {version}.");
    }
}
