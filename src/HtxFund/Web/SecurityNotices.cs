using System.Text.Json;
using System.Text.Json.Serialization;
using HtxFund.Identity.SigningIn;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HtxFund.Web;

/// <summary>The locks of the account since the previous sign-in (<see cref="SecurityNotice"/>), carried from the sign-in
/// page to the first page after it (TempData: shown once) and shown there by the layout, in the page's language.</summary>
public static class SecurityNotices
{
    private const string Key = "htxfund.securityNotices";

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        json.Converters.Add(new JsonStringEnumConverter());
        return json;
    }

    public static void Keep(ITempDataDictionary tempData, IReadOnlyList<SecurityNotice> notices)
    {
        if (notices.Count == 0) return;
        // Without the sentence: the layout words it in the page's language (and the cookie stays small).
        tempData[Key] = JsonSerializer.Serialize(notices.Select(n => n with { Message = "" }).ToArray(), Json);
    }

    /// <summary>The notices kept for this page (read once: the next page shows them no more).</summary>
    public static IReadOnlyList<SecurityNotice> Take(ITempDataDictionary tempData) =>
        tempData[Key] is string json ? JsonSerializer.Deserialize<SecurityNotice[]>(json, Json) ?? [] : [];
}
