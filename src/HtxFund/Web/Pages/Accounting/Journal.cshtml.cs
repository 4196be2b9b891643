using HtxFund.Accounting;
using HtxFund.Accounting.Reading;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The general journal (/ke-toan/nhat-ky-chung; GET /api/accounting/journal): filters by period, account,
/// voucher and borrower, 50 lines a page, the totals of every filtered line, and the files of the same filter.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class JournalModel : BooksPage
{
    [BindProperty(SupportsGet = true, Name = "tai-khoan")] public string? Account { get; set; }
    [BindProperty(SupportsGet = true, Name = "chung-tu")] public string? Voucher { get; set; }
    [BindProperty(SupportsGet = true, Name = "doi-tuong")] public Guid? ObjectId { get; set; }

    public JournalPage? Journal { get; private set; }
    public BorrowerList? Borrowers { get; private set; }

    public async Task OnGetAsync()
    {
        Borrowers = await BorrowerLedger.ListAsync(Query, Time.Today, Ct);
        if (!CheckPeriod()) return;
        var errors = new List<FieldError>();
        var filter = GeneralJournal.Filter(Period!.From.ToString("yyyy-MM-dd", null), Period.To.ToString("yyyy-MM-dd", null), Account, Voucher, ObjectId,
            Time.Today, errors);
        foreach (var e in errors) ModelState.AddModelError(e.Field == "account" ? "tai-khoan" : "chung-tu", e.Message);
        if (filter is null) return;
        var first = await GeneralJournal.PageAsync(Query, filter, 1, LinesPerPage, Ct);
        var page = CurrentPage(first.TotalPages);
        Journal = page == 1 ? first : await GeneralJournal.PageAsync(Query, filter, page, LinesPerPage, Ct);
    }

    public string Filtered(string path, string? format = null) =>
        Api(path, ("account", Account), ("voucher", Voucher), ("objectId", ObjectId?.ToString()), ("format", format));

    public string PageHref(int page) =>
        Self(("tai-khoan", Account), ("chung-tu", Voucher), ("doi-tuong", ObjectId?.ToString()), ("trang", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
