using HtxFund.Accounting;
using HtxFund.Accounting.Periods;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting.Periods;

/// <summary>
/// /ke-toan/ky-ke-toan: the fund's accounting periods (the list of <c>GET /api/accounting/periods</c>, by the same read), with
/// who closed and reopened each month and the archived trial balance's files and SHA-256. The chief accountant closes the
/// next month (<c>POST /api/accounting/periods/{month}/close</c> through the app's pipeline) after a confirmation step
/// (<c>?dong=yyyy-MM</c> shows what closing means and the confirming button; no script needed). The Director reopens the
/// latest closed month on its own page (/ke-toan/ky-ke-toan/{month}/mo-lai), the roles differing.
/// </summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class PeriodsModel : StaffPage
{
    public AccountingPeriods? Periods { get; private set; }

    /// <summary>The month whose close is being confirmed (<c>?dong=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "dong")] public string? Confirming { get; set; }

    public bool MayClose => MayCall(typeof(CloseAccountingPeriodEndpoint));
    public bool MayReopen => MayCall(typeof(ReopenAccountingPeriodEndpoint));

    public async Task OnGetAsync() => Periods = await ListAccountingPeriodsEndpoint.ReadAsync(Query, Ct);

    public async Task<IActionResult> OnPostCloseAsync(string month)
    {
        if (!MayClose) return Forbidden();
        var result = await Post($"/api/accounting/periods/{Uri.EscapeDataString(month ?? "")}/close", new CloseAccountingPeriod(null), prefix: "");
        if (result is null || Problem is not null || !ModelState.IsValid)
        {
            Problem ??= ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() is { } error
                ? new ProblemDetails { Title = error } : null;
            Confirming = null;
            Periods = await ListAccountingPeriodsEndpoint.ReadAsync(Query, Ct);
            return Page();
        }
        Done = string.Format(Text("Đã khoá sổ tháng {0}. Bảng cân đối số phát sinh của tháng được lưu trữ khi sổ nhật ký đã ghi đến lúc khoá sổ."),
            PeriodRules.Parse(month) is { } m ? PeriodRules.Display(m) : month);
        return Redirect("/ke-toan/ky-ke-toan");
    }
}
