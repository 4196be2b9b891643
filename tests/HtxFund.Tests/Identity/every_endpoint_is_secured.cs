using System.Text.RegularExpressions;
using Alba;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Identity;

/// <summary>
/// Enumerates the application's own endpoint list, so an endpoint added later is covered without editing this test.
/// </summary>
public sealed class every_endpoint_is_secured(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>Endpoints meant for anyone: sign-in (API and page), the status pages, health, the OpenAPI document and its browser.</summary>
    private static readonly string[] PublicPrefixes = ["/api/auth/login", "/dang-nhap",
        // issue 21, accounts: forgotten passwords (rate limited per address) and refreshing a bearer sign-in
        "/api/auth/password-resets", "/api/auth/refresh", "/quen-mat-khau", "/dat-lai-mat-khau", "/loi/", "/health/", "/openapi/", "/api-docs",
        // issue 21, sign-up: the public sign-up (rate limited, proof of work) and its emailed link
        "/api/sign-ups", "/dang-ky"];

    public sealed record Route(string Method, string Pattern, IReadOnlyList<string> Roles, bool Anonymous)
    {
        public string Url => Regex.Replace(Pattern, @"\{[^}]+\}", Guid.NewGuid().ToString());
    }

    private IReadOnlyList<Route> Routes()
    {
        var sources = Host.Services.GetServices<EndpointDataSource>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var roles = e.Metadata.GetOrderedMetadata<IAuthorizeData>()
                    .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Distinct().ToArray();
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                return methods.Select(m => new Route(m, pattern, roles, anonymous));
            })
            .Where(r => !r.Pattern.Contains("{**") && !r.Pattern.Contains("{*"))
            .DistinctBy(r => (r.Method, r.Pattern))
            .ToArray();
    }

    private Task<IScenarioResult> Call(Route route, string? token) => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        switch (route.Method)
        {
            case "GET": s.Get.Url(route.Url); break;
            case "DELETE": s.Delete.Url(route.Url); break;
            case "PUT": s.Put.Json(new { }).ToUrl(route.Url); break;
            default: s.Post.Json(new { }).ToUrl(route.Url); break;
        }
        s.IgnoreStatusCode();
    });

    [Fact]
    public void the_endpoint_list_is_found_and_only_the_known_public_endpoints_allow_anonymous_access()
    {
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(10);
        routes.Where(r => r.Anonymous).ShouldAllBe(r => PublicPrefixes.Any(p => r.Pattern.StartsWith(p)));
    }

    [Fact]
    public async Task every_endpoint_answers_401_without_a_login()
    {
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.Anonymous))
        {
            var result = await Call(route, token: null);
            var status = result.Context.Response.StatusCode;
            // A page opened without a login (GET) is sent to the sign-in page instead; everything else is a bare 401.
            var toSignIn = route.Method == "GET" && HtxFund.Web.WebSetup.IsPagePath(route.Pattern) && status == 302 &&
                           result.Context.Response.Headers.Location.ToString().Contains("/dang-nhap");
            if (status != 401 && !toSignIn) failures.Add($"{route.Method} {route.Pattern} -> {status}");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_api_endpoint_declares_the_roles_it_serves()
    {
        var undeclared = Routes().Where(r => !r.Anonymous && r.Pattern.StartsWith("/api/") && r.Roles.Count == 0)
            .Select(r => $"{r.Method} {r.Pattern}").ToArray();
        undeclared.ShouldBeEmpty();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task a_role_not_named_by_an_endpoint_gets_403()
    {
        var failures = new List<string>();
        var before = await EventCount();
        foreach (var route in Routes().Where(r => !r.Anonymous && r.Roles.Count > 0))
        {
            var outsider = HtxFund.Identity.Roles.All.FirstOrDefault(r => !route.Roles.Contains(r));
            if (outsider is null) continue; // every role is served
            var token = outsider == HtxFund.Identity.Roles.Cooperative
                ? await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()))
                : await TokenFor(outsider);
            var result = await Call(route, token);
            if (result.Context.Response.StatusCode != 403) failures.Add($"{route.Method} {route.Pattern} as {outsider} -> {result.Context.Response.StatusCode}");
        }
        failures.ShouldBeEmpty();
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_hangfire_dashboard_is_for_admins_only()
    {
        (await Get("/hangfire", null)).Context.Response.StatusCode.ShouldBe(401);
        (await Get("/hangfire", await TokenFor(HtxFund.Identity.Roles.Director))).Context.Response.StatusCode.ShouldBe(403);
        var admin = await Get("/hangfire", await TokenFor(HtxFund.Identity.Roles.Admin));
        admin.Context.Response.StatusCode.ShouldBe(200);
        (await admin.ReadAsTextAsync()).ShouldContain("Hangfire");
    }
}
