using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HtxFund.Infrastructure.Http.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Infrastructure.Http.BadInput;

/// <summary>One write endpoint of the app, as its endpoint data sources describe it.</summary>
public sealed record WriteRoute(string Method, string Pattern, IReadOnlyList<string> Roles, Type? RequestType, bool Idempotent, bool Upload = false)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// What a hostile case expects: <see cref="Refused"/> must be a 4xx and change nothing; <see cref="MayBeAccepted"/>
/// (hostile but well-formed text in a text field, e.g. an injection string) may be accepted, and is then stored verbatim.
/// </summary>
public enum Expectation { Refused, MayBeAccepted }

/// <summary>One request of the corpus: a URL, a raw body with its content type, an optional idempotency key.</summary>
public sealed record BadRequestCase(WriteRoute Route, string Name, string Url, string? Body, string? ContentType, Expectation Expect,
    string? IdempotencyKey = null)
{
    public override string ToString() => $"{Route} [{Name}]";
}

/// <summary>
/// Builds the malformed and hostile requests for every write endpoint from the app's own endpoint list and the
/// properties of each endpoint's request type (reflection), so an endpoint added later is covered without editing the corpus.
/// </summary>
public static class BadInputCorpus
{
    /// <summary><c>HTXFUND_CORPUS=full</c> runs every case; otherwise a reduced but real sample of each category.</summary>
    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("HTXFUND_CORPUS"), "full", StringComparison.OrdinalIgnoreCase);

    public static readonly string[] InjectionStrings =
    [
        "'; DROP TABLE htxfund.mt_events; --",
        "\" OR 1=1 --",
        "<script>alert('xss')</script>",
        "{{7*7}}${7*7}",
        "../../../../etc/passwd",
        "Robert'); DELETE FROM htxfund.mt_streams; --",
    ];

    public static IReadOnlyList<WriteRoute> WriteRoutes(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var roles = e.Metadata.GetOrderedMetadata<IAuthorizeData>()
                    .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Distinct().ToArray();
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var requestType = e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null);
                var idempotent = e.Metadata.GetMetadata<RequireIdempotencyKeyAttribute>() is not null;
                // An upload reads its multipart form itself: no JSON request type, and it declares a 413 answer.
                var upload = requestType is null && e.Metadata.OfType<Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute>().Any(p => p.StatusCode == 413);
                return methods.Where(m => m is "POST" or "PUT" or "DELETE" or "PATCH")
                    .Select(m => (route: new WriteRoute(m, pattern, roles, requestType, idempotent, upload), anonymous));
            })
            .Where(x => !x.anonymous && x.route.Pattern.StartsWith("/api/") && !x.route.Pattern.Contains("{*"))
            .Select(x => x.route)
            .DistinctBy(r => (r.Method, r.Pattern))
            .OrderBy(r => r.Pattern).ThenBy(r => r.Method)
            .ToArray();

    /// <summary>The route with every parameter replaced (unknown ids by default).</summary>
    public static string Url(WriteRoute route, Func<string, string>? parameter = null) =>
        Regex.Replace(route.Pattern, @"\{([^}:?]+)[^}]*\}", m => parameter?.Invoke(m.Groups[1].Value) ?? Guid.NewGuid().ToString());

    public static IEnumerable<BadRequestCase> For(WriteRoute route, string? otherTenantId)
    {
        var url = Url(route);
        var cases = new List<BadRequestCase>();
        void Add(string name, string? body, string? contentType = "application/json", Expectation expect = Expectation.Refused, string? u = null) =>
            cases.Add(new BadRequestCase(route, name, u ?? url, body, contentType, expect));

        // Unknown ids and other tenants' ids in the route.
        if (route.Pattern.Contains('{'))
        {
            var baseBody = route.Method == "DELETE" ? null : Json(BaseBody(route.RequestType));
            Add("unknown ids", baseBody, baseBody is null ? null : "application/json");
            if (otherTenantId is not null)
                Add("another fund's id", baseBody, baseBody is null ? null : "application/json", u: Url(route, _ => otherTenantId));
            Add("an id that is not an id", baseBody, baseBody is null ? null : "application/json", u: Url(route, _ => "%27%20OR%201%3D1"));
        }
        if (route.Method == "DELETE") return cases;
        if (route.Upload)
        {
            const string boundary = "corpus-boundary";
            var multipart = $"multipart/form-data; boundary={boundary}";
            string Form(string fileName, string fileType, string content) =>
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nOther\r\n" +
                $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {fileType}\r\n\r\n{content}\r\n--{boundary}--\r\n";
            Add("an upload sent as JSON", "{\"file\": \"x\"}");
            Add("an upload without a file", $"--{boundary}--\r\n", multipart);
            Add("an empty file", Form("rong.pdf", "application/pdf", ""), multipart);
            Add("an executable named .pdf", Form("hop-dong.pdf", "application/pdf", "MZ\u0090\u0000 this is not a pdf"), multipart);
            // The name is data: it may be accepted with the path and control characters stripped from it.
            Add("a file name with a path and NUL", Form("../../etc/passwd\u0000.pdf", "application/pdf", "%PDF-1.4 x"), multipart,
                Expectation.MayBeAccepted);
            Add("a broken multipart body", $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF", multipart);
            Add("an oversized upload", Form("lon.pdf", "application/pdf", "%PDF-1.4 " + new string('a', Full ? 25 * 1024 * 1024 : 11 * 1024 * 1024)), multipart);
            return cases;
        }
        if (route.RequestType is null) return cases; // reads no body: there is nothing to corrupt but its route

        // The body as a whole.
        Add("broken JSON", "{\"a\":");
        Add("truncated object", "{\"name\": \"x\", ");
        Add("not JSON at all", "this is not json");
        Add("a JSON array instead of an object", "[1,2,3]");
        Add("JSON null", "null");
        Add("a bare number", "12345");
        Add("an empty body", "");
        Add("nesting 10 000 levels deep", new string('[', 10_000) + new string(']', 10_000));
        Add("wrong content type text/plain", "{}", "text/plain");
        Add("wrong content type xml", "<a>1</a>", "application/xml");
        Add("a form instead of JSON", "a=1&b=2", "application/x-www-form-urlencoded");
        Add("an oversized body", "{\"x\": \"" + new string('a', Full ? 12 * 1024 * 1024 : 1536 * 1024) + "\"}");

        // Field by field, from the request type.
        var type = route.RequestType;
        if (type is null || IsScalar(type)) return cases;
        foreach (var property in Properties(type))
        {
            foreach (var (name, value, expect) in Mutations(property.PropertyType, Signed(property)))
            {
                var body = BaseBody(type);
                body[JsonName(property)] = value;
                Add($"{JsonName(property)}: {name}", Json(body), expect: expect);
            }
        }
        return cases;
    }

    /// <summary>An amount that may legitimately be negative or zero (a year's surplus or loss).</summary>
    private static bool Signed(PropertyInfo p) => p.Name.Contains("OrLoss", StringComparison.Ordinal);

    private static IEnumerable<(string Name, JsonRaw Value, Expectation Expect)> Mutations(Type type, bool signed)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            yield return ("a number instead of text", new("12345"), Expectation.Refused);
            yield return ("an object instead of text", new("{\"a\":1}"), Expectation.Refused);
            yield return ("100 000 characters", Str(new string('x', 100_000)), Expectation.Refused);
            yield return ("NUL and control characters", new("\"a\\u0000b\\u0001\\u001bc\""), Expectation.Refused);
            yield return ("a lone surrogate", new("\"\\ud800\""), Expectation.Refused);
            foreach (var s in Full ? InjectionStrings : InjectionStrings.Take(2))
                yield return ($"injection {s}", Str(s), Expectation.MayBeAccepted);
        }
        else if (t == typeof(long) || t == typeof(int) || t == typeof(decimal) || t == typeof(double) || t == typeof(short))
        {
            yield return ("text instead of a number", new("\"abc\""), Expectation.Refused);
            yield return ("beyond long", new("9223372036854775808"), Expectation.Refused);
            yield return ("beyond decimal", new("79228162514264337593543950336000"), Expectation.Refused);
            yield return ("1e400", new("1e400"), Expectation.Refused);
            yield return ("negative", new("-1500000"), signed ? Expectation.MayBeAccepted : Expectation.Refused);
            yield return ("zero", new("0"), signed ? Expectation.MayBeAccepted : Expectation.Refused);
            if (Full)
            {
                yield return ("the smallest long", new("-9223372036854775808"), Expectation.Refused);
                yield return ("a fraction of a đồng", new("0.5"), Expectation.Refused);
                yield return ("NaN as text", new("\"NaN\""), Expectation.Refused);
            }
        }
        else if (t == typeof(LocalDate) || t == typeof(Instant) || t == typeof(DateOnly) || t == typeof(DateTime) ||
                 t == typeof(DateTimeOffset) || t == typeof(LocalDateTime) || t == typeof(YearMonth))
        {
            yield return ("month 13", new("\"2026-13-45\""), Expectation.Refused);
            yield return ("year 99999", new("\"99999-01-01\""), Expectation.Refused);
            yield return ("not a date", new("\"hôm qua\""), Expectation.Refused);
            yield return ("a number instead of a date", new("20261122"), Expectation.Refused);
            if (Full)
            {
                yield return ("year zero", new("\"0000-01-01\""), Expectation.Refused);
                yield return ("Vietnamese day format", new("\"22/11/2026\""), Expectation.Refused);
                yield return ("an empty date", new("\"\""), Expectation.Refused);
            }
        }
        else if (t == typeof(Guid))
        {
            yield return ("not a guid", new("\"not-a-guid\""), Expectation.Refused);
            yield return ("a number instead of a guid", new("42"), Expectation.Refused);
        }
        else if (t == typeof(bool))
        {
            yield return ("text instead of a boolean", new("\"có\""), Expectation.Refused);
        }
        else if (t.IsEnum)
        {
            yield return ("an unknown value", new("\"KhongTonTai\""), Expectation.Refused);
            yield return ("a number out of range", new("999"), Expectation.Refused);
        }
        else if (typeof(IEnumerable).IsAssignableFrom(t))
        {
            yield return ("text instead of a list", new("\"x\""), Expectation.Refused);
            if (Full) yield return ("a list of 10 000 nulls", new("[" + string.Join(",", Enumerable.Repeat("null", 10_000)) + "]"), Expectation.Refused);
        }
        else
        {
            yield return ("text instead of an object", new("\"x\""), Expectation.Refused);
        }
    }

    /// <summary>A raw JSON fragment placed verbatim into a body.</summary>
    public sealed record JsonRaw(string Text);

    private static JsonRaw Str(string s) => new(JsonSerializer.Serialize(s));

    private static bool IsScalar(Type t) => t.IsPrimitive || t == typeof(string) || t == typeof(Guid) || t.IsEnum;

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static string JsonName(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    /// <summary>A plausible body: every property with a value of its type (not necessarily one the domain accepts).</summary>
    public static Dictionary<string, JsonRaw> BaseBody(Type? type)
    {
        var body = new Dictionary<string, JsonRaw>();
        if (type is null || IsScalar(type)) return body;
        foreach (var p in Properties(type)) body[JsonName(p)] = Plausible(p.PropertyType);
        return body;
    }

    private static JsonRaw Plausible(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return Str("Giá trị thử");
        if (t == typeof(long) || t == typeof(int) || t == typeof(decimal) || t == typeof(short)) return new("1000000");
        if (t == typeof(double)) return new("1.5");
        if (t == typeof(bool)) return new("true");
        if (t == typeof(Guid)) return Str(Guid.NewGuid().ToString());
        if (t == typeof(LocalDate) || t == typeof(DateOnly)) return Str("2026-11-22");
        if (t == typeof(Instant) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return Str("2026-11-22T03:00:00Z");
        if (t == typeof(YearMonth)) return Str("2026-11");
        if (t.IsEnum) return Str(Enum.GetNames(t).First());
        if (typeof(IEnumerable).IsAssignableFrom(t)) return new("[]");
        return new("{}");
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
