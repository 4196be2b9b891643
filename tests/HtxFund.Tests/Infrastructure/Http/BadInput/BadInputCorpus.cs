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

/// <summary>One write endpoint of the app, as its endpoint data sources describe it: the JSON type it reads, or a form it
/// reads itself (an upload), or nothing at all (<see cref="BodyLess"/>).</summary>
public sealed record WriteRoute(string Method, string Pattern, IReadOnlyList<string> Roles, Type? RequestType, bool Idempotent, bool Upload = false)
{
    /// <summary>Reads no body (neither a JSON request type nor its own form): a body sent to it must be refused.</summary>
    public bool BodyLess => RequestType is null && !Upload;

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// What a hostile case expects: <see cref="Refused"/> must be a 4xx and change nothing; <see cref="MayBeAccepted"/>
/// (hostile but well-formed text in a text field, e.g. an injection string, or a null for an optional field) may be
/// accepted, and is then stored verbatim.
/// </summary>
public enum Expectation { Refused, MayBeAccepted }

/// <summary>One request of the corpus: a URL, a raw body (text, or bytes that are not UTF-8) with its content type, an
/// optional idempotency key, and what its refusal must say: the <see cref="Status"/>, the <see cref="Code"/> (the
/// problem's code or one of its field codes) and the <see cref="Field"/> at fault (a key of <c>fieldCodes</c>: the
/// field's JSON path, or an item of it).</summary>
public sealed record BadRequestCase(WriteRoute Route, string Name, string Url, string? Body, string? ContentType, Expectation Expect,
    string? IdempotencyKey = null)
{
    public byte[]? BodyBytes { get; init; }
    public int? Status { get; init; }
    public string? Code { get; init; }
    public string? Field { get; init; }

    public override string ToString() => $"{Route} [{Name}]";
}

/// <summary>
/// Builds the malformed and hostile requests for every write endpoint from the app's own endpoint list and the
/// properties of each endpoint's request type at every depth (reflection), so an endpoint or field added later is
/// covered without editing the corpus.
/// </summary>
public static partial class BadInputCorpus
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

    /// <summary>Text that the edge refuses wherever it arrives (JSON string, query string, route value, page form), as
    /// JSON string literals, with the field code of the refusal.</summary>
    public static readonly (string Name, string Json, string Code)[] HostileText =
    [
        ("NUL and control characters", "\"a\\u0000b\\u0001\\u001bc\"", "text.control_character"),
        ("DEL and a C1 control", "\"a\\u007fb\\u0085c\"", "text.control_character"),
        ("the noncharacter U+FFFE", "\"Hợp tác xã \\ufffe\"", "text.noncharacter"),
        ("the noncharacter U+FFFF", "\"\\uffff\"", "text.noncharacter"),
        ("the noncharacter U+FDD0", "\"a\\ufdd0b\"", "text.noncharacter"),
        ("the plane-1 noncharacter U+1FFFE", "\"a\\ud83f\\udffeb\"", "text.noncharacter"),
        ("a lone high surrogate", "\"\\ud800\"", "text.invalid_unicode"),
        ("a lone low surrogate", "\"a\\udc00b\"", "text.invalid_unicode"),
        ("a reversed surrogate pair", "\"\\udc00\\ud800\"", "text.invalid_unicode"),
        ("10 000 characters", JsonSerializer.Serialize(new string('x', 10_000)), "text.too_long"),
    ];

    public static IReadOnlyList<WriteRoute> WriteRoutes(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                var roles = Roles(e);
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var accepts = e.Metadata.GetOrderedMetadata<IAcceptsMetadata>();
                var requestType = accepts.Select(a => a.RequestType).FirstOrDefault(t => t is not null);
                var idempotent = e.Metadata.GetMetadata<RequireIdempotencyKeyAttribute>() is not null;
                // An upload reads its multipart form itself, and says so in its metadata.
                var upload = e.Metadata.GetMetadata<HtxFund.Infrastructure.Http.ReadsMultipartFormAttribute>() is not null;
                return methods.Where(m => m is "POST" or "PUT" or "DELETE" or "PATCH")
                    .Select(m => (route: new WriteRoute(m, pattern, roles, requestType, idempotent, upload), anonymous));
            })
            .Where(x => !x.anonymous && x.route.Pattern.StartsWith("/api/") && !x.route.Pattern.Contains("{*"))
            .Select(x => x.route)
            .DistinctBy(r => (r.Method, r.Pattern))
            .OrderBy(r => r.Pattern).ThenBy(r => r.Method)
            .ToArray();

    public static string[] Roles(Endpoint e) =>
        e.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToArray();

    /// <summary>The route with every parameter replaced (unknown ids by default).</summary>
    public static string Url(WriteRoute route, Func<string, string>? parameter = null) => Url(route.Pattern, parameter);

    public static string Url(string pattern, Func<string, string>? parameter = null) =>
        Regex.Replace(pattern, @"\{([^}:?]+)[^}]*\}", m => parameter?.Invoke(m.Groups[1].Value) ?? Plausible(m.Groups[1].Value));

    /// <summary>A route value that the endpoint reads (an unknown id; last year for a year or a period; last month), so
    /// that the cases reach the body instead of stopping at an unparseable route.</summary>
    public static string Plausible(string parameter) => parameter switch
    {
        "year" or "period" => "2025",
        "month" => "2025-10",
        "format" => "json",
        _ => Guid.NewGuid().ToString(),
    };

    private static string[] RouteParameters(string pattern) =>
        Regex.Matches(pattern, @"\{([^}:?]+)[^}]*\}").Select(m => m.Groups[1].Value).ToArray();

    private const string UploadBoundary = "corpus-boundary";

    public static IEnumerable<BadRequestCase> For(WriteRoute route, string? otherTenantId)
    {
        var url = Url(route);
        var cases = new List<BadRequestCase>();
        BadRequestCase Add(string name, string? body, string? contentType = "application/json", Expectation expect = Expectation.Refused, string? u = null)
        {
            var c = new BadRequestCase(route, name, u ?? url, body, contentType, expect);
            cases.Add(c);
            return c;
        }
        void Expect(BadRequestCase c, int? status = null, string? code = null, string? field = null) =>
            cases[cases.IndexOf(c)] = c with { Status = status ?? c.Status, Code = code ?? c.Code, Field = field ?? c.Field };

        // Route values: unknown ids, other tenants' ids, an id that is not one, the empty GUID, hostile text.
        var parameters = RouteParameters(route.Pattern);
        if (parameters.Length > 0)
        {
            // the body the endpoint reads, so that only the route is at fault
            var (baseBody, type) = route.Upload ? ($"--{UploadBoundary}--\r\n", $"multipart/form-data; boundary={UploadBoundary}")
                : route.RequestType is null ? ((string?)null, (string?)null) : (Json(BaseBody(route.RequestType)), "application/json");
            if (parameters.Any(p => p.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
            {
                Add("unknown ids", baseBody, type);
                if (otherTenantId is not null)
                    Add("another fund's id", baseBody, type, u: Url(route, p => p.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? otherTenantId : Plausible(p)));
            }
            Add("an id that is not an id", baseBody, type, u: Url(route, _ => "%27%20OR%201%3D1"));
            var empty = Add("the empty GUID as every route value", baseBody, type, u: Url(route, _ => Guid.Empty.ToString()));
            // the empty GUID is never an id: not found before anything is loaded
            if (parameters.All(p => p.EndsWith("id", StringComparison.OrdinalIgnoreCase))) Expect(empty, status: 404, code: "not_found");
            Expect(Add("a noncharacter as every route value", baseBody, type, u: Url(route, _ => "\uFFFE")),
                status: 400, code: "text.noncharacter", field: parameters[0]);
        }
        if (route.Method == "DELETE") return cases;
        if (route.Upload)
        {
            const string boundary = UploadBoundary;
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
        if (route.BodyLess)
        {
            // A command that takes no body refuses one, whatever it holds, instead of acting on it.
            Expect(Add("a JSON body on a command that takes none", "{\"version\": 1, \"reason\": \"x\"}"), status: 400, code: "request.body_not_allowed");
            Expect(Add("a garbage body on a command that takes none", "\u0001\u0002 not json at all", "text/plain"), status: 400, code: "request.body_not_allowed");
            return cases;
        }

        // The body as a whole, and its content type.
        var valid = Json(BaseBody(route.RequestType));
        Expect(Add("broken JSON", "{\"a\":"), code: "request.malformed_json");
        Expect(Add("truncated object", "{\"name\": \"x\", "), code: "request.malformed_json");
        Expect(Add("not JSON at all", "this is not json"), code: "request.malformed_json");
        Expect(Add("a JSON array instead of an object", "[1,2,3]"), code: "request.malformed_json");
        Expect(Add("JSON null", "null"), code: "request.body_required");
        Add("a bare number", "12345");
        Expect(Add("an empty body", ""), code: "request.body_required");
        Add("nesting 10 000 levels deep", new string('[', 10_000) + new string(']', 10_000));
        Expect(Add("no Content-Type", valid, contentType: null), status: 415, code: "request.unsupported_media_type");
        Expect(Add("wrong content type text/plain", valid, "text/plain"), status: 415, code: "request.unsupported_media_type");
        Expect(Add("wrong content type xml", "<a>1</a>", "application/xml"), status: 415, code: "request.unsupported_media_type");
        Expect(Add("a form instead of JSON", "a=1&b=2", "application/x-www-form-urlencoded"), status: 415, code: "request.unsupported_media_type");
        Expect(Add("JSON in UTF-16", valid, "application/json; charset=utf-16"), status: 415, code: "request.unsupported_media_type");
        Add("an oversized body", "{\"x\": \"" + new string('a', Full ? 12 * 1024 * 1024 : 1536 * 1024) + "\"}");

        // Field by field, at every depth of the request type.
        var root = route.RequestType!;
        if (IsScalar(root)) return cases;
        foreach (var slot in Slots(root, "", 0))
        {
            foreach (var m in Mutations(slot.Type, Signed(slot.Property)))
            {
                var field = m.NamesField ? slot.Path + m.Suffix : null;
                cases.Add(new BadRequestCase(route, $"{slot.Path}: {m.Name}", url, WithValueAt(root, slot.Path, m.Json), "application/json", m.Expect)
                    { Code = m.Code, Field = field });
            }
            if (slot.Type == typeof(string))
            {
                // bytes that are not UTF-8 inside a JSON string
                var marker = Guid.NewGuid().ToString("N");
                var text = WithValueAt(root, slot.Path, $"\"{marker}\"");
                var at = text.IndexOf(marker, StringComparison.Ordinal);
                var bytes = Encoding.UTF8.GetBytes(text[..at]).Concat(new byte[] { (byte)'a', 0xFF, 0xFE, (byte)'b' })
                    .Concat(Encoding.UTF8.GetBytes(text[(at + marker.Length)..])).ToArray();
                cases.Add(new BadRequestCase(route, $"{slot.Path}: bytes that are not UTF-8", url, null, "application/json", Expectation.Refused)
                    { BodyBytes = bytes, Code = "text.invalid_unicode", Field = slot.Path });
            }
        }
        return cases;
    }

    /// <summary>An amount that may legitimately be negative or zero (a year's surplus or loss, a plan's financial result).</summary>
    private static bool Signed(PropertyInfo p) =>
        p.Name.Contains("OrLoss", StringComparison.Ordinal) || p.Name.Contains("FinancialResult", StringComparison.Ordinal);

    /// <summary>A mutation of one field: its JSON text, whether a refusal must name the field (the edge refuses it
    /// whatever else the body holds), and the code it must carry.</summary>
    private sealed record Mutation(string Name, string Json, Expectation Expect, bool NamesField, string? Code = null, string Suffix = "");

    private static IEnumerable<Mutation> Mutations(Type type, bool signed)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        // a null is refused by the field's validator when it is required, accepted when it is optional: never a 500
        yield return new("null", "null", Expectation.MayBeAccepted, false);
        if (t == typeof(string))
        {
            yield return new("a number instead of text", "12345", Expectation.Refused, true, "text.invalid");
            yield return new("an object instead of text", "{\"a\":1}", Expectation.Refused, true, "text.invalid");
            yield return new("a boolean instead of text", "true", Expectation.Refused, true, "text.invalid");
            foreach (var (name, json, code) in HostileText) yield return new(name, json, Expectation.Refused, true, code);
            if (Full) yield return new("100 000 characters", Str(new string('x', 100_000)), Expectation.Refused, true, "text.too_long");
            foreach (var s in Full ? InjectionStrings : InjectionStrings.Take(2))
                yield return new($"injection {s}", Str(s), Expectation.MayBeAccepted, false);
        }
        else if (IsNumber(t))
        {
            var integral = t != typeof(decimal) && t != typeof(double);
            yield return new("text instead of a number", "\"abc\"", Expectation.Refused, true, "number.invalid");
            yield return new("a boolean instead of a number", "true", Expectation.Refused, true, "number.invalid");
            yield return new("beyond long", "9223372036854775808", Expectation.Refused, integral, integral ? "number.invalid" : null);
            yield return new("beyond decimal", "79228162514264337593543950336000", Expectation.Refused, t != typeof(double), t != typeof(double) ? "number.invalid" : null);
            yield return new("1e400", "1e400", Expectation.Refused, true, "number.invalid");
            yield return new("negative", "-1500000", signed ? Expectation.MayBeAccepted : Expectation.Refused, false);
            yield return new("zero", "0", signed ? Expectation.MayBeAccepted : Expectation.Refused, false);
            if (Full)
            {
                yield return new("the smallest long", "-9223372036854775808", Expectation.Refused, false);
                yield return new("a fraction of a đồng", "0.5", Expectation.Refused, integral, integral ? "number.invalid" : null);
                yield return new("NaN as text", "\"NaN\"", Expectation.Refused, true, "number.invalid");
            }
        }
        else if (t == typeof(LocalDate))
        {
            yield return new("month 13", "\"2026-13-01\"", Expectation.Refused, true, "date.invalid");
            yield return new("30 February", "\"2026-02-30\"", Expectation.Refused, true, "date.invalid");
            yield return new("29 February of a common year", "\"2025-02-29\"", Expectation.Refused, true, "date.invalid");
            yield return new("year 99999", "\"99999-01-01\"", Expectation.Refused, true, "date.invalid");
            yield return new("not a date", "\"hôm qua\"", Expectation.Refused, true, "date.invalid");
            yield return new("a number instead of a date", "20261122", Expectation.Refused, true, "date.invalid");
            yield return new("an object instead of a date", "{\"year\":2026}", Expectation.Refused, true, "date.invalid");
            yield return new("the first day of year 1", "\"0001-01-01\"", Expectation.Refused, true, "date.out_of_range");
            yield return new("the last day of year 9999", "\"9999-12-31\"", Expectation.Refused, true, "date.out_of_range");
            yield return new("a start past the year 9997", "\"9998-06-30\"", Expectation.Refused, true, "date.out_of_range");
            if (Full)
            {
                yield return new("year zero (1 BC for ISO)", "\"0000-01-01\"", Expectation.Refused, true, "date.out_of_range");
                yield return new("Vietnamese day format", "\"22/11/2026\"", Expectation.Refused, true, "date.invalid");
                yield return new("an empty date", "\"\"", Expectation.Refused, true, "date.invalid");
                yield return new("a noncharacter in a date", "\"2026-11-22\\ufffe\"", Expectation.Refused, true);
            }
        }
        else if (t == typeof(Guid))
        {
            yield return new("not a guid", "\"not-a-guid\"", Expectation.Refused, true, "id.invalid");
            yield return new("a number instead of a guid", "42", Expectation.Refused, true, "id.invalid");
        }
        else if (t == typeof(bool))
        {
            yield return new("text instead of a boolean", "\"có\"", Expectation.Refused, true, "boolean.invalid");
            yield return new("a number instead of a boolean", "1", Expectation.Refused, true, "boolean.invalid");
        }
        else if (t.IsEnum)
        {
            yield return new("an unknown value", "\"KhongTonTai\"", Expectation.Refused, true, "value.unknown");
            yield return new("a noncharacter as the value", "\"\\ufffe\"", Expectation.Refused, true);
            yield return new("a number out of range", "999", Expectation.Refused, false);
        }
        else if (typeof(IEnumerable).IsAssignableFrom(t))
        {
            yield return new("text instead of a list", "\"x\"", Expectation.Refused, true, "list.invalid");
            yield return new("an object instead of a list", "{\"a\":1}", Expectation.Refused, true, "list.invalid");
            // a null cannot even be read into a list of numbers or enumerations: refused as a value of the wrong type
            var element = ElementType(t);
            var nullItem = element is { IsValueType: true } && Nullable.GetUnderlyingType(element) is null ? null : "list.null_item";
            yield return new("a list holding null", "[null]", Expectation.Refused, true, nullItem, "[0]");
            if (element is not null)
            {
                var item = Plausible(element, 0).ToJsonString();
                yield return new("a list of items and nulls", $"[{item},null,{item}]", Expectation.Refused, true, nullItem, "[1]");
            }
            if (Full) yield return new("a list of 10 000 nulls", "[" + string.Join(",", Enumerable.Repeat("null", 10_000)) + "]", Expectation.Refused, true, nullItem, "[0]");
        }
        else
        {
            yield return new("text instead of an object", "\"x\"", Expectation.Refused, true, "object.invalid");
            yield return new("a list instead of an object", "[1]", Expectation.Refused, true, "object.invalid");
            yield return new("a number instead of an object", "7", Expectation.Refused, true, "object.invalid");
        }
    }

}
