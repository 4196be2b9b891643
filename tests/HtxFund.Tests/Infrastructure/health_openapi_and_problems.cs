using HtxFund.Identity;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Infrastructure;

public sealed class health_openapi_and_problems(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task liveness_answers_without_a_login()
    {
        var result = await Get("/health/live", null);
        result.Context.Response.StatusCode.ShouldBe(200);
        (await result.ReadJson()).GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task readiness_is_healthy_when_the_database_is_reachable_and_migrated()
    {
        var result = await Get("/health/ready", null);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        (await result.ReadJson()).GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task readiness_fails_while_a_migration_is_pending()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var hide = new NpgsqlCommand("UPDATE htxfund_migrations.applied SET id = 'hidden-' || id", conn, tx))
        {
            await hide.ExecuteNonQueryAsync();
        }
        // The app reads through its own connections, so commit, check, and put the record back.
        await tx.CommitAsync();
        try
        {
            var result = await Get("/health/ready", null);
            result.Context.Response.StatusCode.ShouldBe(503);
            (await result.ReadAsTextAsync()).ShouldContain("pending migrations");
        }
        finally
        {
            await using var restore = new NpgsqlCommand("UPDATE htxfund_migrations.applied SET id = substr(id, 8) WHERE id LIKE 'hidden-%'", conn);
            await restore.ExecuteNonQueryAsync();
        }
        (await Get("/health/ready", null)).Context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task the_openapi_document_describes_the_api()
    {
        var result = await Get("/openapi/v1.json", null);
        result.Context.Response.StatusCode.ShouldBe(200);
        var doc = await result.ReadJson();
        doc.GetProperty("info").GetProperty("title").GetString().ShouldBe("HtxFund API");
        var paths = doc.GetProperty("paths");
        paths.TryGetProperty("/api/cooperatives", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/cooperatives/{id}/members", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/auth/login", out _).ShouldBeTrue();
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("RegisterCooperative").GetProperty("properties").GetProperty("registrationDate").ToString()
            .ShouldContain("#/components/schemas/LocalDate");
        schemas.GetProperty("LocalDate").GetProperty("type").GetString().ShouldBe("string");
        schemas.GetProperty("LocalDate").GetProperty("format").GetString().ShouldBe("date");
        // integrators reconcile the loan view against its rounding convention: the description states it
        var loanView = paths.GetProperty("/api/loans/{id}").GetProperty("get");
        var description = loanView.GetProperty("description").GetString()!;
        description.ShouldContain("one rounding over the đồng-days summed since the loan began");
        description.ShouldContain("`position.schedule` is the schedule the engine bills");
        schemas.GetProperty("Instant").GetProperty("format").GetString().ShouldBe("date-time");
        // a repayment's split as the API writes it: whole đồng per part of the waterfall and its sums
        var split = schemas.GetProperty("PaymentAllocation");
        split.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(HtxFund.Loans.PaymentAllocationJson.Members);
        split.GetProperty("properties").GetProperty("interestDue").GetProperty("type").GetString().ShouldBe("integer");
    }

    [Fact]
    public async Task the_api_reference_page_is_served()
    {
        var result = await Get("/api-docs/", null);
        result.Context.Response.StatusCode.ShouldBe(200);
        // Scalar resolves this against the site root (scalar.aspnetcore.js), i.e. /openapi/v1.json.
        (await result.ReadAsTextAsync()).ShouldContain("\"url\":\"openapi/v1.json\"");
    }

    [Fact]
    public async Task an_unknown_api_route_is_a_problem_with_a_vietnamese_title()
    {
        var result = await Get("/api/khong-co", await TokenFor(Roles.Admin));
        result.Context.Response.StatusCode.ShouldBe(404);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var json = await result.ReadJson();
        json.GetProperty("code").GetString().ShouldBe("not_found");
        json.GetProperty("title").GetString().ShouldBe("Không tìm thấy");
    }

    [Fact]
    public async Task responses_carry_security_headers()
    {
        var result = await Get("/health/live", null);
        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers.ContentSecurityPolicy.ToString().ShouldContain("frame-ancestors 'none'");
        headers["Referrer-Policy"].ToString().ShouldBe("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task a_wrong_content_type_is_refused_with_a_problem()
    {
        var result = await PostText("/api/cooperatives", "name=x", await TokenFor(Roles.Admin), "application/x-www-form-urlencoded");
        result.Context.Response.StatusCode.ShouldBeOneOf(400, 415);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        (await EventCount()).ShouldBe(0);
    }
}
