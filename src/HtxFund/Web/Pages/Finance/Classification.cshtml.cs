using HtxFund.Classification;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The monthly debt classification runs of the last twelve ended months with their progress (loans done of
/// total) and results (GET /api/classification-runs/{month}), and running a month (POST /api/classification-runs).</summary>
[Authorize(Roles = HtxFund.Identity.Roles.Staff)]
public sealed class ClassificationModel : StaffPage
{
    public sealed record MonthRun(string Month, ClassificationRunView? Run);

    public IReadOnlyList<MonthRun> Runs { get; private set; } = [];
    [BindProperty] public string? Month { get; set; }

    public bool MayRun => MayCall(typeof(ClassificationRunEndpoints));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!MayRun) return Forbidden();
        var result = await ClassificationRunEndpoints.Post(new RunClassification(Month), User, Service<IMessageBus>(), Store, Time, Ct);
        if (Refused(result.ProblemOf(), ""))
        {
            await LoadAsync();
            return Page();
        }
        var run = result.ValueOf<ClassificationRunView>()!;
        Done = string.Format(Text("Đã phân loại nợ tháng {0}: {1}/{2} khoản vay."), run.Month, run.Done, run.Total);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var thisMonth = Time.Today.ToYearMonth();
        var runs = new List<MonthRun>();
        for (var n = 1; n <= 12; n++)
        {
            var month = ClassificationRuns.Format(thisMonth.OnDayOfMonth(1).PlusMonths(-n).ToYearMonth());
            var result = await ClassificationRunEndpoints.Get(month, Query, Ct);
            runs.Add(new MonthRun(month, result.ValueOf<ClassificationRunView>()));
        }
        Runs = runs;
        Month ??= runs[0].Month;
    }
}
