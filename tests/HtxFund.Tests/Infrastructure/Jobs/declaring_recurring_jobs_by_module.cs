using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using HtxFund.Accounting.Accrual;
using HtxFund.Classification;
using HtxFund.Identity.SigningIn;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Jobs;
using HtxFund.Reminders.Daily;
using HtxFund.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HtxFund.Tests.Infrastructure.Jobs;

/// <summary>Each module declares its own recurring jobs; one start-up registration puts every one of them in Hangfire.</summary>
public sealed class declaring_recurring_jobs_by_module(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void every_module_job_is_in_hangfire_with_its_schedule_in_the_funds_time_zone()
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        var expected = new Dictionary<string, (string Cron, Type Job)>
        {
            [HeartbeatJob.Id] = ("* * * * *", typeof(HeartbeatJob)),
            [PurgeIdempotencyRecordsJob.Id] = ("30 2 * * *", typeof(PurgeIdempotencyRecordsJob)),
            [PurgeSignInGuardsJob.Id] = ("40 2 * * *", typeof(PurgeSignInGuardsJob)),
            [MonthlyClassificationJob.Id] = (MonthlyClassificationJob.DefaultCron, typeof(MonthlyClassificationJob)),
            [DailyRemindersJob.Id] = (DailyRemindersJob.DefaultCron, typeof(DailyRemindersJob)),
            [HalfYearActivityReportJob.Id] = (HalfYearActivityReportJob.DefaultCron, typeof(HalfYearActivityReportJob)),
            [AnnualActivityReportJob.Id] = (AnnualActivityReportJob.DefaultCron, typeof(AnnualActivityReportJob)),
            [AnnualFundRatingJob.Id] = (AnnualFundRatingJob.DefaultCron, typeof(AnnualFundRatingJob)),
            [MonthlyInterestAccrualJob.Id] = (MonthlyInterestAccrualJob.DefaultCron, typeof(MonthlyInterestAccrualJob)),
            [HtxFund.Collections.Daily.DailyCollectionsJob.Id] = (HtxFund.Collections.Daily.DailyCollectionsJob.DefaultCron,
                typeof(HtxFund.Collections.Daily.DailyCollectionsJob)),
        };
        foreach (var (id, (cron, type)) in expected)
        {
            jobs.ShouldContainKey(id);
            jobs[id].Cron.ShouldBe(cron, id);
            jobs[id].TimeZoneId.ShouldBe("Asia/Ho_Chi_Minh", id);
            jobs[id].Job.Type.ShouldBe(type, id);
        }
        Host.Services.GetServices<RecurringJobDeclaration>().Select(j => j.Id).ShouldBe(expected.Keys, ignoreOrder: true);
    }
}

/// <summary>A declared job's cron and time zone come from its settings when they are given, else its defaults.</summary>
public sealed class registering_a_declared_job
{
    private sealed class Recorded : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron, RecurringJobOptions Options)> Jobs { get; } = [];
        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Jobs.Add((recurringJobId, job, cronExpression, options));
        public void Trigger(string recurringJobId) => throw new NotSupportedException();
        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }

    private static RecurringJobDeclaration Declared()
    {
        var services = new ServiceCollection().AddRecurringJob<DailyRemindersJob>(DailyRemindersJob.Id, j => j.Run(CancellationToken.None),
            "0 7 * * *", "Jobs:Cron", "Jobs:Zone");
        return services.BuildServiceProvider().GetRequiredService<RecurringJobDeclaration>();
    }

    [Theory]
    [InlineData(null, null, "0 7 * * *", "Asia/Ho_Chi_Minh")]
    [InlineData("", "", "0 7 * * *", "Asia/Ho_Chi_Minh")]
    [InlineData("30 6 * * 1-5", "Asia/Bangkok", "30 6 * * 1-5", "Asia/Bangkok")]
    public void settings_override_the_defaults(string? cron, string? zone, string expectedCron, string expectedZone)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:Cron"] = cron, ["Jobs:Zone"] = zone,
        }).Build();
        var jobs = new Recorded();

        Declared().Register(jobs, configuration, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));

        var job = jobs.Jobs.ShouldHaveSingleItem();
        (job.Id, job.Cron, job.Options.TimeZone.Id).ShouldBe((DailyRemindersJob.Id, expectedCron, expectedZone));
        job.Job.Type.ShouldBe(typeof(DailyRemindersJob));
        job.Job.Method.Name.ShouldBe(nameof(DailyRemindersJob.Run));
    }
}
