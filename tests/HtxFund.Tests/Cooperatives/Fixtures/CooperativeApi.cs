namespace HtxFund.Tests.Cooperatives.Fixtures;

/// <summary>Given-state helpers that go through the API.</summary>
public abstract class CooperativeContext(AppFixture fixture) : IntegrationContext(fixture)
{
    protected async Task<Guid> RegisteredCooperative(string token, Dictionary<string, object?>? body = null)
    {
        var result = await Post("/api/cooperatives", body ?? CooperativeScenarios.ValidRegistration(NewTaxCode()), token);
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return Guid.Parse(result.Context.Response.Headers.Location.ToString().Split('/').Last());
    }

    private static long _nationalIdSeed = 66_200_000_000 + Random.Shared.Next(0, 1_000_000);
    protected static string NewNationalId() => "0" + Interlocked.Increment(ref _nationalIdSeed).ToString("D11");
}
