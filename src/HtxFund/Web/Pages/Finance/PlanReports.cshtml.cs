using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Reports.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;

namespace HtxFund.Web.Pages.Finance;

/// <summary>Generates and archives a period's lending activity report (<c>POST /api/activity-reports/{period}</c>) or
/// the rating of an ended year (<c>POST /api/fund-rating/{year}</c>), with those endpoints' roles; back to the plan page
/// with the outcome (the report is then among the generated reports).</summary>
[Authorize(Roles = PlanModel.PlanningRoles)]
public sealed class PlanReportsModel(IMessageBus bus) : PortalPage
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [TempData] public string? Done { get; set; }
    [TempData] public string? Refusal { get; set; }

    public IActionResult OnGet() => Redirect($"/tai-chinh/ke-hoach?nam={Year}");

    public async Task<IActionResult> OnPostActivityAsync(string period, CancellationToken ct) =>
        Outcome(await ActivityReportEndpoints.Post(period, User, bus, Time, ct));

    public async Task<IActionResult> OnPostRatingAsync(CancellationToken ct) =>
        Outcome(await FundRatingEndpoints.Post(Year, User, bus, Query, Time, ct));

    private IActionResult Outcome(IResult result)
    {
        if (result.ProblemOf() is { } problem) Refusal = problem.Detail ?? problem.Title;
        else if (result.ValueOf<ReportSummary>() is { } report) Done = $"Đã lập và lưu trữ: {report.Title}.";
        return Redirect($"/tai-chinh/ke-hoach?nam={Year}");
    }
}
