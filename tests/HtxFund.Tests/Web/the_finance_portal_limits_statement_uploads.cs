using HtxFund.Identity;
using HtxFund.Loans.ImportingStatements;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Web;

/// <summary>The bank statement upload on the finance portal's repayments page refuses a file over the statement limit.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class the_finance_portal_limits_statement_uploads(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_statement_file_over_the_limit_is_refused_on_the_page_with_the_reason_and_books_nothing()
    {
        var token = await TokenFor(Roles.Accountant);
        var page = await Get("/tai-chinh/thu-no", token);
        var html = await page.ReadAsTextAsync();
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        antiforgery.ShouldNotBeEmpty();
        var cookie = page.Context.Response.Headers.SetCookie.ToString().Split(';')[0];
        var before = await EventCount();
        var body = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[BankStatementCsv.MaxBytes + 200_000]), "file", "saoke.csv" },
        };
        var result = await Host.Scenario(s =>
        {
            s.Post.Url("/tai-chinh/thu-no?handler=Import");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Headers.Authorization = $"Bearer {token}";
                c.Request.Headers.Cookie = cookie;
                c.Request.ContentType = body.Headers.ContentType!.ToString();
                c.Request.Body = body.ReadAsStream();
            });
            s.StatusCodeShouldBe(200);
        });
        var shown = System.Net.WebUtility.HtmlDecode(await result.ReadAsTextAsync());
        shown.ShouldContain("Tệp sao kê tối đa 1000 KB.");
        shown.ShouldNotContain("statement-summary");
        (await EventCount()).ShouldBe(before);
    }
}
