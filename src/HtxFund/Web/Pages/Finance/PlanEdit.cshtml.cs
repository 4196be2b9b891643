using HtxFund.Lending.Rating;
using HtxFund.Plans;
using HtxFund.Plans.Entering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>Enter or adjust the annual plan of a year (the API's <c>PUT /api/annual-plans/{year}</c> sent through the app's
/// pipeline, same roles): the
/// server's validation messages are shown next to the fields; a change of an older version is refused with the current one.</summary>
[Authorize(Roles = PlanModel.PlanningRoles)]
public sealed class PlanEditModel : PortalPage
{
    public sealed class PlanForm
    {
        [Money] public long? OutstandingPrincipalTarget { get; set; }
        [Rate] public decimal? NplRatioPercentMax { get; set; }
        /// <summary>Text: a planned loss is negative (<c>-200.000.000</c>), which the money binder does not read.</summary>
        public string? FinancialResultTarget { get; set; }
        public string? Compliance { get; set; }
        public string? ApprovalReference { get; set; }
        public string? Note { get; set; }
        public int ExpectedVersion { get; set; }
        [Money] public long? DisbursementTarget { get; set; }
        [Money] public long? CollectionTarget { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty] public PlanForm Input { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await AnnualPlans.LoadAsync(Query, Year, ct) is { } plan)
        {
            var f = plan.Figures;
            Input = new PlanForm
            {
                OutstandingPrincipalTarget = f.OutstandingPrincipalTarget, NplRatioPercentMax = f.NplRatioPercentMax,
                FinancialResultTarget = Signed(f.FinancialResultTarget), Compliance = f.Compliance.ToString(),
                ApprovalReference = f.ApprovalReference, ExpectedVersion = plan.Version,
                DisbursementTarget = f.DisbursementTarget, CollectionTarget = f.CollectionTarget,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = ParseSigned(Input.FinancialResultTarget, out var valid);
        if (!valid) ModelState.AddModelError("Input.FinancialResultTarget", MoneyModelBinder.Invalid);
        if (!ModelState.IsValid) return Page();
        var command = new EnterAnnualPlan(Input.OutstandingPrincipalTarget, Input.NplRatioPercentMax, result, Input.Compliance,
            Input.ApprovalReference, Input.Note, Input.ExpectedVersion, Input.DisbursementTarget, Input.CollectionTarget);
        if (await Send(HttpMethod.Put, $"/api/annual-plans/{Year}", command) is null) return Page();
        Done = $"Đã lưu kế hoạch năm {Year}.";
        return Redirect($"/tai-chinh/ke-hoach?nam={Year}");
    }

    public static string Signed(long dong) => dong < 0 ? "-" + Display.MoneyInput(-dong) : Display.MoneyInput(dong);

    private static long? ParseSigned(string? text, out bool valid)
    {
        var t = (text ?? "").Trim();
        var negative = t.StartsWith('-') || t.StartsWith('−');
        var value = MoneyModelBinder.Parse(negative ? t[1..] : t, out valid);
        return negative ? -value : value;
    }

    public static IEnumerable<ComplianceFinding> Findings => Enum.GetValues<ComplianceFinding>();
}
