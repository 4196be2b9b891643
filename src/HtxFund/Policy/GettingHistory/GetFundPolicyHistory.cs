using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Policy.GettingHistory;

/// <summary>One version of the policy: who adopted it, when, why, and what changed from the version before.</summary>
public sealed record FundPolicyVersion(
    int Version,
    Actor? AdoptedBy,
    Instant? AdoptedAt,
    LocalDate? EffectiveFrom,
    string? Reason,
    FundPolicySettings Settings,
    IReadOnlyList<PolicyChange> Changes);

public static class GetFundPolicyHistoryEndpoint
{
    /// <summary>Every version of the fund's policy, oldest first, starting with the defaults (version 1), each with
    /// the settings it changed. Read from the event stream itself.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/policy/history", OperationId = "getFundPolicyHistory")]
    [Tags("Chính sách quỹ")]
    [ProducesResponseType<IReadOnlyList<FundPolicyVersion>>(200)]
    public static async Task<IReadOnlyList<FundPolicyVersion>> Get(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(FundPolicies.StreamId, token: ct);
        return History(events.Select(e => e.Data).OfType<FundPolicyAdopted>());
    }

    /// <summary>The versions with their differences, from the adopted events in order.</summary>
    public static IReadOnlyList<FundPolicyVersion> History(IEnumerable<FundPolicyAdopted> adopted)
    {
        var defaults = FundPolicy.Default;
        var versions = new List<FundPolicyVersion>
        {
            new(defaults.Version, null, null, null, "Tham số mặc định theo quy định pháp luật (Nghị định 45/2021 và các văn bản liên quan).",
                defaults.Settings, []),
        };
        var previous = defaults.Settings;
        foreach (var e in adopted)
        {
            versions.Add(new(e.Version, e.By, e.At, e.EffectiveFrom, e.Reason, e.Settings, PolicyChanges.Between(previous, e.Settings)));
            previous = e.Settings;
        }
        return versions;
    }
}
