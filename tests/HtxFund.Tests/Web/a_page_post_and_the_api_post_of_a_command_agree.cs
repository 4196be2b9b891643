using System.Net;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.Web;

/// <summary>
/// A page's form sends the API's own command through the app's pipeline (PageCommands): the same form data posted on
/// the page and sent to the API, each on a fresh application, appends the same events, and a refused one is the same
/// refusal, which the page shows next to the field the API names and which appends nothing on either side.
/// </summary>
public sealed partial class a_page_post_and_the_api_post_of_a_command_agree(AppFixture fixture) : ApplicationContext(fixture)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"__IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex IdempotencyKey();

    /// <summary>Opens <paramref name="url"/> as the user of <paramref name="token"/> and posts <paramref name="fields"/> to
    /// its <paramref name="handler"/> with the form's antiforgery token and idempotency key, as the browser does.</summary>
    private async Task<IScenarioResult> PostPage(string url, string handler, string token, Dictionary<string, string> fields)
    {
        var page = await Get(url, token);
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = await page.ReadAsTextAsync();
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        fields["__IdempotencyKey"] = IdempotencyKey().Match(html).Groups[1].Value;
        fields["__IdempotencyKey"].ShouldNotBeEmpty("every post form carries a fresh idempotency key");
        var cookie = page.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        var body = new FormUrlEncodedContent(fields);
        return await Host.Scenario(s =>
        {
            s.Post.Url($"{url}?handler={handler}");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Headers.Authorization = $"Bearer {token}";
                c.Request.Headers.Cookie = cookie;
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.Body = body.ReadAsStream();
            });
            s.IgnoreStatusCode();
        });
    }

    private Task<IScenarioResult> Put(string url, object body, string token) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    /// <summary>The events appended to <paramref name="id"/> after its first <paramref name="skip"/>, as JSON with the
    /// stream's id blanked out (two streams are compared).</summary>
    private async Task<string[]> EventsAfter(Guid id, long skip)
    {
        await using var session = Store.QuerySession(FundA);
        var events = await session.Events.FetchStreamAsync(id);
        return events.Where(e => e.Version > skip)
            .Select(e => e.EventTypeName + " " + Store.Options.Serializer().ToJson(e.Data).Replace(id.ToString(), "{id}"))
            .ToArray();
    }

    /// <summary>The message the page shows next to <paramref name="field"/>.</summary>
    private static string ShownNextTo(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<").Groups[1].Value).Trim();

    private static async Task<(string Code, string Field, string Message)> FieldRefusal(IScenarioResult result)
    {
        var json = await result.ReadJson();
        var field = json.GetProperty("fieldCodes").EnumerateObject().Single();
        return (field.Value[0].GetString()!, field.Name, json.GetProperty("errors").GetProperty(field.Name)[0].GetString()!);
    }

    private static Dictionary<string, string> RequestForm(long amount) => new()
    {
        ["Input.Purpose"] = "Mua dây chuyền sơ chế cà phê nhân", ["Input.Sector"] = "Chế biến cà phê",
        ["Input.TotalInvestment"] = "3000000000", ["Input.OwnEquity"] = "1000000000", ["Input.Amount"] = amount.ToString(),
        ["Input.TermMonths"] = "48", ["Input.Method"] = "Annuity", ["Input.Frequency"] = "Quarterly", ["Input.GraceMonths"] = "3",
        ["Input.CollateralType"] = "Machinery", ["Input.CollateralDescription"] = "Dây chuyền sơ chế 5 tấn/giờ",
        ["Input.CollateralValue"] = "1800000000", ["Input.EthnicMinorityArea"] = "true", ["Input.OcopProduct"] = "true",
    };

    private static object RequestBody(long amount) => new
    {
        purpose = "Mua dây chuyền sơ chế cà phê nhân", sector = "Chế biến cà phê", totalInvestment = 3_000_000_000L, ownEquity = 1_000_000_000L,
        amount, termMonths = 48, method = "Annuity", frequency = "Quarterly", graceMonths = 3,
        collateral = new[] { new { type = "Machinery", description = "Dây chuyền sơ chế 5 tấn/giờ", appraisedValue = 1_800_000_000L } },
        unsecuredRequested = false,
        priority = new { womenManaged = false, ethnicMinorityArea = true, ocopProduct = true, agriculturalValueChain = false, highTech = false },
    };

    [Fact]
    public async Task editing_a_draft_on_the_page_appends_the_same_event_as_the_api()
    {
        var onPage = await Draft();
        var byApi = await Draft();

        var page = await PostPage($"/htx/ho-so/lap/{onPage}", "Save", Coop, new(RequestForm(1_500_000_000)) { ["Version"] = "1" });
        var api = await Put($"/api/applications/{byApi}", new { version = 1, request = RequestBody(1_500_000_000) }, Coop);

        page.Context.Response.StatusCode.ShouldBe(302, await page.ReadAsTextAsync());
        api.Context.Response.StatusCode.ShouldBe(204, await api.ReadAsTextAsync());
        var edited = await EventsAfter(onPage, 1);
        edited.ShouldHaveSingleItem().ShouldStartWith("application_draft_edited");
        edited.ShouldBe(await EventsAfter(byApi, 1));
    }

    [Fact]
    public async Task a_refused_edit_is_the_same_refusal_on_the_page_and_in_the_api_and_appends_nothing()
    {
        var onPage = await Draft();
        var byApi = await Draft();
        var before = await EventCount();

        // 2.500.000.000 ₫ asked for a project of 3.000.000.000 ₫ with 1.000.000.000 ₫ of own equity
        var page = await PostPage($"/htx/ho-so/lap/{onPage}", "Save", Coop, new(RequestForm(2_500_000_000)) { ["Version"] = "1" });
        var api = await Put($"/api/applications/{byApi}", new { version = 1, request = RequestBody(2_500_000_000) }, Coop);

        await api.ShouldBeRefusal(400, "amount.above_financing_need");
        var (_, field, message) = await FieldRefusal(api);
        field.ShouldBe("request.amount");
        page.Context.Response.StatusCode.ShouldBe(200);
        ShownNextTo(await page.ReadAsTextAsync(), "Input.Amount").ShouldBe(message);
        (await EventCount()).ShouldBe(before);
    }

    private static Dictionary<string, string> AppraisalForm(string analysis) => new()
    {
        ["Appraisal.DocumentsVerified"] = "true", ["Appraisal.VerificationNotes"] = "Đủ hồ sơ pháp lý.",
        ["Appraisal.FinancialAnalysis"] = analysis, ["Appraisal.RiskRating"] = "Medium",
        ["Appraisal.Proposal.Amount"] = "1800000000", ["Appraisal.Proposal.AnnualRatePercent"] = "6,5", ["Appraisal.Proposal.TermMonths"] = "36",
        ["Appraisal.Proposal.Method"] = "EqualPrincipal", ["Appraisal.Proposal.Frequency"] = "Monthly", ["Appraisal.Proposal.GraceMonths"] = "6",
        ["Appraisal.CollateralValuation"] = "2200000000", ["Appraisal.Recommendation"] = "Approve", ["Appraisal.Note"] = "Đề nghị cho vay.",
    };

    private static object AppraisalBody(long version, string analysis) => new
    {
        version, documentsVerified = true, verificationNotes = "Đủ hồ sơ pháp lý.", financialAnalysis = analysis, riskRating = "Medium",
        proposal = new { amount = 1_800_000_000L, annualRatePercent = 6.5m, termMonths = 36, method = "EqualPrincipal", frequency = "Monthly", graceMonths = 6 },
        collateralValuation = 2_200_000_000L, recommendation = "Approve", note = "Đề nghị cho vay.",
    };

    /// <summary>Two applications submitted by two cooperatives (one pending application per borrower), at the same version,
    /// and a credit officer to appraise them.</summary>
    private async Task<(Guid OnPage, Guid ByApi, string Officer, long Version)> TwoSubmittedApplications()
    {
        var onPage = await Submitted();
        var other = await AnotherCooperative();
        var byApi = await Draft(token: other);
        await Ok(Transition(byApi, "submit", new { }, other));
        var version = await VersionOf(onPage);
        (await VersionOf(byApi)).ShouldBe(version);
        return (onPage, byApi, await TokenFor(Roles.CreditOfficer), version);
    }

    [Fact]
    public async Task appraising_on_the_page_appends_the_same_events_as_the_api()
    {
        var (onPage, byApi, officer, version) = await TwoSubmittedApplications();

        var page = await PostPage($"/tin-dung/ho-so/{onPage}", "Appraise", officer,
            new(AppraisalForm("Doanh thu 4,5 tỷ đồng/năm; dòng tiền đủ trả nợ.")) { ["Version"] = version.ToString() });
        var api = await Post($"/api/applications/{byApi}/appraisal", AppraisalBody(version, "Doanh thu 4,5 tỷ đồng/năm; dòng tiền đủ trả nợ."), officer);

        page.Context.Response.StatusCode.ShouldBe(302, await page.ReadAsTextAsync());
        api.Context.Response.StatusCode.ShouldBe(204, await api.ReadAsTextAsync());
        var appraised = await EventsAfter(onPage, version);
        appraised.ShouldHaveSingleItem().ShouldStartWith("application_appraised");
        appraised.ShouldBe(await EventsAfter(byApi, version));
    }

    [Fact]
    public async Task a_refused_appraisal_is_the_same_refusal_on_the_page_and_in_the_api_and_appends_nothing()
    {
        var (onPage, byApi, officer, version) = await TwoSubmittedApplications();
        var before = await EventCount();

        var page = await PostPage($"/tin-dung/ho-so/{onPage}", "Appraise", officer, new(AppraisalForm(" ")) { ["Version"] = version.ToString() });
        var api = await Post($"/api/applications/{byApi}/appraisal", AppraisalBody(version, " "), officer);

        await api.ShouldBeRefusal(400, "financial_analysis.required");
        var (_, field, message) = await FieldRefusal(api);
        field.ShouldBe("financialAnalysis");
        page.Context.Response.StatusCode.ShouldBe(200);
        ShownNextTo(await page.ReadAsTextAsync(), "Appraisal.FinancialAnalysis").ShouldBe(message);
        (await EventCount()).ShouldBe(before);
    }
}
