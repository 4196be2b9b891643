using Hangfire;
using Hangfire.Storage;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Classification;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Tests.Classification.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Classification;

public sealed class running_the_monthly_classification(AppFixture fixture) : ClassificationContext(fixture)
{
    private async Task RunJob()
    {
        using var scope = Host.Services.CreateScope(); // Hangfire activates jobs in a DI scope
        await ActivatorUtilities.CreateInstance<MonthlyClassificationJob>(scope.ServiceProvider).Run(CancellationToken.None);
    }

    private async Task<IReadOnlyList<HtxFund.Capital.GettingPosition.CapitalLedgerLine>> ProvisionEntries() =>
        (await Capital()).Ledger.Where(l => l.Kind == CapitalEntryKind.ProvisionChange).ToArray();

    [Fact]
    public void the_job_is_registered_at_7_on_the_first_days_of_the_month_in_vietnam_time()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Where(j => j.Id == MonthlyClassificationJob.Id).ShouldHaveSingleItem();
        job.Cron.ShouldBe("0 7 1-7 * *");
        job.TimeZoneId.ShouldBe("Asia/Ho_Chi_Minh");
    }

    [Fact]
    public async Task the_job_on_the_first_working_day_classifies_every_loan_as_computed_by_hand_and_books_the_provisions_once()
    {
        await BuildPortfolio(); // today 01/04/2027, the first working day of April
        var cashBefore = (await Capital()).CashAvailable;

        await RunJob();

        var march = await Run("2027-03");
        march.AsOf.ShouldBe(new LocalDate(2027, 3, 31));
        ShouldMatch(march, March2027, MarchProvisions);
        march.ProvisionChange.ShouldBe(MarchProvisions);
        foreach (var loan in march.Loans) // the run values each loan as the loan view does, as of the month's end
        {
            var position = await Position(loan.LoanId, "2027-03-31");
            loan.DaysPastDue.ShouldBe(position.DaysPastDue);
            loan.Group.ShouldBe(position.DebtGroup);
        }
        march.Loans.Single(l => l.ContractNumber == Silent).DaysPastDue.ShouldBeInRange(90, 179);
        march.Loans.Single(l => l.ContractNumber == FirstOnly).DaysPastDue.ShouldBeInRange(30, 89);
        march.Loans.Single(l => l.ContractNumber == Restructured).RestructuringCount.ShouldBe(1);
        march.ByGroup.Select(g => g.Loans).ShouldBe([1, 1, 1, 1, 0]);

        var booked = (await ProvisionEntries()).ShouldHaveSingleItem();
        booked.Amount.Dong.ShouldBe(MarchProvisions);
        booked.ValueDate.ShouldBe(new LocalDate(2027, 3, 31));
        booked.Reference.ShouldBe("2027-03");
        (await Capital()).CashAvailable.ShouldBe(cashBefore); // a provision moves no cash

        // the other fund was classified too, with nothing to classify
        var other = await Get("/api/classification-runs/2027-03", await TokenFor(Roles.Accountant, FundB));
        (await other.Read<ClassificationRunView>()).ShouldSatisfyAllConditions(r => r.Total.ShouldBe(0), r => r.Completed.ShouldBeTrue());

        // rerunning the month (the job again, or on demand) changes nothing
        var events = await EventCount();
        await RunJob();
        (await RunOnDemand("2027-03")).ShouldBeEquivalentTo(march);
        (await EventCount()).ShouldBe(events);

        // on any other day the job does nothing
        AdvanceTo(new LocalDate(2027, 4, 2));
        await RunJob();
        (await EventCount()).ShouldBe(events);

        // July, on demand: the provisions booked move by the change only
        AdvanceTo(new LocalDate(2027, 8, 3));
        var july = await RunOnDemand("2027-07");
        ShouldMatch(july, July2027, JulyProvisions);
        july.ProvisionChange.ShouldBe(JulyProvisions - MarchProvisions);
        july.Loans.Single(l => l.ContractNumber == Punctual).DaysPastDue.ShouldBe((await Position(Loans[Punctual], "2027-07-31")).DaysPastDue);
        july.Loans.Single(l => l.ContractNumber == Silent).DaysPastDue.ShouldBeGreaterThanOrEqualTo(180);
        (await ProvisionEntries()).Select(e => e.Amount.Dong).ShouldBe([MarchProvisions, JulyProvisions - MarchProvisions]);
    }

    [Fact]
    public async Task a_run_killed_after_some_loans_then_run_again_gives_the_result_of_one_clean_run()
    {
        await BuildPortfolio();

        await CrashAfter("2027-03", loans: 2, batchSize: 1);
        var interrupted = await Run("2027-03");
        interrupted.Total.ShouldBe(4);
        interrupted.Done.ShouldBe(2); // progress: loans done / total
        interrupted.Completed.ShouldBeFalse();
        interrupted.ProvisionBooked.ShouldBe(0);
        (await ProvisionEntries()).ShouldBeEmpty();

        var march = await RunOnDemand("2027-03");
        ShouldMatch(march, March2027, MarchProvisions); // the same figures as the clean run of the other test

        AdvanceTo(new LocalDate(2027, 8, 3));
        await CrashAfter("2027-07", loans: 3, batchSize: 2);
        (await Run("2027-07")).Done.ShouldBe(3);
        var july = await RunOnDemand("2027-07");
        ShouldMatch(july, July2027, JulyProvisions);
        (await ProvisionEntries()).Select(e => e.Amount.Dong).ShouldBe([MarchProvisions, JulyProvisions - MarchProvisions]);
    }

    [Fact]
    public async Task two_runs_of_a_month_at_once_classify_every_loan_once_and_book_the_provisions_once()
    {
        await BuildPortfolio();

        await Task.WhenAll(RunInProcess("2027-03", batchSize: 1), RunInProcess("2027-03", batchSize: 1));

        var march = await Run("2027-03");
        ShouldMatch(march, March2027, MarchProvisions); // each loan once, the totals of one clean run
        march.ProvisionChange.ShouldBe(MarchProvisions);
        (await ProvisionEntries()).ShouldHaveSingleItem().Amount.Dong.ShouldBe(MarchProvisions);
    }

    [Fact]
    public async Task starting_a_month_several_times_at_once_starts_one_run_that_every_start_returns()
    {
        var month = new YearMonth(2027, 3);
        var start = new HtxFund.Classification.Running.StartClassificationRun(ClassificationRuns.StreamId(month), "2027-03",
            ClassificationRuns.LastDay(month), Actor.System);
        var events = await EventCount();

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var scope = Host.Services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
            return (await bus.InvokeForTenantAsync<HtxFund.Classification.Running.ClassificationRunState>(FundA, start)).Run;
        }));

        runs.Select(r => (r.Id, r.Month, r.StartedAt)).Distinct().ShouldHaveSingleItem().Id.ShouldBe(start.RunId);
        (await EventCount()).ShouldBe(events + 1); // one ClassificationRunStarted
    }

    [Fact]
    public async Task a_month_that_is_malformed_or_not_ended_is_refused_and_nothing_is_recorded()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var events = await EventCount();
        await (await Post("/api/classification-runs", new { month = "11/2026" }, chief)).ShouldBeRefusal(400, "month.format");
        await (await Post("/api/classification-runs", new { month = "2026-11" }, chief)).ShouldBeRefusal(400, "month.not_ended");
        await (await Post("/api/classification-runs", new { month = "2026-10" }, await TokenFor(Roles.Accountant))).ShouldBeRefusal(403, "forbidden");
        (await EventCount()).ShouldBe(events);
        await (await Get("/api/classification-runs/2026-10", chief)).ShouldBeRefusal(404, "classification_run.not_found");
        await (await Get("/api/classification-runs/oct", chief)).ShouldBeRefusal(400, "month.format");
    }
}
