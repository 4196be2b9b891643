using System.Net;
using HtxFund.Infrastructure.Database;
using HtxFund.Tests.Support;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime.Testing;

namespace HtxFund.Tests.Web.Fixtures;

/// <summary>
/// The app on a real loopback Kestrel port (a browser cannot reach Alba's in-memory server) against its own database
/// built from the migrations, with the same test settings as <see cref="AppFixture"/>, plus ONE headless Debian
/// chromium (<c>/usr/bin/chromium</c>, never a downloaded browser) driven by Playwright, shared by the collection.
/// Each test opens its own browser context (own cookies). Funds and staff are seeded once; tests create their own
/// cooperatives, so nothing is reset between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public FakeClock Clock { get; } = new(AppFixture.Start);
    /// <summary>A real SMTP server the app sends to (reminders, notices), as the integration tests' fixture has.</summary>
    public SmtpTestServer Smtp { get; } = new();
    public string ConnectionString { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        ConnectionString = await TestDatabase.CreateAsync("web");
        await Smtp.StartAsync();
        await Migrations.ApplyPendingAsync(ConnectionString);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            AppFixture.ConfigureTestApp(builder, ConnectionString, Clock, Smtp.Port);
            builder.UseSetting("HtxFund:Security:LoginPermitsPerMinute", "10000"); // every browser signs in from 127.0.0.1
            // As behind a reverse proxy on the same host: a test can sign in "from" another address (X-Forwarded-For).
            builder.UseSetting("HtxFund:Http:ForwardedHeaders", "true");
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);

        await TestUsers.SeedFundsAndStaffAsync(Services);

        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: ops/test installs Debian's chromium (apt-get install chromium).");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await _factory.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
