using HtxFund.Accounting;
using HtxFund.Accounting.Accrual;
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
/// latest closed month on its own page (/ke-toan/ky-ke-toan/{month}/mo-lai), the roles differing. The chief accountant books
/// (or books again) an ended open month's interest accrual (<c>POST /api/accounting/accruals</c>); the month to close next
/// is listed even before it has a journal line, so its accrual can be booked from here.
/// </summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class PeriodsModel : StaffPage
{
    public AccountingPeriodList? Periods { get; private set; }

    /// <summary>The month whose close is being confirmed (<c>?dong=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "dong")] public string? Confirming { get; set; }

    public bool MayClose => MayCall(typeof(CloseAccountingPeriodEndpoint));
    public bool MayReopen => MayCall(typeof(ReopenAccountingPeriodEndpoint));
    public bool MayAccrue => MayCall(typeof(BookInterestAccrualEndpoint));

    /// <summary>Whether <paramref name="month"/> has ended (its accrual may be booked and it may be closed).</summary>
    public bool Ended(string month) => PeriodRules.Parse(month) is { } m && PeriodRules.LastDay(m) < Time.Today;

    public async Task OnGetAsync() => await ReadAsync();

    /// <summary>The API's periods, with the month to close next (or, before the first close, last month) added as an open row
    /// when nothing has been posted or accrued in it yet.</summary>
    private async Task ReadAsync()
    {
        var periods = await ListAccountingPeriodsEndpoint.ReadAsync(Query, Ct);
        var today = Time.Today;
        var next = periods.NextToClose ?? PeriodRules.Format(new NodaTime.YearMonth(today.Year, today.Month).PlusMonths(-1));
        if (Ended(next) && periods.Months.All(m => m.Month != next))
            periods = periods with
            {
                Months = [.. periods.Months.Append(new AccountingPeriodView(next, PeriodState.Open, false, false, [], null))
                    .OrderByDescending(m => m.Month, StringComparer.Ordinal)],
            };
        Periods = periods;
    }

    public async Task<IActionResult> OnPostAccrualAsync(string month)
    {
        if (!MayAccrue) return Forbidden();
        var result = await Post("/api/accounting/accruals", new BookInterestAccrual(month), prefix: "");
        if (result?.Value<InterestAccrualReceipt>(JsonOptions) is not { } receipt) return await Refusal();
        Done = string.Format(Text("Đã ghi sổ lãi dự thu tháng {0}: {1} khoản vay."),
            PeriodRules.Parse(receipt.Month) is { } m ? PeriodRules.Display(m) : receipt.Month, receipt.LoanCount);
        return Redirect("/ke-toan/ky-ke-toan");
    }

    private async Task<IActionResult> Refusal()
    {
        Problem ??= ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() is { } error
            ? new ProblemDetails { Title = error } : null;
        Confirming = null;
        await ReadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(string month)
    {
        if (!MayClose) return Forbidden();
        var result = await Post($"/api/accounting/periods/{Uri.EscapeDataString(month ?? "")}/close", new CloseAccountingPeriod(null), prefix: "");
        if (result is null || Problem is not null || !ModelState.IsValid) return await Refusal();
        Done = string.Format(Text("Đã khoá sổ tháng {0}. Bảng cân đối số phát sinh của tháng được lưu trữ khi sổ nhật ký đã ghi đến lúc khoá sổ."),
            PeriodRules.Parse(month) is { } m ? PeriodRules.Display(m) : month);
        return Redirect("/ke-toan/ky-ke-toan");
    }
}
