using System.Text;
using Hangfire;
using Hangfire.Storage;
using HtxFund.Identity;
using HtxFund.Reports;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Reports.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Reports.Activity;

public sealed class reporting_lending_activity(AppFixture fixture) : PeriodicReportsContext(fixture)
{
    [Fact]
    public void the_jobs_are_registered_in_vietnam_time_on_their_default_schedules()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        jobs[HalfYearActivityReportJob.Id].Cron.ShouldBe("0 7 1 7 *");
        jobs[AnnualActivityReportJob.Id].Cron.ShouldBe("0 7 2 1 *");
        jobs[AnnualFundRatingJob.Id].Cron.ShouldBe("0 8 2 1 *");
        new[] { HalfYearActivityReportJob.Id, AnnualActivityReportJob.Id, AnnualFundRatingJob.Id }
            .ShouldAllBe(id => jobs[id].TimeZoneId == "Asia/Ho_Chi_Minh");
    }

    [Fact]
    public async Task the_half_year_job_archives_the_report_of_each_fund_once_with_figures_valued_at_30_june()
    {
        await BuildPortfolio();
        AdvanceTo(new LocalDate(2027, 7, 1));
        var capitalAtCutOff = await Capital("2027-06-30");
        var capitalAtStart = await Capital("2026-12-31");

        await RunJob<HalfYearActivityReportJob>(j => j.Run(CancellationToken.None));

        var summary = (await Reports()).ShouldHaveSingleItem();
        summary.Kind.ShouldBe(ReportKind.HalfYearActivity);
        summary.Period.ShouldBe("2027-H1");
        summary.AsOf.ShouldBe(new LocalDate(2027, 6, 30));
        summary.Scheduled.ShouldBeTrue();
        summary.GeneratedByName.ShouldBe("system");
        summary.HighestSequence.ShouldBeGreaterThan(0);
        summary.Formats.ShouldBe([ReportFormat.Json, ReportFormat.Csv, ReportFormat.Pdf], ignoreOrder: true);

        var report = System.Text.Json.JsonSerializer.Deserialize<LendingActivityReport>(await Download(summary.Id, "json"), TestJson.Options)!;
        var f = report.Figures;
        report.DueBy.ShouldBe(new LocalDate(2027, 7, 31));
        (f.From, f.CutOff).ShouldBe((new LocalDate(2027, 1, 1), new LocalDate(2027, 6, 30)));
        f.LoansDisbursed.ShouldBe(0); // everything was paid out in November 2026
        f.ActiveLoans.ShouldBe(4);
        f.OutstandingAtCutOff.ShouldBe(1_600_000_000);
        // 30/06/2027: punctual unpaid since 22/04 (69 days, G3), first-only since 22/01 (159 days, G4), silent since 22/12 (190 days, G5),
        // restructured on its new plan (G2)
        f.ByDebtGroup.Select(g => g.Loans).ShouldBe([0, 1, 1, 1, 1]);
        f.ByDebtGroup.Sum(g => g.PrincipalOutstanding).ShouldBe(f.OutstandingAtCutOff);
        f.NonPerforming.ShouldBe(1_200_000_000);
        f.NplRatioPercent.ShouldBe(75m);
        foreach (var (number, id) in Loans) // each loan as the loan view values it at the cut-off
            (await Position(id, "2027-06-30")).DebtGroup.ShouldBeOneOf(f.ByDebtGroup.Where(g => g.Loans > 0).Select(g => g.Group).ToArray());
        f.OutstandingAtStart.ShouldBe(capitalAtStart.OutstandingPrincipal.Dong);
        f.InterestCollected.ShouldBe((capitalAtCutOff.InterestReceived - capitalAtStart.InterestReceived).Dong);
        f.InterestCollected.ShouldBeGreaterThan(0);
        f.Cash.ShouldBe(capitalAtCutOff.CashAvailable.Dong);
        f.CharterCapital.ShouldBe(capitalAtCutOff.CharterCapital.Dong);

        var csv = Encoding.UTF8.GetString(await Download(summary.Id, "csv"));
        csv.ShouldContain($"Dư nợ;Dư nợ cuối kỳ;4;{f.OutstandingAtCutOff};");
        csv.ShouldContain($"Dư nợ theo nhóm nợ;Nhóm 5;1;400000000;");
        csv.ShouldContain($"Thu nợ trong kỳ;Lãi đã thu;;{f.InterestCollected};");
        csv.ShouldContain("Dư nợ;Tỷ lệ nợ xấu (%);;75;");

        var pdf = PdfTools.Text(await Download(summary.Id, "pdf"));
        pdf.ShouldContain("BÁO CÁO TÌNH HÌNH CHO VAY 6 THÁNG ĐẦU NĂM 2027");
        pdf.ShouldContain("30/06/2027");
        pdf.ShouldContain("1.600.000.000");
        pdf.ShouldContain("1.200.000.000");
        pdf.ShouldContain("75 %");

        // the other fund has its own report, with nothing in it, and cannot read fund A's
        var other = (await Reports(FundB)).ShouldHaveSingleItem();
        other.Id.ShouldBe(summary.Id); // the same deterministic id, in another tenant
        var otherReport = System.Text.Json.JsonSerializer.Deserialize<LendingActivityReport>(await Download(other.Id, "json", FundB), TestJson.Options)!;
        otherReport.Figures.ActiveLoans.ShouldBe(0);
        otherReport.FundId.ShouldBe(FundB);

        // rerunning the job, or asking on demand, archives nothing more
        var rows = await Rows("mt_doc_generatedreport");
        await RunJob<HalfYearActivityReportJob>(j => j.Run(CancellationToken.None));
        var again = await PostWithoutBody("/api/activity-reports/2027-H1", await TokenFor(Roles.ChiefAccountant));
        again.Context.Response.StatusCode.ShouldBe(200, await again.ReadAsTextAsync());
        (await again.Read<ReportSummary>()).Id.ShouldBe(summary.Id);
        (await Rows("mt_doc_generatedreport")).ShouldBe(rows);
    }

    [Fact]
    public async Task the_annual_report_on_demand_counts_the_years_lending_by_category_and_the_live_view_matches_it()
    {
        await BuildPortfolio(); // today 01/04/2027
        var generated = await PostWithoutBody("/api/activity-reports/2026", await TokenFor(Roles.Director));
        generated.Context.Response.StatusCode.ShouldBe(200, await generated.ReadAsTextAsync());
        var summary = await generated.Read<ReportSummary>();
        summary.Kind.ShouldBe(ReportKind.AnnualActivity);
        summary.Scheduled.ShouldBeFalse();
        summary.GeneratedByName.ShouldBe(UserName(FundA, Roles.Director));

        var archived = System.Text.Json.JsonSerializer.Deserialize<LendingActivityReport>(await Download(summary.Id, "json"), TestJson.Options)!;
        var f = archived.Figures;
        archived.DueBy.ShouldBe(new LocalDate(2027, 3, 31));
        (f.LoansDisbursed, f.TranchesDisbursed, f.AmountDisbursed, f.CooperativesReached).ShouldBe((4, 4, 1_600_000_000L, 4));
        f.ByDistrict.Sum(l => l.Amount).ShouldBe(1_600_000_000);
        f.BySector.Sum(l => l.Loans).ShouldBe(4);
        f.ByPriority.Count.ShouldBe(6);
        f.OutstandingAtStart.ShouldBe(0);
        f.ByDebtGroup.Select(g => g.Loans).ShouldBe([3, 1, 0, 0, 0]); // 31/12/2026: silent 9 days late (G1); restructured G2
        f.NplRatioPercent.ShouldBe(0m);

        var live = await (await Get("/api/activity-reports/2026", await TokenFor(Roles.CreditOfficer))).Read<LendingActivityReport>();
        live.Figures.ShouldBeEquivalentTo(f);
        PdfTools.Text(await Download(summary.Id, "pdf")).ShouldContain("BÁO CÁO TÌNH HÌNH CHO VAY NĂM 2026");
    }

    [Fact]
    public async Task a_report_regenerated_at_its_recorded_sequence_is_unchanged_by_a_backdated_tranche_and_the_live_one_differs_by_exactly_it()
    {
        // 22/11/2026: one loan paid out; a second one contracted and credit-checked, its money not yet recorded
        var paid = await SignedLoan(400_000_000, "1/2026/HĐTD-paid", await AnotherCooperative());
        await Disbursed(paid, 400_000_000);
        var late = await SignedLoan(200_000_000, "2/2026/HĐTD-backdated", await AnotherCooperative());
        AdvanceTo(new LocalDate(2027, 1, 4));
        var generated = await PostWithoutBody("/api/activity-reports/2026", await TokenFor(Roles.Director));
        generated.Context.Response.StatusCode.ShouldBe(200, await generated.ReadAsTextAsync());
        var summary = await generated.Read<ReportSummary>();
        var original = System.Text.Json.JsonSerializer.Deserialize<LendingActivityReport>(await Download(summary.Id, "json"), TestJson.Options)!.Figures;
        original.HighestSequence.ShouldBe(summary.HighestSequence);
        (original.LoansDisbursed, original.AmountDisbursed, original.ActiveLoans).ShouldBe((1, 400_000_000L, 1));

        // the second loan's tranche, recorded now with its value date in December 2026 (backdated into the period)
        await Disbursed(late, 200_000_000, "2026-12-10");

        var token = await TokenFor(Roles.CreditOfficer);
        var again = await (await Get($"/api/activity-reports/2026?sequence={summary.HighestSequence}", token)).Read<LendingActivityReport>();
        again.Figures.ShouldBeEquivalentTo(original);

        var now = (await (await Get("/api/activity-reports/2026", token)).Read<LendingActivityReport>()).Figures;
        now.HighestSequence.ShouldBeGreaterThan(original.HighestSequence);
        (now.LoansDisbursed, now.TranchesDisbursed, now.AmountDisbursed, now.CooperativesReached)
            .ShouldBe((original.LoansDisbursed + 1, original.TranchesDisbursed + 1, original.AmountDisbursed + 200_000_000, original.CooperativesReached + 1));
        ShouldDifferByOneLoan(original.BySector, now.BySector);
        ShouldDifferByOneLoan(original.ByDistrict, now.ByDistrict);
        (now.ActiveLoans, now.OutstandingAtCutOff).ShouldBe((original.ActiveLoans + 1, original.OutstandingAtCutOff + 200_000_000));
        now.ByDebtGroup[0].Loans.ShouldBe(original.ByDebtGroup[0].Loans + 1); // paid out 21 days before the cut-off: nothing 10 days overdue
        now.ByDebtGroup[0].PrincipalOutstanding.ShouldBe(original.ByDebtGroup[0].PrincipalOutstanding + 200_000_000);
        now.ByDebtGroup.Skip(1).ShouldBe(original.ByDebtGroup.Skip(1));
        now.Cash.ShouldBe(original.Cash - 200_000_000);
        (now.PrincipalCollected, now.InterestCollected, now.OutstandingAtStart).ShouldBe((original.PrincipalCollected, original.InterestCollected, original.OutstandingAtStart));

        await (await Get($"/api/activity-reports/2026?sequence={now.HighestSequence + 1}", token)).ShouldBeRefusal(400, "sequence.out_of_range");
    }

    /// <summary>Exactly one line of <paramref name="after"/> differs from <paramref name="before"/> (or is new): by one loan,
    /// 200,000,000 ₫ and one cooperative.</summary>
    private static void ShouldDifferByOneLoan(IReadOnlyList<ActivityLine> before, IReadOnlyList<ActivityLine> after)
    {
        var old = before.ToDictionary(l => l.Name);
        var changed = after.Where(l => !old.TryGetValue(l.Name, out var o) || o != l).ShouldHaveSingleItem();
        var was = old.GetValueOrDefault(changed.Name) ?? new ActivityLine(changed.Name, 0, 0, 0);
        (changed.Loans, changed.Amount, changed.Cooperatives).ShouldBe((was.Loans + 1, was.Amount + 200_000_000, was.Cooperatives + 1));
        after.Count.ShouldBe(before.Count + (old.ContainsKey(changed.Name) ? 0 : 1));
    }

    [Fact]
    public async Task periods_not_ended_or_malformed_are_refused_and_store_nothing_and_only_managers_generate()
    {
        var token = await TokenFor(Roles.ChiefAccountant);
        await (await PostWithoutBody("/api/activity-reports/2026", token)).ShouldBeRefusal(400, "period.not_ended");
        await (await PostWithoutBody("/api/activity-reports/2026-H2", token)).ShouldBeRefusal(400, "period.format");
        await (await Get("/api/activity-reports/2030", token)).ShouldBeRefusal(400, "period.in_future");
        (await Rows("mt_doc_generatedreport")).ShouldBe(0);
        (await PostWithoutBody("/api/activity-reports/2026-H1", await TokenFor(Roles.Accountant))).Context.Response.StatusCode.ShouldBe(403);
        (await Get("/api/activity-reports/2026-H1", Coop)).Context.Response.StatusCode.ShouldBe(403);
        (await PostWithoutBody("/api/activity-reports/2026-H1", token)).Context.Response.StatusCode.ShouldBe(200);
        (await Rows("mt_doc_generatedreport")).ShouldBe(1);
        (await Reports(FundB)).ShouldBeEmpty();
    }
}
