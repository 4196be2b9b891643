using HtxFund.Reports.Archive;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>Generates and archives a period's lending activity report (<c>POST /api/activity-reports/{period}</c>) or
/// the rating of an ended year (<c>POST /api/fund-rating/{year}</c>), sent through the app's pipeline with those
/// endpoints' roles; back to the plan page with the outcome (the report is then among the generated reports).</summary>
[Authorize(Roles = PlanModel.PlanningRoles)]
public sealed class PlanReportsModel : PortalPage
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [TempData] public string? Done { get; set; }
    [TempData] public string? Refusal { get; set; }

    public IActionResult OnGet() => Redirect($"/tai-chinh/ke-hoach?nam={Year}");

    public async Task<IActionResult> OnPostActivityAsync(string period) =>
        Outcome(await Post($"/api/activity-reports/{Uri.EscapeDataString(period ?? "")}", null, prefix: ""));

    public async Task<IActionResult> OnPostRatingAsync() =>
        Outcome(await Post($"/api/fund-rating/{Year}", null, prefix: ""));

    private IActionResult Outcome(PageCommandResult? result)
    {
        if (result?.Value<ReportSummary>(JsonOptions) is { } report) Done = $"Đã lập và lưu trữ: {report.Title}.";
        else Refusal = Problem?.Detail ?? Problem?.Title
                       ?? string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        return Redirect($"/tai-chinh/ke-hoach?nam={Year}");
    }
}
