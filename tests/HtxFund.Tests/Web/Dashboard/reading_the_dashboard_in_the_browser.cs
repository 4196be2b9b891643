using HtxFund.Identity;
using HtxFund.Tests.Web.Fixtures;
using Microsoft.Playwright;
using NodaTime;

namespace HtxFund.Tests.Web.Dashboard;

/// <summary>/bang-dieu-khien in the browser. The browser tests share one app whose data accumulates, so the hand-computed
/// figures are read on this test's own district (a cooperative registered in a district of its own, its loan of
/// 400.000.000 ₫ disbursed on 22/11/2026 and its first instalment of 22/12/2026 unpaid on 27/01/2027: 36 days past due, in
/// PAR1 and PAR30, not PAR90, debt group 3); the fund's tiles are checked against the lists they link to.</summary>
public sealed class reading_the_dashboard_in_the_browser(BrowserFixture fixture) : BrowserContext(fixture)
{
    [Fact]
    public async Task the_director_checks_the_tiles_and_the_district_against_hand_computed_values_and_the_par30_list_sums_to_its_tile()
    {
        var district = $"Huyện Thử Nghiệm {Random.Shared.Next(1000, 9999)}";
        var (loanId, _) = await DisbursedLoanOf($"Hợp tác xã Cà phê Bảng Điều Khiển {Random.Shared.Next(1000, 9999)}", district);
        var contract = $"HĐ-N{loanId[^7..]}";
        Fixture.Clock.Reset(Instant.FromUtc(2027, 1, 27, 3, 0));
        try
        {
            await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.Director));
            await Page.GotoAsync("/");
            await Page.GetByRole(AriaRole.Link, new() { Name = "Bảng điều khiển" }).First.ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Bảng điều khiển", Level = 1 })).ToBeVisibleAsync();
            await Page.GetByLabel("Tính đến ngày").FillAsync("2027-01-27");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();

            // this test's district: hand-computed
            var row = Page.GetByTestId("by-district").Locator("tbody tr").Filter(new() { HasText = district });
            await Expect(row).ToContainTextAsync("400.000.000 ₫ (100 %)");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1");
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("400.000.000 ₫");
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("400.000.000 ₫ (100 %)");
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("400.000.000 ₫ (100 %)");

            // the charts are drawn by Chart.js from the page's data
            await Expect(Page.Locator("#chart-par")).ToBeVisibleAsync();
            (await Page.EvaluateAsync<bool>("() => !!window.Chart && !!window.Chart.getChart('chart-par') && !!window.Chart.getChart('chart-districts')"))
                .ShouldBeTrue("Chart.js drew the charts");
            await Screenshots("dashboard");
            await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            try { (await FitsViewportWidth()).ShouldBeTrue("the tiles wrap and the tables scroll inside their box at 390 px"); }
            finally { await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height); }

            // "Tải PDF": the same cut as a PDF, opened with the page's sign-in
            var pdfLink = Page.GetByRole(AriaRole.Link, new() { Name = "Tải PDF" });
            var pdfHref = (await pdfLink.GetAttributeAsync("href"))!;
            pdfHref.ShouldMatch(@"^/api/dashboard\.pdf\?asOf=2027-01-27&sequence=\d+$");
            var pdf = await Page.APIRequest.GetAsync(pdfHref);
            pdf.Status.ShouldBe(200);
            pdf.Headers["content-type"].ShouldBe("application/pdf");
            System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]).ShouldBe("%PDF-");

            // the PAR30 tile: a link to its list at the same cut, whose total is the tile
            var par30 = Page.GetByTestId("tile-par30");
            var tile = (await par30.GetByTestId("value").TextContentAsync())!.Trim();
            var par90 = (await Page.GetByTestId("tile-par90").GetByTestId("value").TextContentAsync())!.Trim();
            (await par30.GetAttributeAsync("href"))!.ShouldMatch(@"^/bang-dieu-khien/danh-sach\?figure=par30&asOf=2027-01-27&sequence=\d+$");
            await par30.ClickAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "PAR30 (quá hạn trên 30 ngày)", Level = 1 })).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("list-total")).ToContainTextAsync($"Tổng cộng: {tile} (");
            var mine = Page.GetByTestId("list").Locator("tbody tr").Filter(new() { HasText = contract });
            await Expect(mine.GetByTestId("amount")).ToHaveTextAsync("400.000.000 ₫");
            await Expect(mine.Locator("td").Nth(5)).ToHaveTextAsync("36");
            await Expect(mine.Locator("td").Nth(6)).ToHaveTextAsync("3");
            await Screenshots("dashboard-list");

            // the PAR90 list does not hold it; its total is its tile
            await Page.GoBackAsync();
            await Page.GetByTestId("tile-par90").ClickAsync();
            await Expect(Page.GetByTestId("list-total")).ToContainTextAsync($"Tổng cộng: {par90} (");
            await Expect(Page.GetByTestId("list").Locator("tbody tr").Filter(new() { HasText = contract })).ToHaveCountAsync(0);
        }
        finally
        {
            Fixture.Clock.Reset(AppFixture.Start);
        }
    }

    [Fact]
    public async Task a_credit_officer_is_not_shown_the_dashboard_and_gets_403()
    {
        await SignIn(IntegrationContext.UserName(IntegrationContext.FundA, Roles.CreditOfficer));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Bảng điều khiển" })).ToHaveCountAsync(0);
        var response = await Page.GotoAsync("/bang-dieu-khien");
        response!.Status.ShouldBe(403);
    }
}
