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
        await Host.ResetAllMartenDataAsync();
        await SeedFundsAndStaffAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static string UserName(string fund, string role) => $"{fund}.{role.ToLowerInvariant()}";

    private async Task SeedFundsAndStaffAsync()
    {
        var hasher = Host.Services.GetRequiredService<IPasswordHasher<UserAccount>>();
        await using var session = Store.LightweightSession();
        session.Store(new Fund { Id = FundA, Name = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk", Kind = FundKind.Provincial, ProvinceName = "Đắk Lắk" });
        session.Store(new Fund { Id = FundB, Name = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lâm Đồng", Kind = FundKind.Provincial, ProvinceName = "Lâm Đồng" });
        session.Store(new Fund { Id = CentralFund, Name = "Quỹ hỗ trợ phát triển hợp tác xã Việt Nam", Kind = FundKind.Central });
        foreach (var fund in new[] { FundA, FundB, CentralFund })
        {
            foreach (var role in Roles.All.Where(r => r != Roles.Cooperative))
            {
                var user = NewUser(fund, UserName(fund, role), [role], null);
                session.Store(user with { PasswordHash = hasher.HashPassword(user, Password) });
            }
        }
        await session.SaveChangesAsync();
    }

    private static UserAccount NewUser(string fund, string userName, string[] roles, Guid? cooperativeId) => new()
    {
        Id = Guid.CreateVersion7(), UserName = userName, DisplayName = $"Người dùng {userName}", FundId = fund,
        Roles = roles, CooperativeId = cooperativeId, PasswordHash = "", CreatedAt = AppFixture.Start,
    };

    /// <summary>Creates a Cooperative user bound to a cooperative and returns its user name.</summary>
    protected async Task<string> CreateCooperativeUser(Guid cooperativeId, string fund = FundA)
    {
        var hasher = Host.Services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var user = NewUser(fund, $"{fund}.coop.{cooperativeId:N}"[..40], [Roles.Cooperative], cooperativeId);
        await using var session = Store.LightweightSession();
        session.Store(user with { PasswordHash = hasher.HashPassword(user, Password) });
        await session.SaveChangesAsync();
        return user.UserName;
    }

    /// <summary>Creates another staff user (e.g. more board members, or one holding two roles) and returns its user name.</summary>
    protected async Task<string> CreateStaffUser(string userName, string[] roles, string fund = FundA)
    {
        var hasher = Host.Services.GetRequiredService<IPasswordHasher<UserAccount>>();
        var user = NewUser(fund, userName, roles, null);
        await using var session = Store.LightweightSession();
        session.Store(user with { PasswordHash = hasher.HashPassword(user, Password) });
        await session.SaveChangesAsync();
        return user.UserName;
    }

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
