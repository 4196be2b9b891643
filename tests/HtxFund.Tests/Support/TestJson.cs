using System.Text.Json;
using System.Text.Json.Serialization;
using Alba;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Tests.Support;

/// <summary>Reads responses with the same conventions as the API (camelCase, enums as strings, ISO dates).</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public static async Task<T> Read<T>(this IScenarioResult result) =>
        JsonSerializer.Deserialize<T>(await result.ReadAsTextAsync(), Options)
        ?? throw new InvalidOperationException("The response body was empty.");

    public static async Task<JsonElement> ReadJson(this IScenarioResult result) =>
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;

    /// <summary>The <c>code</c> extension of a ProblemDetails response.</summary>
    public static async Task<string> ProblemCode(this IScenarioResult result)
    {
        var json = await result.ReadJson();
        return json.GetProperty("code").GetString()!;
    }
}
