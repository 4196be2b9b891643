using HtxFund.Identity;
using HtxFund.Lending.Rating;
using HtxFund.Reports;
using HtxFund.Reports.Archive;
using HtxFund.Reports.Rating;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Reports.Rating;

public sealed class rating_the_fund(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    [Fact]
    public async Task the_annual_rating_job_rates_each_fund_with_a_plan_once_against_it()
    {
        (await Put("/api/annual-plans/2026", Plan(outstanding: 1_700_000_000, npl: 2m, result: 1_000_000), await TokenFor(Roles.ChiefAccountant)))
            .Context.Response.StatusCode.ShouldBe(200);
        await BuildPortfolio(); // today 01/04/2027
        var interest2026 = (await Capital("2026-12-31")).InterestReceived.Dong;
        var capitalAdequacy = await (await Get("/api/reports/capital-adequacy?asOf=2026-12-31", await TokenFor(Roles.ChiefAccountant)))
            .Read<HtxFund.Reports.CapitalAdequacy.CapitalAdequacyReport>();
        var accrued2026 = capitalAdequacy.Interest!.OnBalance; // punctual, silent (9 days late) and first-only in group 1; restructured (group 2) off
        accrued2026.ShouldBeGreaterThan(0);
        capitalAdequacy.Interest.OffBalance.ShouldBeGreaterThan(0);

        await RunJob<AnnualFundRatingJob>(j => j.Run(CancellationToken.None));

        var summary = (await Reports()).ShouldHaveSingleItem();
        summary.Kind.ShouldBe(ReportKind.FundRating);
        summary.Period.ShouldBe("2026");
        summary.Title.ShouldBe("Xếp loại quỹ năm 2026: loại B");
        var rating = System.Text.Json.JsonSerializer.Deserialize<FundRatingView>(await Download(summary.Id, "json"), TestJson.Options)!;
        rating.AsOf.ShouldBe(new LocalDate(2026, 12, 31));
        rating.YearToDate.ShouldBeFalse();
        rating.PlanVersion.ShouldBe(1);
        // 1.6 bn against 1.7 bn planned is 94 %: B; no bad debt at 31/12/2026: A; interest recognised (received + accrued on the loans
        // in group 1 at 31/12/2026, nothing before the year, no provision booked) beats 1,000,000 ₫: A; no violation: A
        rating.Kpis.Select(k => (k.Kpi, k.Grade)).ShouldBe(
            [(Kpi.LoanBookGrowth, Grade.B), (Kpi.NplRatio, Grade.A), (Kpi.FinancialResult, Grade.A), (Kpi.LegalCompliance, Grade.A)]);
        rating.Kpis[0].Actual.ShouldBe(1_600_000_000m);
        rating.Kpis[2].Actual.ShouldBe(interest2026 + accrued2026);
        rating.Overall.ShouldBe(Grade.B);
        var pdf = PdfTools.Text(await Download(summary.Id, "pdf"));
        pdf.ShouldContain("KẾT QUẢ XẾP LOẠI QUỸ NĂM 2026");
        pdf.ShouldContain("XẾP LOẠI CHUNG: B");
        pdf.ShouldContain("1.700.000.000");

        (await Reports(FundB)).ShouldBeEmpty(); // no plan, no rating

        var rows = await Rows("mt_doc_generatedreport");
        await RunJob<AnnualFundRatingJob>(j => j.Run(CancellationToken.None));
        var again = await PostWithoutBody("/api/fund-rating/2026", await TokenFor(Roles.Director));
        (await again.Read<ReportSummary>()).Id.ShouldBe(summary.Id);
        (await Rows("mt_doc_generatedreport")).ShouldBe(rows);
    }

    [Fact]
    public async Task the_year_to_date_rating_values_the_loan_book_at_the_date_asked()
    {
        (await Put("/api/annual-plans/2027", Plan(outstanding: 1_600_000_000, npl: 20m, result: 0, compliance: "ViolationsSanctioned"),
            await TokenFor(Roles.Director))).Context.Response.StatusCode.ShouldBe(200);
        await BuildPortfolio(); // today 01/04/2027
        var result = await Get("/api/fund-rating/2027?asOf=2027-03-31", await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        var rating = await result.Read<FundRatingView>();
        rating.YearToDate.ShouldBeTrue();
        // 31/03/2027: silent (G4) and first-only (G3) are bad debt: 800,000,000 / 1,600,000,000 = 50 % > 22 %
        rating.Kpis.Single(k => k.Kpi == Kpi.NplRatio).Actual.ShouldBe(50m);
        rating.Kpis.Select(k => k.Grade).ShouldBe([Grade.A, Grade.C, Grade.A, Grade.C]);
        rating.Overall.ShouldBe(Grade.C);
        (await (await Get("/api/fund-rating/2027", await TokenFor(Roles.Accountant))).Read<FundRatingView>()).AsOf.ShouldBe(new LocalDate(2027, 4, 1));
    }

    [Fact]
    public async Task ratings_without_a_plan_or_for_years_not_ended_are_refused_and_store_nothing()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        await (await Get("/api/fund-rating/2026", token)).ShouldBeRefusal(404, "annual_plan.not_found");
        await (await PostWithoutBody("/api/fund-rating/2025", token)).ShouldBeRefusal(404, "annual_plan.not_found");
        await (await PostWithoutBody("/api/fund-rating/2026", token)).ShouldBeRefusal(400, "year.not_ended");
        await (await Get("/api/fund-rating/2026?asOf=2025-12-31", token)).ShouldBeRefusal(400, "as_of.outside_year");
        await (await Get("/api/fund-rating/2031", token)).ShouldBeRefusal(400, "year.out_of_range");
        (await Rows("mt_doc_generatedreport")).ShouldBe(0);
        (await Put("/api/annual-plans/2026", Plan(), token)).Context.Response.StatusCode.ShouldBe(200);
        (await Get("/api/fund-rating/2026", Coop)).Context.Response.StatusCode.ShouldBe(403);
        await (await Get("/api/fund-rating/2026", await TokenFor(Roles.ChiefAccountant, FundB))).ShouldBeRefusal(404, "annual_plan.not_found");
        (await PostWithoutBody("/api/fund-rating/2025", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
    }
}
