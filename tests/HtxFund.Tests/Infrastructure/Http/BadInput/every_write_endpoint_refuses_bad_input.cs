using System.Diagnostics;
using System.Text.Json;
using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace HtxFund.Tests.Infrastructure.Http.BadInput;

/// <summary>
/// The bad-input corpus (issue 9, item 4): malformed and hostile requests against every write endpoint, as a user
/// holding the endpoint's role, through the whole pipeline and the real PostgreSQL. Reduced in <c>ops/test</c>;
/// <c>HTXFUND_CORPUS=full</c> runs every case (docs/bad-input.md).
/// </summary>
public sealed class every_write_endpoint_refuses_bad_input(AppFixture fixture, ITestOutputHelper output) : CooperativeContext(fixture)
{
    private async Task<string> TokenForRoute(WriteRoute route)
    {
        var staff = route.Roles.FirstOrDefault(r => r != Roles.Cooperative);
        if (staff is not null) return await TokenFor(staff);
        return await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
    }

    private Task<IScenarioResult> Send(BadRequestCase c, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.WithRequestHeader(IdempotencyMiddleware.Header, c.IdempotencyKey ?? Guid.NewGuid().ToString());
        if (c.BodyBytes is { } bytes)
        {
            // bytes that are not UTF-8 cannot travel in a string body
            s.Post.Url(c.Url);
            s.ConfigureHttpContext(http =>
            {
                http.Request.Method = c.Route.Method;
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
            });
            if (c.ContentType is not null) s.WithRequestHeader("Content-Type", c.ContentType);
            s.IgnoreStatusCode();
            return;
        }
        switch (c.Route.Method, c.Body)
        {
            case ("DELETE", null): s.Delete.Url(c.Url); break;
            case ("DELETE", var body): s.Delete.Text(body).ToUrl(c.Url); break;
            case ("PUT", var body): s.Put.Text(body ?? "").ToUrl(c.Url); break;
            case ("PATCH", var body): s.Patch.Text(body ?? "").ToUrl(c.Url); break;
            case (_, var body): s.Post.Text(body ?? "").ToUrl(c.Url); break;
        }
        if (c.ContentType is not null) s.WithRequestHeader("Content-Type", c.ContentType);
        s.IgnoreStatusCode();
    });

    /// <summary>Events and documents of every fund (raw SQL), idempotency records excluded: they are the middleware's
    /// own memory of answers (refusals included), not business data.</summary>
    private async Task<(long Events, long Documents)> StoreCounts(NpgsqlConnection conn, string documentSql)
    {
        await using var cmd = new NpgsqlCommand($"SELECT (SELECT count(*) FROM htxfund.mt_events), ({documentSql})", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<string> DocumentCountSql(NpgsqlConnection conn)
    {
        var tables = new List<string>();
        await using var cmd = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'htxfund' AND table_name LIKE 'mt_doc_%' " +
            "AND table_name NOT LIKE '%idempotency%' ORDER BY table_name", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables.Count == 0 ? "SELECT 0::bigint" : string.Join(" + ", tables.Select(t => $"(SELECT count(*) FROM htxfund.{t})"));
    }

    private static async Task<string?> WrongAnswer(IScenarioResult result, BadRequestCase c)
    {
        var status = result.Context.Response.StatusCode;
        if (status >= 500) return $"{status} {await result.ReadAsTextAsync()}";
        if (status is >= 200 and < 300)
            return c.Expect == Expectation.MayBeAccepted ? null : $"{status}: a hostile request was accepted";
        if (status is < 400 or >= 500) return $"{status}: not a refusal";
        if (!(result.Context.Response.ContentType ?? "").StartsWith("application/problem+json"))
            return $"{status} with content type '{result.Context.Response.ContentType}', not a ProblemDetails";
        if (c.Status is { } expected && status != expected) return $"{status} instead of {expected}: {await result.ReadAsTextAsync()}";
        return await ProblemAnswerIsWrong(result, c.Code, c.Field);
    }

    /// <summary>Null when the answer is a ProblemDetails with a code, carrying <paramref name="code"/> (as its code or a
    /// field code) and naming <paramref name="field"/> (a key of <c>fieldCodes</c>: the field, or an item or member of it).</summary>
    private static async Task<string?> ProblemAnswerIsWrong(IScenarioResult result, string? code, string? field)
    {
        var status = result.Context.Response.StatusCode;
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }
        if (!json.TryGetProperty("code", out var problemCode) || string.IsNullOrWhiteSpace(problemCode.GetString()))
            return $"{status} ProblemDetails without a code";
        var fieldCodes = json.TryGetProperty("fieldCodes", out var f) && f.ValueKind == JsonValueKind.Object
            ? f.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()).ToArray())
            : [];
        if (code is not null && problemCode.GetString() != code && !fieldCodes.Values.Any(v => v.Contains(code)))
            return $"{status} without the code {code}: {json}";
        if (field is not null && !fieldCodes.Keys.Any(k => k == field || k.StartsWith(field + "[", StringComparison.Ordinal) || k.StartsWith(field + ".", StringComparison.Ordinal)))
            return $"{status} not naming the field {field}: {json}";
        return null;
    }

    [Fact]
    public async Task every_write_endpoint_answers_each_malformed_or_hostile_request_with_a_4xx_problem_and_stores_nothing()
    {
        var otherFundCooperative = await RegisteredCooperative(await TokenFor(Roles.CreditOfficer, FundB));
        var routes = BadInputCorpus.WriteRoutes(Host.Services);
        var cases = routes.SelectMany(r => BadInputCorpus.For(r, otherFundCooperative.ToString())).ToList();
        var tokens = new Dictionary<WriteRoute, string>();
        foreach (var route in routes) tokens[route] = await TokenForRoute(route);

        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        var documentSql = await DocumentCountSql(conn);
        var failures = new List<string>();
        var accepted = new List<string>();
        var clock = Stopwatch.StartNew();
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        var counts = await StoreCounts(conn, documentSql);
        foreach (var c in cases)
        {
            var result = await Send(c, tokens[c.Route]);
            var after = await StoreCounts(conn, documentSql);
            var wrong = await WrongAnswer(result, c);
            var status = result.Context.Response.StatusCode;
            if (wrong is not null) failures.Add($"{c}: {Shorten(wrong)}");
            else if (status is >= 200 and < 300)
            {
                accepted.Add($"{c}: {status}");
                // an accepted command's events reach the asynchronous read models (lending totals, the capital
                // ledger's snapshot) a moment later: let them settle so the next refusal is judged on a still store
                await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
                after = await StoreCounts(conn, documentSql);
            }
            else if (after != counts) failures.Add($"{c}: refused with {status} but the store changed {counts} -> {after}");
            counts = after;
        }
        output.WriteLine($"{cases.Count} requests against {routes.Count} write endpoints in {clock.Elapsed.TotalSeconds:0.0} s " +
                         $"({(BadInputCorpus.Full ? "full" : "reduced")} corpus); accepted (well-formed hostile text): {accepted.Count}; " +
                         $"wrong answers: {failures.Count}, of which server errors: {failures.Count(f => f.Contains(": 5", StringComparison.Ordinal))}");
        foreach (var a in accepted) output.WriteLine("accepted: " + a);
        foreach (var f in failures) output.WriteLine("wrong: " + f);

        cases.Count.ShouldBeGreaterThanOrEqualTo(300);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)));
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>Hostile values of a query-string parameter, as they appear in a URL, with the field code of the refusal.</summary>
    private static readonly (string Name, string Value, string Code)[] HostileQueryValues =
    [
        ("the noncharacter U+FFFE percent-encoded", "%EF%BF%BE", "text.noncharacter"),
        ("the noncharacter U+FFFE as it is", "\uFFFE", "text.noncharacter"),
        ("a lone surrogate percent-encoded", "%ED%A0%80", "text.invalid_unicode"),
        ("a lone surrogate as it is", "\uD800", "text.invalid_unicode"),
        ("bytes that are not UTF-8", "a%FF%FEb", "text.invalid_unicode"),
        ("a control character", "a%01b", "text.control_character"),
        ("5 000 characters", new string('x', 5000), "text.too_long"),
    ];

    /// <summary>A GET with the query string exactly as given: the test client would re-encode '%' and replace a lone
    /// surrogate, where a real client's bytes reach the server as they are.</summary>
    private Task<IScenarioResult> GetRaw(string path, string rawQuery, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Get.Url(path);
        s.ConfigureHttpContext(c =>
        {
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?" + rawQuery);
            c.Connection.RemoteIpAddress = NextClientAddress(); // the sign-in page is rate limited per address
        });
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task every_list_endpoint_and_page_refuses_hostile_query_strings_and_empty_ids_with_a_4xx_never_a_5xx()
    {
        var endpoints = Host.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>().SelectMany(d => d.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToArray();
        async Task<string> TokenForRoles(string[] roles)
        {
            var staff = roles.FirstOrDefault(r => r != Roles.Cooperative);
            if (staff is not null || roles.Length == 0) return await TokenFor(staff ?? Roles.CreditOfficer);
            return await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
        }
        var failures = new List<string>();
        var requests = 0;
        var clock = Stopwatch.StartNew();

        // The API's GET endpoints with a query string, as the OpenAPI document describes them to integrators.
        var document = await (await Get("/openapi/v1.json", null)).ReadJson();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters)) continue;
            var query = parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray();
            if (query.Length == 0) continue;
            var endpoint = endpoints.FirstOrDefault(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/') == path.Name
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
            // the consolidated report is the central fund's
            var token = path.Name.Contains("/consolidated", StringComparison.Ordinal)
                ? await TokenFor(Roles.ChiefAccountant, CentralFund)
                : await TokenForRoles(endpoint is null ? [] : BadInputCorpus.Roles(endpoint));
            var url = BadInputCorpus.Url(path.Name);
            foreach (var name in query)
            {
                var cases = HostileQueryValues.Select(h => (h.Name, h.Value, Code: (string?)h.Code)).ToList();
                if (name is "asOf" or "from" or "to")
                    cases.AddRange([("year 1", "0001-01-01", null), ("year 9999", "9999-12-31", null), ("30 February", "2026-02-30", null)]);
                if (name is "page" or "pageSize")
                    cases.AddRange([("the largest int", "2147483647", null), ("beyond int", "99999999999", null), ("negative", "-1", null)]);
                foreach (var (what, value, code) in cases)
                {
                    requests++;
                    var result = await GetRaw(url, $"{name}={value}", token);
                    var status = result.Context.Response.StatusCode;
                    if (status is < 400 or >= 500)
                        failures.Add($"GET {path.Name} ?{name}= {what}: {status} {Shorten(await result.ReadAsTextAsync())}");
                    else if (await ProblemAnswerIsWrong(result, code, code is null && status == 404 ? null : name) is { } wrong)
                        failures.Add($"GET {path.Name} ?{name}= {what}: {Shorten(wrong)}");
                }
            }
        }

        // Every page (Razor Pages: no HTTP method metadata), signed in with a role that may see it.
        var pages = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>() is null
                                         && e.RoutePattern.RawText is { } raw && HtxFund.Web.WebSetup.IsPagePath("/" + raw)
                                         && !raw.StartsWith("loi/", StringComparison.Ordinal) && raw != "dang-xuat")
            .ToArray();
        pages.Length.ShouldBeGreaterThan(15);
        foreach (var page in pages)
        {
            var token = await TokenForRoles(BadInputCorpus.Roles(page));
            var url = BadInputCorpus.Url("/" + page.RoutePattern.RawText, _ => Guid.NewGuid().ToString());
            foreach (var (what, value, _) in HostileQueryValues)
            {
                foreach (var name in new[] { "province", "q", "culture" })
                {
                    requests++;
                    var result = await GetRaw(url, $"{name}={value}", token);
                    var status = result.Context.Response.StatusCode;
                    var html = await result.ReadAsTextAsync();
                    if (status != 400 || !html.Contains("Yêu cầu không hợp lệ", StringComparison.Ordinal))
                        failures.Add($"GET /{page.RoutePattern.RawText} ?{name}= {what}: {status} {Shorten(html)}");
                }
            }
            if (page.RoutePattern.Parameters.Any(p => p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
            {
                requests++;
                var empty = BadInputCorpus.Url("/" + page.RoutePattern.RawText, _ => Guid.Empty.ToString());
                var result = await Get(empty, token);
                if (result.Context.Response.StatusCode != 404)
                    failures.Add($"GET {empty}: {result.Context.Response.StatusCode} {Shorten(await result.ReadAsTextAsync())}");
            }
        }
        output.WriteLine($"{requests} GET requests (API query strings and pages) in {clock.Elapsed.TotalSeconds:0.0} s; wrong answers: " +
                         $"{failures.Count}, of which server errors: {failures.Count(f => f.Contains(": 5", StringComparison.Ordinal))}");
        foreach (var f in failures) output.WriteLine("wrong: " + f);
        requests.ShouldBeGreaterThan(200);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)));
    }

    [Fact]
    public void every_write_endpoint_of_the_app_gets_bad_input_cases()
    {
        var routes = BadInputCorpus.WriteRoutes(Host.Services);
        routes.Count.ShouldBeGreaterThan(20);
        // Every endpoint gets cases: a body sent to one that reads none (e.g. logout) must be refused too.
        routes.ShouldAllBe(r => BadInputCorpus.For(r, Guid.NewGuid().ToString()).Any());
        routes.ShouldContain(r => r.Upload); // uploads are recognised ([ReadsMultipartForm]) and get their own cases
        routes.ShouldContain(r => r.BodyLess); // so are the commands that take no body
        // Nested fields are reached: a date inside the appraisal's proposal, an item of the restructuring plan.
        var cases = routes.SelectMany(r => BadInputCorpus.For(r, null)).ToList();
        cases.ShouldContain(c => c.Field == "proposal.startDate" && c.Code == "date.invalid");
        cases.ShouldContain(c => c.Field == "plan[0].dueDate");
        cases.ShouldContain(c => c.Field == "request.collateral[0].description" && c.Code == "text.noncharacter");
    }

    [Fact]
    public async Task a_replayed_idempotency_key_with_a_different_body_is_refused_on_every_idempotent_endpoint_and_stores_nothing()
    {
        var routes = BadInputCorpus.WriteRoutes(Host.Services).Where(r => r.Idempotent && r.RequestType is not null).ToArray();
        routes.ShouldNotBeEmpty();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var token = await TokenForRoute(route);
            var key = Guid.NewGuid().ToString();
            var url = BadInputCorpus.Url(route);
            var first = BadInputCorpus.Json(BadInputCorpus.BaseBody(route.RequestType));
            await Send(new BadRequestCase(route, "first", url, first, "application/json", Expectation.MayBeAccepted, key), token);
            var events = await EventCount();
            var other = BadInputCorpus.BaseBody(route.RequestType);
            other["corpusReplay"] = new BadInputCorpus.JsonRaw("\"khác\"");
            var replay = await Send(new BadRequestCase(route, "replay", url, BadInputCorpus.Json(other), "application/json", Expectation.Refused, key), token);
            if (replay.Context.Response.StatusCode != 422 || await replay.ProblemCode() != "idempotency.key_reused")
                failures.Add($"{route}: {replay.Context.Response.StatusCode} {Shorten(await replay.ReadAsTextAsync())}");
            if (await EventCount() != events) failures.Add($"{route}: the replay appended events");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task injection_strings_in_a_cooperatives_text_fields_are_refused_or_stored_exactly_as_sent()
    {
        var token = await TokenFor(Roles.CreditOfficer);
        string[] textFields = ["name", "district", "address", "legalRepresentative", "mainSector"];
        var outcomes = new List<string>();
        foreach (var field in textFields)
        {
            foreach (var hostile in BadInputCorpus.InjectionStrings)
            {
                var events = await EventCount();
                var body = CooperativeScenarios.ValidRegistration(NewTaxCode()).With(field, hostile + " HTX");
                var result = await Post("/api/cooperatives", body, token);
                var status = result.Context.Response.StatusCode;
                if (status == 201)
                {
                    var stored = await (await Get(result.Context.Response.Headers.Location.ToString(), token)).ReadJson();
                    stored.GetProperty(field).GetString().ShouldBe(hostile + " HTX");
                    stored.GetProperty("taxCode").GetString().ShouldBe((string)body["taxCode"]!);
                    outcomes.Add($"{field} accepted verbatim");
                }
                else
                {
                    status.ShouldBe(400, await result.ReadAsTextAsync());
                    (await EventCount()).ShouldBe(events);
                    outcomes.Add($"{field} refused");
                }
            }
        }
        output.WriteLine(string.Join("\n", outcomes.Distinct()));
        // The store itself is intact: the "DROP TABLE" strings were data, never SQL.
        (await EventCount()).ShouldBeGreaterThan(0);
    }

    private async Task<IScenarioResult> SendTo(string method, string pattern, string body, string contentType = "application/json")
    {
        var route = BadInputCorpus.WriteRoutes(Host.Services).Single(r => r.Method == method && r.Pattern == pattern);
        return await Send(new BadRequestCase(route, "single", BadInputCorpus.Url(route), body, contentType, Expectation.Refused),
            await TokenForRoute(route));
    }

    [Fact]
    public async Task a_json_null_body_is_refused_with_request_body_required_instead_of_a_server_error()
    {
        var result = await SendTo("POST", "/api/capital/contributions", "null");
        await result.ShouldBeRefusal(400, "request.body_required");
        (await EventCount()).ShouldBe(0);
    }

    [Fact]
    public async Task a_json_body_over_one_mebibyte_is_refused_with_413()
    {
        var result = await SendTo("POST", "/api/reminder-runs", "{\"x\": \"" + new string('a', 1024 * 1024) + "\"}");
        await result.ShouldBeRefusal(413, "request.too_large");
    }

    [Fact]
    public async Task a_nul_character_in_an_otherwise_accepted_text_field_is_refused_and_nothing_is_stored()
    {
        var route = BadInputCorpus.WriteRoutes(Host.Services).Single(r => r.Method == "POST" && r.Pattern == "/api/capital/contributions");
        var body = BadInputCorpus.BaseBody(route.RequestType);
        var accepted = await SendTo("POST", route.Pattern, BadInputCorpus.Json(body));
        accepted.Context.Response.StatusCode.ShouldBe(201, await accepted.ReadAsTextAsync()); // the same body without NUL is valid
        var events = await EventCount();

        body["source"] = new BadInputCorpus.JsonRaw("\"Ngân sách\\u0000tỉnh\"");
        var result = await SendTo("POST", route.Pattern, BadInputCorpus.Json(body));

        output.WriteLine(await result.ReadAsTextAsync());
        await result.ShouldBeRefusal(400, "text.control_character");
        (await ProblemAnswerIsWrong(result, "text.control_character", "source")).ShouldBeNull();
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_truncated_multipart_upload_is_refused_with_400_not_a_server_error()
    {
        var result = await SendTo("POST", "/api/repayments/statements",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nngay,so tien", "multipart/form-data; boundary=b");
        await result.ShouldBeRefusal(400, "request.malformed_form");
    }
}
