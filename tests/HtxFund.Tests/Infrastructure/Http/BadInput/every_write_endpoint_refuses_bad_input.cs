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
        try
        {
            var json = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
            if (!json.TryGetProperty("code", out var code) || string.IsNullOrWhiteSpace(code.GetString()))
                return $"{status} ProblemDetails without a code";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }
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
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
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
                await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
                after = await StoreCounts(conn, documentSql);
            }
            else if (after != counts) failures.Add($"{c}: refused with {status} but the store changed {counts} -> {after}");
            counts = after;
        }
        output.WriteLine($"{cases.Count} requests against {routes.Count} write endpoints in {clock.Elapsed.TotalSeconds:0.0} s " +
                         $"({(BadInputCorpus.Full ? "full" : "reduced")} corpus); accepted (well-formed hostile text): {accepted.Count}");
        foreach (var a in accepted) output.WriteLine("accepted: " + a);

        cases.Count.ShouldBeGreaterThanOrEqualTo(300);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)));
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;

    [Fact]
    public void every_write_endpoint_of_the_app_gets_bad_input_cases()
    {
        var routes = BadInputCorpus.WriteRoutes(Host.Services);
        routes.Count.ShouldBeGreaterThan(20);
        // Only an endpoint that reads no body and has no route parameter (e.g. logout) has nothing to corrupt.
        routes.Where(r => !BadInputCorpus.For(r, Guid.NewGuid().ToString()).Any())
            .ShouldAllBe(r => r.RequestType == null && !r.Upload && !r.Pattern.Contains('{'));
        routes.ShouldContain(r => r.Upload); // uploads are recognised and get their own cases
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

        result.Context.Response.StatusCode.ShouldBe(400);
        output.WriteLine(await result.ReadAsTextAsync());
        // Wolverine answers a body it cannot deserialise with a bare 400, which the ProblemDetails service names request.malformed.
        (await result.ProblemCode()).ShouldBe("request.malformed");
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
