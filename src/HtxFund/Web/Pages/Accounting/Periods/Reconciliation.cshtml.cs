using System.Globalization;
using HtxFund.Accounting;
using HtxFund.Accounting.Periods;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Web.Pages.Accounting.Periods;

/// <summary>/ke-toan/doi-chieu?ngay=dd/MM/yyyy: the books reconciled with the capital position at a chosen date (default
/// today), by the same computation as <c>GET /api/accounting/reconciliation</c>.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class ReconciliationModel : StaffPage
{
    private static readonly LocalDatePattern Pattern = LocalDatePattern.CreateWithInvariantCulture("d/M/yyyy");

    [BindProperty(SupportsGet = true, Name = "ngay")] public string? Date { get; set; }

    public ReconciliationReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        var date = Time.Today;
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (Pattern.Parse(Date.Trim()) is { Success: true } parsed && Infrastructure.Http.AsOf.Date(parsed.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) is { } d)
                date = d;
            else
            {
                ModelState.AddModelError(nameof(Date), Text("Ngày đối chiếu phải có dạng dd/MM/yyyy."));
                return;
            }
        }
        Date = Display.Date(date);
        Report = await Reconciling.ComputeAsync(Query, Store, date, Ct);
    }
}
