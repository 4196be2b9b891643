using HtxFund.Identity;
using HtxFund.Lending.Rating;
using HtxFund.Plans;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Plans;

public sealed class entering_the_annual_plan(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    [Fact]
    public async Task a_chief_accountant_enters_the_plan_and_a_director_changes_it_with_every_version_visible()
    {
        var entered = await Put("/api/annual-plans/2027", Plan(note: "Kế hoạch được UBND tỉnh phê duyệt"), await TokenFor(Roles.ChiefAccountant));
        entered.Context.Response.StatusCode.ShouldBe(200, await entered.ReadAsTextAsync());
        var v1 = await entered.Read<AnnualPlan>();
        v1.Version.ShouldBe(1);
        v1.Year.ShouldBe(2027);
        v1.Figures.ShouldBe(new AnnualPlanFigures(1_700_000_000, 2m, 1_000_000, ComplianceFinding.NoViolation, "Quyết định 12/QĐ-UBND ngày 15/03/2026"));

        var changed = await Put("/api/annual-plans/2027", Plan(outstanding: 2_000_000_000, compliance: "ViolationsRemedied", expectedVersion: 1),
            await TokenFor(Roles.Director));
        changed.Context.Response.StatusCode.ShouldBe(200, await changed.ReadAsTextAsync());

        var plan = await (await Get("/api/annual-plans/2027", await TokenFor(Roles.CreditOfficer))).Read<AnnualPlan>();
        plan.Version.ShouldBe(2);
        plan.Figures.OutstandingPrincipalTarget.ShouldBe(2_000_000_000);
        plan.Figures.Compliance.ShouldBe(ComplianceFinding.ViolationsRemedied);
        plan.EnteredBy!.UserName.ShouldBe(UserName(FundA, Roles.Director));
        plan.History.Select(h => h.Version).ShouldBe([1, 2]);
        plan.History[0].By.UserName.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        plan.History[0].Note.ShouldBe("Kế hoạch được UBND tỉnh phê duyệt");
        plan.History[0].At.ShouldBe(Clock.GetCurrentInstant());
        plan.History[1].Changes.Select(c => (c.Field, c.Before, c.After)).ShouldBe(
        [
            ("outstandingPrincipalTarget", "1.700.000.000 ₫", "2.000.000.000 ₫"),
            ("compliance", "Không có vi phạm", "Có vi phạm, đã khắc phục"),
        ]);
    }

    [Fact]
    public async Task invalid_figures_are_refused_in_vietnamese_and_store_nothing()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        var events = await EventCount();
        await (await Put("/api/annual-plans/2027", new { nplRatioPercentMax = 120m, financialResultTarget = 0L, expectedVersion = 0 }, token))
            .ShouldBeRefusal(400, "outstanding_principal_target.required");
        await (await Put("/api/annual-plans/2027", Plan(npl: 120m), token)).ShouldBeRefusal(400, "npl_ratio_percent_max.out_of_range");
        await (await Put("/api/annual-plans/2027", Plan(outstanding: -1), token)).ShouldBeRefusal(400, "outstanding_principal_target.out_of_range");
        await (await Put("/api/annual-plans/2027", Plan(compliance: "Perfect"), token)).ShouldBeRefusal(400, "compliance.unknown");
        await (await Put("/api/annual-plans/1999", Plan(), token)).ShouldBeRefusal(400, "year.out_of_range");
        await (await Put("/api/annual-plans/2030", Plan(), token)).ShouldBeRefusal(400, "year.out_of_range");
        await (await Put("/api/annual-plans/2027", Plan(expectedVersion: 3), token)).ShouldBeRefusal(409, "annual_plan.version_conflict");
        var problem = await (await Put("/api/annual-plans/2027", Plan(npl: 120m), token)).ReadJson();
        problem.GetProperty("detail").GetString()!.ShouldContain("Tỷ lệ nợ xấu kế hoạch");
        (await EventCount()).ShouldBe(events);
        (await Rows("mt_doc_annualplan")).ShouldBe(0);

        (await Put("/api/annual-plans/2027", Plan(), token)).Context.Response.StatusCode.ShouldBe(200);
        events = await EventCount();
        await (await Put("/api/annual-plans/2027", Plan(), token)).ShouldBeRefusal(409, "annual_plan.version_conflict"); // stale: still 0
        await (await Put("/api/annual-plans/2027", Plan(expectedVersion: 1), token)).ShouldBeRefusal(422, "annual_plan.unchanged");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task only_the_chief_accountant_director_and_admin_enter_plans_and_no_other_fund_sees_them()
    {
        (await Put("/api/annual-plans/2027", Plan(), await TokenFor(Roles.Admin))).Context.Response.StatusCode.ShouldBe(200);
        foreach (var role in new[] { Roles.Accountant, Roles.CreditOfficer, Roles.RiskCouncil, Roles.BoardMember })
            (await Put("/api/annual-plans/2027", Plan(expectedVersion: 1, outstanding: 5), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/annual-plans/2027", Coop)).Context.Response.StatusCode.ShouldBe(403);
        await (await Get("/api/annual-plans/2027", await TokenFor(Roles.Director, FundB))).ShouldBeRefusal(404, "annual_plan.not_found");
        (await (await Get("/api/annual-plans/2027", await TokenFor(Roles.Director))).Read<AnnualPlan>()).Version.ShouldBe(1);
    }
}
