using HtxFund.Accounting;
using HtxFund.Accounting.Reading;
using HtxFund.Lending.Accounting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>An account's ledger (/ke-toan/so-cai?tai-khoan=1121; GET /api/accounting/ledger/{account}): choose the account
/// from the chart in force, the period; balance brought forward, lines with running balance (50 a page), totals of the
/// period, balance carried forward; CSV, XLSX and PDF of the same.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class LedgerModel : BooksPage
{
    [BindProperty(SupportsGet = true, Name = "tai-khoan")] public string? Account { get; set; }

    public ChartOfAccounts Chart { get; private set; } = AccountingDefaults.Chart;
    public AccountLedgerReport? Ledger { get; private set; }
    public IReadOnlyList<LedgerLine> Shown { get; private set; } = [];
    public int CurrentPageNumber { get; private set; } = 1;
    public long Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync()
    {
        Chart = await BooksQuery.ChartAsync(Query, Ct);
        if (!CheckPeriod() || string.IsNullOrWhiteSpace(Account)) return Page();
        if (await AccountLedger.FindAsync(Query, Account.Trim(), Ct) is not { } account)
        {
            ModelState.AddModelError("tai-khoan", AccountLedger.UnknownAccount(Account.Trim()).Detail!);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Ledger = await AccountLedger.ComputeAsync(Query, account, Period!, Ct);
        Pages = Math.Max(1, (Ledger.Lines.Count + LinesPerPage - 1) / LinesPerPage);
        CurrentPageNumber = CurrentPage(Pages);
        Shown = Ledger.Lines.Skip((CurrentPageNumber - 1) * LinesPerPage).Take(LinesPerPage).ToList();
        return Page();
    }

    public string File(string format) => Api($"/api/accounting/ledger/{Ledger!.Account}", ("format", format));

    public string PageHref(long page) => Self(("tai-khoan", Account), ("trang", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>"Nợ 1.500.000.000 ₫", "Có …" or "0 ₫": a balance on the side it sits.</summary>
    public static (string Side, string Amount) Balance(long balance) =>
        balance > 0 ? ("Nợ", Display.Money(balance)) : balance < 0 ? ("Có", Display.Money(-balance)) : ("", Display.Money(0));
}
