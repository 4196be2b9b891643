using HtxFund.Accounting;
using HtxFund.Accounting.Reading;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The trial balance (/ke-toan/can-doi-phat-sinh; GET /api/accounting/trial-balance) of a period: the balance
/// sheet's accounts and the off-balance accounts with their totals, whether they balance; CSV, XLSX and PDF.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class TrialBalanceModel : BooksPage
{
    public TrialBalanceReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        if (CheckPeriod()) Report = await TrialBalanceReport.ComputeAsync(Query, Period!, Ct);
    }

    public string File(string format) => Api("/api/accounting/trial-balance", ("format", format));
}
