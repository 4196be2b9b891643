using HtxFund.Accounting;
using Microsoft.AspNetCore.Authorization;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The accounting portal's start (/ke-toan): the books (journal, ledgers, trial balance, borrowers' sub-ledgers),
/// the accounting setup, periods and reconciliation, and the MISA import file of a period.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class IndexModel : BooksPage
{
    public void OnGet() => CheckPeriod();
}
