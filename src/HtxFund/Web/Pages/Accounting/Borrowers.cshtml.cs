using HtxFund.Accounting;
using HtxFund.Accounting.Reading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The borrowers' sub-ledgers (/ke-toan/so-chi-tiet-cho-vay; GET /api/accounting/borrowers and
/// /api/accounting/borrowers/{objectId}/ledger): every borrower with its balances at the period's end, and for the chosen
/// borrower each tracked account's opening balance, lines and closing balance; CSV and XLSX.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class BorrowersModel : BooksPage
{
    [BindProperty(SupportsGet = true, Name = "doi-tuong")] public Guid? ObjectId { get; set; }

    public BorrowerList? Borrowers { get; private set; }
    public BorrowerLedgerReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!CheckPeriod()) return Page();
        Borrowers = await BorrowerLedger.ListAsync(Query, Period!.To, Ct);
        if (ObjectId is { } id)
        {
            Report = await BorrowerLedger.ComputeAsync(Query, id, Period, Ct);
            if (Report is null) return NotFoundPage();
        }
        return Page();
    }

    public string File(string format) => Api($"/api/accounting/borrowers/{ObjectId}/ledger", ("format", format));

    public string Choose(Guid id) => Self(("doi-tuong", id.ToString()));
}
