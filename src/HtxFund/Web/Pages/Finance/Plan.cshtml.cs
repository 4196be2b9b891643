using HtxFund.Identity;
using HtxFund.Plans;
using HtxFund.Reports.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The fund's annual plan of a year (figures in force and every version with who changed what) beside the fund
/// rating A/B/C of that year per KPI (year to date for the current year), read as the API reads them.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class PlanModel : PortalPage
{
    /// <summary>Who may enter the plan and generate the period's reports (the roles of those API endpoints).</summary>
    public const string PlanningRoles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}";

    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }
    public int ShownYear { get; private set; }
    public AnnualPlan? Plan { get; private set; }
    public FundRatingView? Rating { get; private set; }
    public Microsoft.AspNetCore.Mvc.ProblemDetails? RatingProblem { get; private set; }
    [TempData] public string? Done { get; set; }
    [TempData] public string? Refusal { get; set; }

    public bool MayPlan => PlanningRoles.Split(',').Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ShownYear = Year ?? Time.Today.Year;
        Plan = await AnnualPlans.LoadAsync(Query, ShownYear, ct); // no plan yet is shown as such, not as an error
        if (Plan is not null && ShownYear <= Time.Today.Year)
        {
            if (ShownYear < FundRatings.FirstYear) RatingProblem = FundRatings.YearOutOfRange(ShownYear, Time.Today);
            else Rating = await FundRatings.ComputeAsync(Store, User.FundId(), Plan, FundRatings.DefaultAsOf(ShownYear, Time.Today), ct);
        }
        return Page();
    }

    public static string FieldName(string field) => field switch
    {
        "outstandingPrincipalTarget" => "Dư nợ cho vay cuối năm",
        "nplRatioPercentMax" => "Tỷ lệ nợ xấu tối đa",
        "financialResultTarget" => "Kết quả tài chính",
        "compliance" => "Chấp hành pháp luật",
        "approvalReference" => "Quyết định phê duyệt",
        _ => field,
    };
}
