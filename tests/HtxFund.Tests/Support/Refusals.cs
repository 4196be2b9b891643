using Alba;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Support;

/// <summary>Assertions on a refusal: the status, a ProblemDetails with a title, and the expected code either as the
/// problem's <c>code</c> or among the validation <c>fieldCodes</c>. (Shared by every integration test.)</summary>
public static class Refusals
{
    public static async Task ShouldBeRefusal(this IScenarioResult result, int status, string code)
    {
        result.Context.Response.StatusCode.ShouldBe(status, await result.ReadAsTextAsync());
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var json = await result.ReadJson();
        var codes = json.TryGetProperty("fieldCodes", out var fieldCodes)
            ? fieldCodes.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString())).ToList()
            : [];
        (json.GetProperty("code").GetString() == code || codes.Contains(code)).ShouldBeTrue($"expected {code} in {json}");
        json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
