using HtxFund.Classification;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Classification.Running;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The monthly debt classification runs of the last twelve ended months with their progress (loans done of
/// total) and results (the read of GET /api/classification-runs/{month}), and running a month (POST /api/classification-runs,
/// sent through the app's pipeline).</summary>
[Authorize(Roles = HtxFund.Identity.Roles.Staff)]
public sealed class ClassificationModel : StaffPage
{
    public sealed record MonthRun(string Month, ClassificationRunView? Run);

    public IReadOnlyList<MonthRun> Runs { get; private set; } = [];
    [BindProperty] public string? Month { get; set; }

    public bool MayRun => MayCall(typeof(RunClassificationEndpoint));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!MayRun) return Forbidden();
        if (await Post("/api/classification-runs", new RunClassification(Month), "") is not { } result)
        {
            await LoadAsync();
            return Page();
        }
        var run = result.Value<ClassificationRunView>(JsonOptions)!;
        Done = string.Format(Text("Đã phân loại nợ tháng {0}: {1}/{2} khoản vay."), run.Month, run.Done, run.Total);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var thisMonth = Time.Today.ToYearMonth();
        var runs = new List<MonthRun>();
        for (var n = 1; n <= 12; n++)
        {
            var month = thisMonth.OnDayOfMonth(1).PlusMonths(-n).ToYearMonth();
            runs.Add(new MonthRun(ClassificationRuns.Format(month), await GetClassificationRunEndpoint.ViewAsync(Query, month, Ct)));
        }
        Runs = runs;
        Month ??= runs[0].Month;
    }
}
