using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Lending;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Infrastructure.Http.BadInput;

/// <summary>The bodies of the corpus: the fields of a request type at any depth and a plausible body to mutate.</summary>
public static partial class BadInputCorpus
{
    /// <summary>A field of a request type at any depth: its JSON path (<c>proposal.startDate</c>,
    /// <c>request.collateral[0].appraisedValue</c>), its property and its type.</summary>
    private sealed record Slot(string Path, PropertyInfo Property, Type Type);

    private static IEnumerable<Slot> Slots(Type type, string prefix, int depth)
    {
        foreach (var p in Properties(type))
        {
            var path = prefix + JsonName(p);
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            yield return new Slot(path, p, p.PropertyType);
            if (depth >= 4) continue;
            if (IsComplex(t))
                foreach (var s in Slots(t, path + ".", depth + 1)) yield return s;
            else if (typeof(IEnumerable).IsAssignableFrom(t) && ElementType(t) is { } e && IsComplex(e))
                foreach (var s in Slots(e, path + "[0].", depth + 1)) yield return s;
        }
    }

    /// <summary>A JSON object or list item of the app's own types (not a string, number, date, enum or the Money amount).</summary>
    private static bool IsComplex(Type t) =>
        !t.IsEnum && !t.IsPrimitive && t != typeof(string) && t != typeof(Money) && !typeof(IEnumerable).IsAssignableFrom(t)
        && t.Namespace?.StartsWith("HtxFund", StringComparison.Ordinal) == true;

    private static bool IsNumber(Type t) =>
        t == typeof(long) || t == typeof(int) || t == typeof(decimal) || t == typeof(double) || t == typeof(short) || t == typeof(Money);

    private static Type? ElementType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>A raw JSON fragment placed verbatim into a body.</summary>
    public sealed record JsonRaw(string Text);

    private static string Str(string s) => JsonSerializer.Serialize(s);

    private static bool IsScalar(Type t) => t.IsPrimitive || t == typeof(string) || t == typeof(Guid) || t.IsEnum;

    /// <summary>The properties a body sets: public, settable or init-only (a record's positional ones), not computed.</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is not null);

    private static string JsonName(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    /// <summary>A plausible body: every property with a value of its type at every depth, a list of objects with one
    /// plausible item (not necessarily values the domain accepts).</summary>
    public static Dictionary<string, JsonRaw> BaseBody(Type? type)
    {
        var body = new Dictionary<string, JsonRaw>();
        if (type is null || IsScalar(type)) return body;
        foreach (var p in Properties(type)) body[JsonName(p)] = new JsonRaw(Plausible(p.PropertyType, 0).ToJsonString());
        return body;
    }

    private static JsonNode Plausible(Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return JsonValue.Create("Giá trị thử");
        if (t == typeof(double)) return JsonValue.Create(1.5);
        if (IsNumber(t)) return JsonValue.Create(1000000);
        if (t == typeof(bool)) return JsonValue.Create(true);
        if (t == typeof(Guid)) return JsonValue.Create(Guid.NewGuid().ToString());
        if (t == typeof(LocalDate) || t == typeof(DateOnly)) return JsonValue.Create("2026-11-22");
        if (t == typeof(Instant) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return JsonValue.Create("2026-11-22T03:00:00Z");
        if (t == typeof(YearMonth)) return JsonValue.Create("2026-11");
        if (t.IsEnum) return JsonValue.Create(Enum.GetNames(t).First());
        if (typeof(IEnumerable).IsAssignableFrom(t))
            return ElementType(t) is { } e && IsComplex(e) && depth < 4 ? new JsonArray(Plausible(e, depth + 1)) : new JsonArray();
        var obj = new JsonObject();
        if (depth < 4)
            foreach (var p in Properties(t)) obj[JsonName(p)] = Plausible(p.PropertyType, depth + 1);
        return obj;
    }

    /// <summary>The plausible body of <paramref name="type"/> with the raw JSON <paramref name="json"/> at
    /// <paramref name="path"/> (dots and [0] items).</summary>
    public static string WithValueAt(Type type, string path, string json)
    {
        var root = Plausible(type, 0);
        JsonNode node = root;
        var segments = Regex.Matches(path, @"([^.\[\]]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value)).ToArray();
        const string marker = "\"__corpus_mutation__\"";
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] is string name)
            {
                if (last) node.AsObject()[name] = JsonValue.Create("__corpus_mutation__");
                else node = node.AsObject()[name]!;
            }
            else
            {
                var index = (int)segments[i];
                if (last) node.AsArray()[index] = JsonValue.Create("__corpus_mutation__");
                else node = node.AsArray()[index]!;
            }
        }
        return root.ToJsonString().Replace(marker, json);
    }

    public static string Json(Dictionary<string, JsonRaw> body)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in body)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(JsonSerializer.Serialize(key)).Append(':').Append(value.Text);
        }
        return sb.Append('}').ToString();
    }
}
