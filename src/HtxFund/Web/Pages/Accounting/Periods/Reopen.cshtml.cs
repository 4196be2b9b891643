using HtxFund.Accounting.Periods;
using HtxFund.Identity;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting.Periods;

/// <summary>/ke-toan/ky-ke-toan/{month}/mo-lai: the Director reopens the latest closed month with a reason
/// (<c>POST /api/accounting/periods/{month}/reopen</c> through the app's pipeline; its own page, the roles differing from
/// the periods list's).</summary>
[Authorize(Roles = Roles.Director)]
public sealed class ReopenModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string Month { get; set; } = "";

    public sealed class Form
    {
        public string? Reason { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();

    public string Shown => PeriodRules.Parse(Month) is { } m ? PeriodRules.Display(m) : Month;

    public IActionResult OnGet() => PeriodRules.Parse(Month) is null ? NotFoundPage() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Post($"/api/accounting/periods/{Uri.EscapeDataString(Month)}/reopen", new ReopenAccountingPeriod(Input.Reason, null));
        if (result is null || Problem is not null || !ModelState.IsValid) return Page();
        Done = string.Format(Text("Đã mở lại sổ tháng {0}."), Shown);
        return Redirect("/ke-toan/ky-ke-toan");
    }
}
