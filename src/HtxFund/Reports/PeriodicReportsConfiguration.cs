using HtxFund.Identity;
using HtxFund.Infrastructure.Jobs;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Reports.Rating;
using Marten;
using Wolverine;

namespace HtxFund.Reports;

/// <summary>The recurring trigger of the periodic reports: generate <paramref name="Kind"/> (HalfYearActivity,
/// AnnualActivity or FundRating) for every fund for the latest ended period. Each fund's report is generated once;
/// a rerun is a no-op.</summary>
public sealed record GenerateScheduledReports(ReportKind Kind);

public static class GenerateScheduledReportsHandler
{
    public static async Task Handle(GenerateScheduledReports command, IDocumentStore store, BusinessTime time, IConfiguration configuration,
        ILogger<GenerateFundRating> logger, CancellationToken ct)
    {
        var funds = await Funds.ServedFunds.IdsAsync(store, ct);
        var today = time.Today;
        foreach (var fund in funds)
        {
            switch (command.Kind)
            {
                case ReportKind.HalfYearActivity:
                    await GenerateActivityReportHandler.Handle(new GenerateActivityReport(fund, ReportingPeriod.LatestHalfYear(today).Code, Actor.System, true),
                        store, time, configuration, ct);
                    break;
                case ReportKind.AnnualActivity:
                    await GenerateActivityReportHandler.Handle(new GenerateActivityReport(fund, ReportingPeriod.LatestYear(today).Code, Actor.System, true),
                        store, time, configuration, ct);
                    break;
                case ReportKind.FundRating:
                    await GenerateFundRatingHandler.Handle(new GenerateFundRating(fund, today.Year - 1, Actor.System, true), store, time, configuration,
                        logger, ct);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "Not a periodic report kind.");
            }
        }
    }
}

/// <summary>Hangfire recurring job of the half-year lending activity report (Decree 45/2021 Art 44: cut-off 30/06, due 31/07).</summary>
public sealed class HalfYearActivityReportJob(IMessageBus bus)
{
    public const string Id = "half-year-activity-report";
    public const string DefaultCron = "0 7 1 7 *";
    public const string CronKey = "HtxFund:Jobs:HalfYearActivityReportCron";
    public Task Run(CancellationToken ct) => bus.InvokeAsync(new GenerateScheduledReports(ReportKind.HalfYearActivity), ct);
}

/// <summary>Hangfire recurring job of the annual lending activity report (cut-off 31/12, due within 90 days).</summary>
public sealed class AnnualActivityReportJob(IMessageBus bus)
{
    public const string Id = "annual-activity-report";
    public const string DefaultCron = "0 7 2 1 *";
    public const string CronKey = "HtxFund:Jobs:AnnualActivityReportCron";
    public Task Run(CancellationToken ct) => bus.InvokeAsync(new GenerateScheduledReports(ReportKind.AnnualActivity), ct);
}

/// <summary>Hangfire recurring job of the annual fund rating (after the annual report; funds without a plan for the year are skipped).</summary>
public sealed class AnnualFundRatingJob(IMessageBus bus)
{
    public const string Id = "annual-fund-rating";
    public const string DefaultCron = "0 8 2 1 *";
    public const string CronKey = "HtxFund:Jobs:AnnualFundRatingCron";
    public Task Run(CancellationToken ct) => bus.InvokeAsync(new GenerateScheduledReports(ReportKind.FundRating), ct);
}

public static class PeriodicReportsConfiguration
{
    /// <summary>The periodic report jobs, in the fund's time zone.</summary>
    public static IServiceCollection AddHtxFundPeriodicReports(this IServiceCollection services) => services
        .AddRecurringJob<HalfYearActivityReportJob>(HalfYearActivityReportJob.Id, j => j.Run(CancellationToken.None),
            HalfYearActivityReportJob.DefaultCron, HalfYearActivityReportJob.CronKey)
        .AddRecurringJob<AnnualActivityReportJob>(AnnualActivityReportJob.Id, j => j.Run(CancellationToken.None),
            AnnualActivityReportJob.DefaultCron, AnnualActivityReportJob.CronKey)
        .AddRecurringJob<AnnualFundRatingJob>(AnnualFundRatingJob.Id, j => j.Run(CancellationToken.None),
            AnnualFundRatingJob.DefaultCron, AnnualFundRatingJob.CronKey);
}
