using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Lending.Rating;
using HtxFund.Plans;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Plans;

/// <summary>The optional targets the dashboard shows the year to date against (issue 20).</summary>
public sealed class entering_the_plans_disbursement_and_collection_targets(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    [Fact]
    public async Task the_targets_are_kept_with_the_plan_and_a_change_lists_them()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        (await Put("/api/annual-plans/2027", Plan(), token)).Context.Response.StatusCode.ShouldBe(200);
        var changed = await Put("/api/annual-plans/2027", new
        {
            outstandingPrincipalTarget = 1_700_000_000L, nplRatioPercentMax = 2m, financialResultTarget = 1_000_000L,
            approvalReference = "Quyết định 12/QĐ-UBND ngày 15/03/2026", expectedVersion = 1,
            disbursementTarget = 900_000_000L, collectionTarget = 300_000_000L,
        }, token);
        changed.Context.Response.StatusCode.ShouldBe(200, await changed.ReadAsTextAsync());
        var plan = await changed.Read<AnnualPlan>();
        (plan.Figures.DisbursementTarget, plan.Figures.CollectionTarget).ShouldBe((900_000_000L, 300_000_000L));
        // version 1 had none: it reads null and its own changes list neither
        plan.History[0].Figures.DisbursementTarget.ShouldBeNull();
        plan.History[0].Changes.Select(c => c.Field).ShouldNotContain("disbursementTarget");
        plan.History[1].Changes.Select(c => (c.Field, c.Before, c.After)).ShouldBe(
        [
            ("disbursementTarget", null, "900.000.000 ₫"),
            ("collectionTarget", null, "300.000.000 ₫"),
        ]);
    }

    [Fact]
    public void a_version_stored_before_the_targets_existed_reads_them_as_null()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        var old = JsonSerializer.Deserialize<AnnualPlanFigures>(
            """{"outstandingPrincipalTarget":1700000000,"nplRatioPercentMax":2,"financialResultTarget":1000000,"compliance":"NoViolation","approvalReference":null}""",
            options)!;
        (old.DisbursementTarget, old.CollectionTarget).ShouldBe((null, null));
        old.Flatten().Keys.ShouldNotContain("disbursementTarget");
    }

    [Fact]
    public async Task a_negative_target_is_refused_and_stores_nothing()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        var events = await EventCount();
        var body = new
        {
            outstandingPrincipalTarget = 1_700_000_000L, nplRatioPercentMax = 2m, financialResultTarget = 1_000_000L, expectedVersion = 0,
            disbursementTarget = -1L, collectionTarget = -5L,
        };
        var refused = await Put("/api/annual-plans/2027", body, token);
        await refused.ShouldBeRefusal(400, "disbursement_target.out_of_range");
        var text = await refused.ReadAsTextAsync();
        text.ShouldContain("collection_target.out_of_range");
        text.ShouldContain("Giải ngân kế hoạch trong năm phải từ 0 đến 10^15 đồng.");
        (await EventCount()).ShouldBe(events);
    }
}
