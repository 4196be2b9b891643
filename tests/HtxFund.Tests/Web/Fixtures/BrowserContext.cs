using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Playwright;

namespace HtxFund.Tests.Web.Fixtures;

/// <summary>
/// Base of every browser test: a fresh browser context and page per test (signed out), helpers to sign in through the
/// sign-in page, to build given-states through the real HTTP API (bearer tokens), and to take screenshots at desktop
/// (1280×800) and phone (390×844) width into <c>artifacts/screenshots/</c> (git-ignored).
/// Assertions wait for conditions (Playwright's auto-waiting locators), never sleep.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserContext(BrowserFixture fixture) : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    protected BrowserFixture Fixture { get; } = fixture;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected HttpClient Api { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseUrl.ToString().TrimEnd('/'), ViewportSize = Desktop, Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh",
        });
        Context.SetDefaultTimeout(30_000);
        Page = await Context.NewPageAsync();
        Api = new HttpClient { BaseAddress = Fixture.BaseUrl };
    }

    public virtual async Task DisposeAsync()
    {
        Api.Dispose();
        await Context.CloseAsync();
    }

    /// <summary>Playwright's auto-waiting assertions (they retry until the condition holds or 30 s pass: generous, because the first request of each page generates code and a loaded CI machine is slow).</summary>
    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    static BrowserContext() => Assertions.SetDefaultExpectTimeout(30_000);

    /// <summary>Signs in through the sign-in page and waits until the portal's main page is shown.</summary>
    protected async Task SignIn(string userName, string password = IntegrationContext.Password)
    {
        await Page.GotoAsync("/dang-nhap");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            // the navigation away from the sign-in page is what says the sign-in worked; what the portal shows is asserted
            // by the test (with the expectations' own timeout), so the wait does not also hang on the page's load event
            await Page.WaitForURLAsync(url => !url.Contains("/dang-nhap"), new() { WaitUntil = WaitUntilState.Commit });
            await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        catch (TimeoutException e)
        {
            // Say what the page shows (a refusal, or the sign-in page again after a redirect) instead of only "timeout".
            var shown = await Page.Locator("main").InnerTextAsync(new() { Timeout = 2_000 }).ConfigureAwait(false);
            throw new TimeoutException($"Sign-in of {userName} did not leave the sign-in page; now at {Page.Url}, showing: {shown}", e);
        }
    }

    // ---- given-states through the real HTTP API --------------------------------------------------------------------

    private readonly Dictionary<string, string> _tokens = new();

    protected async Task<string> TokenForUser(string userName)
    {
        if (_tokens.TryGetValue(userName, out var cached)) return cached;
        var response = await Api.PostAsJsonAsync("/api/auth/login", new { userName, password = IntegrationContext.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return _tokens[userName] = token;
    }

    protected Task<string> TokenFor(string role, string fund = IntegrationContext.FundA) => TokenForUser(IntegrationContext.UserName(fund, role));

    /// <summary>POSTs JSON with a bearer token and a fresh Idempotency-Key; fails the test unless 2xx.</summary>
    protected async Task<HttpResponseMessage> PostApi(string url, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
        var response = await Api.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Waits until the letter of the decision on application <paramref name="id"/> is issued: it is rendered just
    /// after the decision commits and changes the application's version, so a given-state that goes on from a decision
    /// waits for it (a condition, polled, with a deadline).</summary>
    protected async Task LetterIssued(object id, string token)
    {
        await Waiting.Eventually(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{id}/decision-letter");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Api.SendAsync(request);
            return response.IsSuccessStatusCode;
        }, $"the decision letter of {id} is issued", TimeSpan.FromSeconds(30));
    }

    protected async Task<JsonElement> GetJson(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        var response = await Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<long> Version(string url, string token, bool application = false)
    {
        var json = await GetJson(url, token);
        return (application ? json.GetProperty("application") : json).GetProperty("version").GetInt64();
    }

    /// <summary>A 400.000.000 ₫ loan (first instalment due 22/12/2026) to a cooperative named <paramref name="name"/>,
    /// approved, contracted and disbursed on 22/11/2026 through the API (fund A receives 20.000.000.000 ₫ of charter
    /// capital first): the loan's id and the cooperative's user.</summary>
    protected async Task<(string LoanId, string User)> DisbursedLoanOf(string name, string? district = null)
    {
        const string Today = "2026-11-22";
        await PostApi("/api/capital/contributions", new
        {
            amount = 20_000_000_000L, source = "Ngân sách tỉnh", decisionNumber = "1544/QĐ-UBND", decisionDate = "2026-01-10", valueDate = "2026-01-15",
        }, await TokenFor(Roles.ChiefAccountant));
        var (_, user) = await CooperativeWithUser(name, district);
        var coop = await TokenForUser(user);
        var officer = await TokenFor(Roles.CreditOfficer);
        var draft = await PostApi("/api/applications", new { request = ApplicationContext.Request(amount: 400_000_000) }, coop);
        var id = draft.Headers.Location!.ToString().Split('/').Last();
        await PostApi($"/api/applications/{id}/submit", new { version = await Version($"/api/applications/{id}", coop, true) }, coop);
        var appraisal = JsonSerializer.SerializeToNode(ApplicationContext.Appraisal(400_000_000))!.AsObject();
        appraisal["version"] = await Version($"/api/applications/{id}", officer, true);
        await PostApi($"/api/applications/{id}/appraisal", appraisal, officer);
        await PostApi($"/api/applications/{id}/decision", new
        {
            version = await Version($"/api/applications/{id}", officer, true), approve = true,
            terms = new { amount = 400_000_000L, annualRatePercent = 6m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6, startDate = Today },
        }, await TokenFor(Roles.Director));
        await LetterIssued(id, officer);
        await PostApi($"/api/loans/{id}/contract", new
        {
            version = await Version($"/api/loans/{id}", officer), contractNumber = $"HĐ-N{id[^7..]}", signedOn = Today, startDate = Today,
        }, officer);
        await PostApi($"/api/loans/{id}/credit-checks", new
        {
            version = await Version($"/api/loans/{id}", officer), result = "NoBadDebt", source = "Báo cáo CIC số 1235/CIC", checkedOn = Today, note = "",
        }, officer);
        var accountant = await TokenFor(Roles.Accountant);
        var tranche = await PostApi($"/api/loans/{id}/tranches", new
        {
            version = await Version($"/api/loans/{id}", accountant), amount = 400_000_000L, valueDate = Today, beneficiaryAccount = "0101234567891",
            bankName = "Ngân hàng Nông nghiệp và Phát triển nông thôn - CN Đắk Lắk", reference = "Giải ngân lần 1",
        }, accountant);
        var trancheId = (await tranche.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trancheId").GetString();
        await PostApi($"/api/loans/{id}/tranches/{trancheId}/confirmation", new { }, await TokenFor(Roles.ChiefAccountant));
        return (id, user);
    }

    private static int _taxSeed = Random.Shared.Next(100_000, 900_000);

    protected static string NewTaxCode()
    {
        while (true)
        {
            var first9 = "61" + Interlocked.Increment(ref _taxSeed).ToString("D7");
            try { return HtxFund.Reference.TaxCode.Generate(first9); }
            catch (ArgumentException) { /* no valid check digit for this prefix */ }
        }
    }

    /// <summary>A cooperative registered by fund A's credit officer, and a Cooperative user bound to it.</summary>
    protected async Task<(Guid CooperativeId, string UserName)> CooperativeWithUser(string name = "Hợp tác xã Nông nghiệp Cà phê Ea Tu",
        string? district = null)
    {
        var registration = CooperativeScenarios.ValidRegistration(NewTaxCode(), name);
        if (district is not null) registration["district"] = district;
        var response = await PostApi("/api/cooperatives", registration, await TokenFor(Roles.CreditOfficer));
        var id = Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
        return (id, await TestUsers.CreateCooperativeUserAsync(Fixture.Services, id));
    }

    // ---- screenshots -----------------------------------------------------------------------------------------------

    public static string ScreenshotFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HtxFund.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }
    }

    /// <summary>Saves the current page at desktop and phone width as <c>{name}-desktop.png</c> and <c>{name}-phone.png</c>
    /// (full page) and returns both paths. The viewport is back at desktop width afterwards.</summary>
    protected async Task<(string Desktop, string Phone)> Screenshots(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var desktop = Path.Combine(ScreenshotFolder, $"{name}-desktop.png");
        var phone = Path.Combine(ScreenshotFolder, $"{name}-phone.png");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop, FullPage = true });
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        return (desktop, phone);
    }

    /// <summary>True when the page is no wider than the viewport (nothing to scroll sideways at phone width).</summary>
    protected async Task<bool> FitsViewportWidth() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
}
