using HtxFund.Identity;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Web;

/// <summary>Generated reports on the finance portal: listed from the archive API's own function, downloaded from it.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class the_finance_portal_lists_generated_reports(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<string> Text(string url, string token) =>
        System.Net.WebUtility.HtmlDecode(await (await Get(url, token)).ReadAsTextAsync());

    [Fact]
    public async Task a_generated_report_is_listed_on_the_finance_portal_with_its_files_to_download()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var generated = await Post("/api/reports/capital-adequacy", new { asOf = "2026-10-31" }, chief);
        generated.Context.Response.StatusCode.ShouldBe(201, await generated.ReadAsTextAsync());
        var id = (await generated.ReadJson()).GetProperty("report").GetProperty("id").GetGuid();

        var page = await Text("/tai-chinh/bao-cao", await TokenFor(Roles.Accountant));
        page.ShouldContain("Báo cáo đã lập");
        page.ShouldContain("31/10/2026");
        page.ShouldContain($"/api/reports/{id}/files/pdf");
        (await Get($"/api/reports/{id}/files/pdf", await TokenFor(Roles.Accountant))).Context.Response.ContentType.ShouldBe("application/pdf");
    }
}
