using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Classification;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Reports.CapitalAdequacy;

public sealed class archiving_the_month_end_report(AppFixture fixture) : CapitalAdequacyContext(fixture)
{
    private async Task RunJob()
    {
        using var scope = Host.Services.CreateScope(); // Hangfire activates jobs in a DI scope
        await ActivatorUtilities.CreateInstance<MonthlyClassificationJob>(scope.ServiceProvider).Run(CancellationToken.None);
    }

    private async Task<IReadOnlyList<ReportSummary>> Archived(string fund = FundA) =>
        (await (await Get("/api/reports", await TokenFor(Roles.Accountant, fund))).Read<PagedResult<ReportSummary>>()).Items;

    [Fact]
    public async Task after_the_monthly_classification_the_job_archives_the_month_end_report_once_per_fund_as_the_system()
    {
        await BuildPortfolio(); // today 02/08/2027, the first working day of August

        await RunJob();

        var report = (await Archived()).ShouldHaveSingleItem();
        report.Kind.ShouldBe(ReportKind.CapitalAdequacy);
        report.Period.ShouldBe("2027-07");
        report.AsOf.ShouldBe(AsOfDate);
        report.Scheduled.ShouldBeTrue();
        report.GeneratedByName.ShouldBe(Actor.System.UserName);
        report.GeneratedBy.ShouldBe(Guid.Empty);
        report.Formats.Count.ShouldBe(4);
        // it was generated after the run booked the month's provisions
        var json = JsonSerializer.Deserialize<CapitalAdequacyReport>(await Download(report.Id, "json"), TestJson.Options)!;
        json.ProvisionsBooked.ShouldBe(json.ProvisionsRequired);
        json.ProvisionShortfall.ShouldBe(0);
        json.ByDebtGroup.Select(g => g.Loans).ShouldBe([1, 2, 1, 1, 1]);
        (await Archived(FundB)).ShouldHaveSingleItem().Period.ShouldBe("2027-07");

        // the job again, or the month's classification on demand, archives nothing more
        await RunJob();
        await Ok(Post("/api/classification-runs", new { month = "2027-07" }, await TokenFor(Roles.ChiefAccountant)));
        (await Archived()).ShouldHaveSingleItem().Id.ShouldBe(report.Id);
    }
}
