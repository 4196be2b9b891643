using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

public sealed class refusing_and_scoping_reports(AppFixture fixture) : LoanContext(fixture)
{
    private async Task<long> ReportCount(string fund = FundA) =>
        (await (await Get("/api/reports", await TokenFor(Roles.Accountant, fund))).Read<PagedResult<ReportSummary>>()).TotalCount;

    [Fact]
    public async Task bad_dates_unknown_ids_wrong_roles_and_another_funds_report_are_refused_and_store_nothing()
    {
        var created = await Post("/api/reports/capital-adequacy", new { asOf = Today }, await TokenFor(Roles.Accountant));
        created.Context.Response.StatusCode.ShouldBe(201, await created.ReadAsTextAsync());
        var id = (await created.Read<ReportDetails>()).Report.Id;
        var events = await EventCount();
        var chief = await TokenFor(Roles.ChiefAccountant);

        await (await Get("/api/reports/capital-adequacy?asOf=31/07/2027", chief)).ShouldBeRefusal(400, "as_of.format");
        await (await Get("/api/reports/capital-adequacy?asOf=2026-11-23", chief)).ShouldBeRefusal(400, "as_of.in_future");
        await (await Get("/api/reports/capital-adequacy?asOf=1989-12-31", chief)).ShouldBeRefusal(400, "as_of.too_early");
        await (await Get("/api/reports/capital-adequacy?sequence=999999999", chief)).ShouldBeRefusal(400, "sequence.out_of_range");
        await (await Post("/api/reports/capital-adequacy", new { asOf = "2026-13-01" }, chief)).ShouldBeRefusal(400, "as_of.format");
        await (await Post("/api/reports/capital-adequacy", new { asOf = "2027-01-01" }, chief)).ShouldBeRefusal(400, "as_of.in_future");
        var unknown = Guid.NewGuid();
        await (await Get($"/api/reports/{unknown}", chief)).ShouldBeRefusal(404, "report.not_found");
        await (await Get($"/api/reports/{unknown}/files/pdf", chief)).ShouldBeRefusal(404, "report.not_found");
        await (await PostWithoutBody($"/api/reports/{unknown}/corrected", chief)).ShouldBeRefusal(404, "report.not_found");
        await (await Get($"/api/reports/{id}/files/docx", chief)).ShouldBeRefusal(400, "format.unknown");
        await (await Get("/api/reports?kind=Monthly", chief)).ShouldBeRefusal(400, "validation_failed");

        // another fund's staff never see it: the id is unknown in their fund
        var other = await TokenFor(Roles.ChiefAccountant, FundB);
        await (await Get($"/api/reports/{id}", other)).ShouldBeRefusal(404, "report.not_found");
        await (await Get($"/api/reports/{id}/files/json", other)).ShouldBeRefusal(404, "report.not_found");
        await (await PostWithoutBody($"/api/reports/{id}/corrected", other)).ShouldBeRefusal(404, "report.not_found");
        (await ReportCount(FundB)).ShouldBe(0);

        // a cooperative never reads reports
        foreach (var url in new[] { "/api/reports", $"/api/reports/{id}", $"/api/reports/{id}/files/pdf", "/api/reports/capital-adequacy",
                     "/api/reports/capital-adequacy/consolidated" })
            (await Get(url, Coop)).Context.Response.StatusCode.ShouldBe(403);
        (await Post("/api/reports/capital-adequacy", new { asOf = Today }, Coop)).Context.Response.StatusCode.ShouldBe(403);

        (await EventCount()).ShouldBe(events);
        (await ReportCount()).ShouldBe(1);
    }

    [Fact]
    public async Task the_central_fund_sees_one_column_per_provincial_fund_and_a_total_and_a_provincial_user_is_refused()
    {
        await ContributeCapital(10_000_000_000, FundB);
        var loan = await SignedLoan(400_000_000);
        await Disbursed(loan, 400_000_000);

        foreach (var role in new[] { Roles.Director, Roles.Admin })
        {
            var refused = await Get($"/api/reports/capital-adequacy/consolidated?asOf={Today}", await TokenFor(role, FundA));
            await refused.ShouldBeRefusal(403, "report.consolidation_central_only");
            (await refused.ReadAsTextAsync()).ShouldContain("quỹ tỉnh chỉ xem báo cáo của quỹ mình");
        }
        await (await Get("/api/reports/capital-adequacy/consolidated", await TokenFor(Roles.Accountant, FundB)))
            .ShouldBeRefusal(403, "report.consolidation_central_only");

        var central = await TokenFor(Roles.ChiefAccountant, CentralFund);
        var result = await Get($"/api/reports/capital-adequacy/consolidated?asOf={Today}", central);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var consolidated = await result.Read<ConsolidatedCapitalAdequacy>();
        consolidated.CentralFundId.ShouldBe(CentralFund);
        consolidated.Funds.Select(f => f.FundId).ShouldBe([FundA, FundB]);
        consolidated.Table.Columns.ShouldBe(["Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk", "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lâm Đồng", "Tổng cộng"]);
        decimal?[] Row(string code) => consolidated.Table.Rows.Single(r => r.Code == code).Values.ToArray();
        Row("capital.charter_capital").ShouldBe([20_000_000_000m, 10_000_000_000m, 30_000_000_000m]);
        Row("portfolio.outstanding").ShouldBe([400_000_000m, 0m, 400_000_000m]);
        Row("liquidity.cash").ShouldBe([19_600_000_000m, 10_000_000_000m, 29_600_000_000m]);
        Row("portfolio.npl_ratio").ShouldBe([0m, null, 0m]);
        Row("equity.outstanding_to_equity").ShouldBe([2m, 0m, 1.33m]);
        Row("limits.single").ShouldBe([3_000_000_000m, 1_500_000_000m, null]);
        consolidated.Table.Rows.ShouldAllBe(r => !r.Code.StartsWith("exposure."));

        // the same table as CSV, XLSX and PDF
        var csv = await Get($"/api/reports/capital-adequacy/consolidated?asOf={Today}&format=csv", central);
        csv.Context.Response.ContentType!.ShouldStartWith("text/csv");
        (await csv.ReadAsTextAsync()).ShouldContain("portfolio.outstanding;Dư nợ;Tổng dư nợ gốc;đồng;400000000;0;400000000");
        var xlsx = await Get($"/api/reports/capital-adequacy/consolidated?asOf={Today}&format=xlsx", central);
        xlsx.Context.Response.StatusCode.ShouldBe(200);
        xlsx.Context.Response.ContentType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var pdf = await Get($"/api/reports/capital-adequacy/consolidated?asOf={Today}&format=pdf", central);
        pdf.Context.Response.StatusCode.ShouldBe(200);
        using var stream = new MemoryStream();
        await pdf.Context.Response.Body.CopyToAsync(stream);
        var text = HtxFund.Tests.Documents.PdfTools.Text(stream.ToArray());
        text.ShouldContain("BÁO CÁO AN TOÀN VỐN TỔNG HỢP");
        text.ShouldContain("Tổng cộng");
        text.ShouldContain("30.000.000.000");
        await (await Get("/api/reports/capital-adequacy/consolidated?format=doc", central)).ShouldBeRefusal(400, "format.unknown");
    }
}
