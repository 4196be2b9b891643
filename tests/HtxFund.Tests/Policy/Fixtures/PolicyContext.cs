using Alba;

namespace HtxFund.Tests.Policy.Fixtures;

/// <summary>Policy tests adopt versions through the API (<c>PUT /api/policy</c>).</summary>
public abstract class PolicyContext(AppFixture fixture) : IntegrationContext(fixture)
{
    protected Task<IScenarioResult> PutPolicy(object body, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl("/api/policy");
        s.IgnoreStatusCode();
    });
}
