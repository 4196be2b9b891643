using System.Net;
using Alba;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Reference;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace HtxFund.Tests;

/// <summary>
/// Base of every integration test: resets all data at the start of each test (no teardown, so a failed test's
/// data can be inspected), seeds two funds with one user per role, and offers helpers that go through the API.
/// </summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    public const string FundA = "daklak";
    public const string FundB = "lamdong";
    /// <summary>The central fund (Quỹ hỗ trợ phát triển HTX Việt Nam): every provincial fund reports to it.</summary>
    public const string CentralFund = "trunguong";
    public const string Password = "Mat-khau-2026";

    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected FakeClock Clock => Fixture.Clock;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private readonly Dictionary<string, string> _tokens = new();
    private static int _ipCounter;

    public virtual async Task InitializeAsync()
    {
        Clock.Reset(AppFixture.Start);
        await ResetDataAsync();
        await SeedFundsAndStaffAsync();
    }

    /// <summary>Deletes every fund's data: Marten's documents and events, and the registers of numbers (a table of the
    /// schema outside Marten's documents, <see cref="HtxFund.Applications.Registers"/>).</summary>
    protected async Task ResetDataAsync()
    {
        await Host.ResetAllMartenDataAsync();
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"TRUNCATE htxfund.{HtxFund.Applications.Registers.Table}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static string UserName(string fund, string role) => $"{fund}.{role.ToLowerInvariant()}";

    private Task SeedFundsAndStaffAsync() => TestUsers.SeedFundsAndStaffAsync(Host.Services);

    /// <summary>Creates a Cooperative user bound to a cooperative and returns its user name.</summary>
    protected Task<string> CreateCooperativeUser(Guid cooperativeId, string fund = FundA) =>
        TestUsers.CreateCooperativeUserAsync(Host.Services, cooperativeId, fund);

    /// <summary>Creates another staff user (e.g. more board members, or one holding two roles) and returns its user name.</summary>
    protected Task<string> CreateStaffUser(string userName, string[] roles, string fund = FundA) =>
        TestUsers.CreateStaffUserAsync(Host.Services, userName, roles, fund);

    /// <summary>A fresh loopback-range address per login, so the per-IP login rate limit never trips by accident.</summary>
    protected static IPAddress NextClientAddress()
    {
        var n = Interlocked.Increment(ref _ipCounter);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    protected async Task<IScenarioResult> Login(string userName, string password, IPAddress? from = null, bool useCookies = false) =>
        await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from ?? NextClientAddress());
            var send = s.Post.Json(new { userName, password }).ToUrl("/api/auth/login");
            if (useCookies) send.QueryString("useCookies", "true");
            s.IgnoreStatusCode();
        });

    /// <summary>Moves the business clock on by whole days. Sign-ins expire after hours, so cached tokens are forgotten
    /// and the next call signs in again.</summary>
    protected void AdvanceDays(int days)
    {
        Clock.Advance(Duration.FromDays(days));
        _tokens.Clear();
    }

    /// <summary>A bearer token of the seeded staff user with that role in that fund.</summary>
    protected Task<string> TokenFor(string role, string fund = FundA) => TokenForUser(UserName(fund, role));

    protected async Task<string> TokenForUser(string userName)
    {
        if (_tokens.TryGetValue(userName, out var cached)) return cached;
        var result = await Login(userName, Password);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var token = (await result.ReadJson()).GetProperty("accessToken").GetString()!;
        _tokens[userName] = token;
        return token;
    }

    protected Task<IScenarioResult> Get(string url, string? token) => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Get.Url(url);
        s.IgnoreStatusCode();
    });

    /// <summary>POSTs like a well-behaved client: JSON body and a fresh <c>Idempotency-Key</c>.</summary>
    protected Task<IScenarioResult> Post<T>(string url, T body, string? token) where T : class => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.WithRequestHeader(HtxFund.Infrastructure.Http.Idempotency.IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
        s.Post.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    /// <summary>POSTs a command that takes no body (mark as read, disable a user, generate a report, log out...): no
    /// body at all, which is what such a command accepts, and a fresh <c>Idempotency-Key</c>.</summary>
    protected Task<IScenarioResult> PostWithoutBody(string url, string? token) => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.WithRequestHeader(HtxFund.Infrastructure.Http.Idempotency.IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
        s.Post.Url(url);
        s.IgnoreStatusCode();
    });

    /// <summary>POSTs JSON with the given <c>Idempotency-Key</c> (for repeats of one request).</summary>
    protected Task<IScenarioResult> PostWithKey(string url, object body, string token, string key) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.WithRequestHeader(HtxFund.Infrastructure.Http.Idempotency.IdempotencyMiddleware.Header, key);
        s.Post.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    protected Task<IScenarioResult> PostText(string url, string body, string? token, string contentType = "application/json") =>
        Host.Scenario(s =>
        {
            if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Post.Text(body).ToUrl(url);
            s.WithRequestHeader("Content-Type", contentType);
            s.IgnoreStatusCode();
        });

    /// <summary>Every event in the store, all funds included (raw SQL, independent of the app's sessions).</summary>
    protected async Task<long> EventCount()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM htxfund.mt_events", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static int _taxSeed = Random.Shared.Next(100_000, 900_000);

    /// <summary>A valid, unused 10-digit tax code.</summary>
    protected static string NewTaxCode()
    {
        while (true)
        {
            var first9 = "60" + Interlocked.Increment(ref _taxSeed).ToString("D7");
            try { return TaxCode.Generate(first9); }
            catch (ArgumentException) { /* this prefix has no valid check digit; take the next */ }
        }
    }
}
