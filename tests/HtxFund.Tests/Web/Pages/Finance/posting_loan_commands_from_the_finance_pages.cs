using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.Web.Pages.Finance;

/// <summary>The finance loan page sends its commands through the API's own endpoint (the app's pipeline, with the form's
/// idempotency key): a repayment posted from the page and the same repayment posted to the API append the same events,
/// and a refused one is refused with the same code, the page showing it next to its field.</summary>
public sealed class posting_loan_commands_from_the_finance_pages(AppFixture fixture) : LoanContext(fixture)
{
    private sealed record PageForm(string Cookie, string Antiforgery, string IdempotencyKey);

    /// <summary>The loan page as the Accountant sees it, with the repayment form's antiforgery token and idempotency key.</summary>
    private async Task<PageForm> RepaymentForm(Guid loan, string token)
    {
        var page = await Get($"/tai-chinh/khoan-vay/{loan}", token);
        page.Context.Response.StatusCode.ShouldBe(200);
        var html = await page.ReadAsTextAsync();
        var form = html[html.IndexOf("handler=Repay", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        string Hidden(string name) => Regex.Match(form, $"name=\"{name}\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"{name}\" value=\"([^\"]+)\"") is
            { Success: true } m ? m.Groups[1].Value + m.Groups[2].Value : throw new InvalidOperationException($"No {name} in the repayment form.");
        return new PageForm(page.Context.Response.Headers.SetCookie.ToString().Split(';')[0], Hidden("__RequestVerificationToken"),
            Hidden("__IdempotencyKey"));
    }

    private Task<IScenarioResult> PostRepaymentForm(Guid loan, string token, PageForm form, long amount, string valueDate, string reference) =>
        Host.Scenario(s =>
        {
            var body = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Repayment.Amount"] = amount.ToString(), ["Repayment.ValueDate"] = valueDate, ["Repayment.Channel"] = "BankTransfer",
                ["Repayment.BankReference"] = reference, ["__RequestVerificationToken"] = form.Antiforgery, ["__IdempotencyKey"] = form.IdempotencyKey,
            });
            s.Post.Url($"/tai-chinh/khoan-vay/{loan}?handler=Repay");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Headers.Authorization = $"Bearer {token}";
                c.Request.Headers.Cookie = form.Cookie;
                c.Request.ContentType = body.Headers.ContentType!.ToString();
                c.Request.Body = body.ReadAsStream();
            });
            s.IgnoreStatusCode();
        });

    /// <summary>The events appended to <paramref name="loan"/> after version <paramref name="after"/>, as JSON without what
    /// differs between two loans by construction (ids of the loan, the repayment and its cash line, the instant).</summary>
    private async Task<string[]> EventsAfter(Guid loan, long after)
    {
        await using var session = Store.QuerySession(FundA);
        var events = await session.Events.FetchStreamAsync(loan, fromVersion: after + 1);
        return events.Select(e =>
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(Store.Options.Serializer().ToJson(e.Data))!.AsObject();
            foreach (var varying in new[] { "loanId", "repaymentId", "capitalEntryId", "at" }) json.Remove(varying);
            return $"{e.EventTypeName} {json.ToJsonString()}";
        }).ToArray();
    }

    private async Task<long> StreamVersion(Guid loan)
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Events.FetchStreamStateAsync(loan))!.Version;
    }

    [Fact]
    public async Task a_repayment_posted_from_the_page_and_to_the_api_appends_the_same_events_and_is_refused_alike()
    {
        var viaApi = await SignedLoan(400_000_000, "30/2026/HĐTD");
        var viaPage = await SignedLoan(400_000_000, "31/2026/HĐTD");
        await Disbursed(viaApi, 400_000_000);
        await Disbursed(viaPage, 400_000_000);
        var accountant = await TokenFor(Roles.Accountant);
        var (apiBefore, pageBefore) = (await StreamVersion(viaApi), await StreamVersion(viaPage));

        // the same repayment, to the API and from the page
        (await Repay(viaApi, 12_345_678, Today, "FT-API-0001")).Context.Response.StatusCode.ShouldBe(201);
        var form = await RepaymentForm(viaPage, accountant);
        var posted = await PostRepaymentForm(viaPage, accountant, form, 12_345_678, Today, "FT-PAGE-0001");
        posted.Context.Response.StatusCode.ShouldBe(302, await posted.ReadAsTextAsync()); // saved: back to the loan

        var apiEvents = await EventsAfter(viaApi, apiBefore);
        var pageEvents = await EventsAfter(viaPage, pageBefore);
        apiEvents.Length.ShouldBe(1);
        pageEvents.Select(e => e.Replace("FT-PAGE-0001", "FT-API-0001")).ShouldBe(apiEvents);
        apiEvents[0].ShouldStartWith("loan_repayment_recorded ");

        // the same form sent twice (a double click, a browser resubmitting): booked once, as the API answers a repeated key
        (await PostRepaymentForm(viaPage, accountant, form, 12_345_678, Today, "FT-PAGE-0001")).Context.Response.StatusCode.ShouldBe(302);
        (await EventsAfter(viaPage, pageBefore)).Length.ShouldBe(1);

        // refused alike: a value date after today is refused by the repayment's rules with the same code, next to the field
        var events = await EventCount();
        var tomorrow = NodaTime.LocalDate.FromDateTime(DateTime.Parse(Today)).PlusDays(1).ToString("yyyy-MM-dd", null);
        var apiRefusal = await Repay(viaApi, 1_000_000, tomorrow, "FT-API-0002");
        await apiRefusal.ShouldBeRefusal(400, "value_date.in_future");
        var problem = JsonDocument.Parse(await apiRefusal.ReadAsTextAsync()).RootElement;
        var message = problem.GetProperty("errors").GetProperty("valueDate")[0].GetString()!;
        var refusedForm = await RepaymentForm(viaPage, accountant);
        var shown = await PostRepaymentForm(viaPage, accountant, refusedForm, 1_000_000, tomorrow, "FT-PAGE-0002");
        shown.Context.Response.StatusCode.ShouldBe(200);
        var html = System.Net.WebUtility.HtmlDecode(await shown.ReadAsTextAsync());
        Regex.IsMatch(html, $"data-valmsg-for=\"Repayment.ValueDate\"[^>]*>{Regex.Escape(message)}<").ShouldBeTrue(html);
        (await EventCount()).ShouldBe(events);

        // and a refusal that names no field (the reference already booked) is shown above the form, with the API's words
        var duplicate = await Repay(viaApi, 1_000_000, Today, "FT-PAGE-0001");
        await duplicate.ShouldBeRefusal(409, "repayment.duplicate_reference");
        var detail = JsonDocument.Parse(await duplicate.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()!;
        var duplicateForm = await RepaymentForm(viaPage, accountant);
        var duplicateShown = await PostRepaymentForm(viaPage, accountant, duplicateForm, 1_000_000, Today, "FT-PAGE-0001");
        duplicateShown.Context.Response.StatusCode.ShouldBe(200);
        System.Net.WebUtility.HtmlDecode(await duplicateShown.ReadAsTextAsync()).ShouldContain(detail);
        (await EventCount()).ShouldBe(events);
    }
}
