using Alba;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Infrastructure.Http;

/// <summary>
/// Issue 16, item 7: request bodies are read once at the edge (RequestBodyGuardMiddleware + RequestJson), so what used
/// to reach a handler, a normaliser or Marten and answer 500 is a 4xx ProblemDetails naming the field, and nothing is
/// written. Each class of input is also swept over every write endpoint by BadInput/every_write_endpoint_refuses_bad_input.
/// </summary>
public sealed class reading_request_bodies(AppFixture fixture) : ApplicationContext(fixture)
{
    private Task<IScenarioResult> Send(string method, string url, string? body, string token, string? contentType = "application/json") =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
            if (method == "PUT") s.Put.Text(body ?? "").ToUrl(url);
            else if (body is null) s.Post.Url(url);
            else s.Post.Text(body).ToUrl(url);
            if (contentType is not null) s.WithRequestHeader("Content-Type", contentType);
            s.IgnoreStatusCode();
        });

    /// <summary>The refusal names <paramref name="field"/> with <paramref name="code"/> in <c>fieldCodes</c>.</summary>
    private static async Task ShouldNameField(IScenarioResult result, string field, string code)
    {
        await result.ShouldBeRefusal(400, code);
        var fieldCodes = (await result.ReadJson()).GetProperty("fieldCodes");
        fieldCodes.TryGetProperty(field, out var codes).ShouldBeTrue($"{field} in {fieldCodes}");
        codes.EnumerateArray().Select(c => c.GetString()).ShouldContain(code);
    }

    [Theory]
    [InlineData("a\\ufffeb", "text.noncharacter")]
    [InlineData("\\uffff", "text.noncharacter")]
    [InlineData("a\\ufdd0b", "text.noncharacter")]
    [InlineData("a\\ud83f\\udffeb", "text.noncharacter")]
    [InlineData("a\\u0085b", "text.control_character")]
    [InlineData("\\ud800", "text.invalid_unicode")]
    [InlineData("a\\udc00b", "text.invalid_unicode")]
    public async Task hostile_text_in_a_field_is_refused_naming_the_field_instead_of_a_server_error(string escaped, string code)
    {
        var id = await Submitted();
        var before = await EventCount();
        var result = await Send("POST", $"/api/applications/{id}/return",
            $"{{\"version\": {await VersionOf(id)}, \"questions\": \"Bổ sung {escaped}\"}}", await TokenFor(Roles.CreditOfficer));
        await ShouldNameField(result, "questions", code);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task bytes_that_are_not_utf8_inside_a_json_string_are_refused_naming_the_field()
    {
        var id = await Submitted();
        var body = "{\"version\": 1, \"questions\": \"a"u8.ToArray().Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat("b\"}"u8.ToArray()).ToArray();
        var token = await TokenFor(Roles.CreditOfficer);
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Post.Url($"/api/applications/{id}/return");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = "application/json";
            });
            s.IgnoreStatusCode();
        });
        await ShouldNameField(result, "questions", "text.invalid_unicode");
    }

    [Theory]
    [InlineData("\"2026-02-30\"", "date.invalid")]
    [InlineData("\"2026-13-01\"", "date.invalid")]
    [InlineData("\"2025-02-29\"", "date.invalid")]
    [InlineData("20261201", "date.invalid")]
    [InlineData("\"0001-01-01\"", "date.out_of_range")]
    [InlineData("\"9998-06-30\"", "date.out_of_range")]
    public async Task a_bad_date_inside_the_proposal_is_refused_naming_its_path(string date, string code)
    {
        var id = await Submitted();
        var appraisal = System.Text.Json.JsonSerializer.SerializeToNode(Appraisal(1_000_000_000), TestJson.Options)!.AsObject();
        appraisal["version"] = await VersionOf(id);
        var body = appraisal.ToJsonString().Replace("\"2026-12-01\"", date);
        var before = await EventCount();

        var result = await Send("POST", $"/api/applications/{id}/appraisal", body, await TokenFor(Roles.CreditOfficer));

        await ShouldNameField(result, "proposal.startDate", code);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_start_past_the_year_9997_is_refused_instead_of_overflowing_the_schedule()
    {
        var result = await Send("POST", "/api/schedule-preview",
            "{\"amount\":1000000000,\"annualRatePercent\":6,\"termMonths\":360,\"method\":\"Annuity\",\"frequency\":\"Monthly\",\"startDate\":\"9998-06-30\"}",
            await TokenFor(Roles.CreditOfficer));
        await ShouldNameField(result, "startDate", "date.out_of_range");
    }

    [Theory]
    [InlineData("{\"version\": true}", "version", "number.invalid")]
    [InlineData("{\"version\": \"một\"}", "version", "number.invalid")]
    [InlineData("{\"version\": 1, \"response\": 42}", "response", "text.invalid")]
    [InlineData("{\"version\": 1, \"response\": {\"a\": 1}}", "response", "text.invalid")]
    public async Task a_value_of_the_wrong_type_is_refused_naming_the_field(string body, string field, string code)
    {
        var id = await Draft();
        var result = await Send("POST", $"/api/applications/{id}/resubmit", body, Coop);
        await ShouldNameField(result, field, code);
    }

    [Fact]
    public async Task a_wrong_type_deep_inside_a_list_item_is_refused_naming_its_path()
    {
        var request = Request();
        request["collateral"] = new[] { new { type = "LandUseRight", description = "Đất", appraisedValue = "hai tỷ" } };
        var result = await Post("/api/applications", new { request }, Coop);
        await ShouldNameField(result, "request.collateral[0].appraisedValue", "number.invalid");
    }

    [Fact]
    public async Task a_restructuring_plan_of_null_rows_is_refused_at_reading()
    {
        var before = await EventCount();
        var result = await Send("POST", $"/api/loans/{Guid.NewGuid()}/restructurings",
            "{\"version\": 1, \"kind\": \"Extension\", \"date\": \"2026-11-22\", \"plan\": [null, null], \"reason\": \"Thiên tai\"}",
            await TokenFor(Roles.CreditOfficer));
        await ShouldNameField(result, "plan[0]", "list.null_item");
        await ShouldNameField(result, "plan[1]", "list.null_item");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_null_among_the_reasons_of_a_decision_is_refused_at_reading()
    {
        var result = await Send("POST", $"/api/applications/{Guid.NewGuid()}/decision",
            "{\"version\": 1, \"approve\": false, \"reasons\": [\"Thiếu tài sản bảo đảm\", null]}", await TokenFor(Roles.Director));
        await ShouldNameField(result, "reasons[1]", "list.null_item");
    }

    [Fact]
    public async Task the_empty_guid_as_a_route_id_is_not_found_before_it_reaches_marten()
    {
        var before = await EventCount();
        var result = await Send("POST", $"/api/applications/{Guid.Empty}/return", "{\"version\": 1, \"questions\": \"Bổ sung sổ đỏ\"}",
            await TokenFor(Roles.CreditOfficer));
        await result.ShouldBeRefusal(404, "not_found");
        var loan = await Send("POST", $"/api/loans/{Guid.Empty}/tranches/{Guid.Empty}/confirmation", "{\"version\": 1}",
            await TokenFor(Roles.ChiefAccountant));
        await loan.ShouldBeRefusal(404, "not_found");
        (await EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task a_json_command_without_a_json_content_type_is_415_and_not_read(string? contentType)
    {
        var before = await EventCount();
        var result = await Send("POST", "/api/capital/contributions",
            "{\"amount\": 1000000, \"source\": \"Ngân sách tỉnh\", \"decisionNumber\": \"1/QĐ\", \"decisionDate\": \"2026-11-20\", \"valueDate\": \"2026-11-20\"}",
            await TokenFor(Roles.ChiefAccountant), contentType);
        await result.ShouldBeRefusal(415, "request.unsupported_media_type");
        (await EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("{}", "application/json")]
    [InlineData("{\"version\": 3}", "application/json")]
    [InlineData("garbage, not json", "text/plain")]
    public async Task a_body_sent_to_a_command_that_takes_none_is_refused_and_the_command_does_nothing(string body, string contentType)
    {
        var admin = await TokenFor(Roles.Admin);
        var user = await CreateStaffUser("daklak.officer2", [Roles.CreditOfficer]);
        var id = (await (await Get("/api/users", admin)).ReadJson()).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == user).GetProperty("id").GetString();

        var refused = await Send("POST", $"/api/users/{id}/disable", body, admin, contentType);
        await refused.ShouldBeRefusal(400, "request.body_not_allowed");
        (await (await Get("/api/users", admin)).ReadJson()).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == user).GetProperty("disabled").GetBoolean().ShouldBeFalse();

        var done = await Send("POST", $"/api/users/{id}/disable", null, admin, null);
        done.Context.Response.StatusCode.ShouldBeOneOf([200, 204], await done.ReadAsTextAsync());
    }

    [Fact]
    public async Task an_empty_body_and_json_null_are_refused_as_a_missing_command()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        await (await Send("POST", "/api/capital/contributions", "", token)).ShouldBeRefusal(400, "request.body_required");
        await (await Send("POST", "/api/capital/contributions", "null", token)).ShouldBeRefusal(400, "request.body_required");
        await (await Send("POST", "/api/capital/contributions", "{\"amount\": ", token)).ShouldBeRefusal(400, "request.malformed_json");
        await (await Send("POST", "/api/capital/contributions", "[1]", token)).ShouldBeRefusal(400, "request.malformed_json");
    }
}
