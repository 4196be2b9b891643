using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Listing;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>The portfolio valued as of any date (GET /api/loans with <c>asOf</c>), with its filters and the CSV export.</summary>
[Authorize(Roles = Navigation.FinanceRoles)]
public sealed class PortfolioModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Group { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    public PagedResult<LoanSummary>? Items { get; private set; }

    public async Task OnGetAsync()
    {
        AsOf ??= Time.Today.ToString("yyyy-MM-dd", null);
        Items = await Read<PagedResult<LoanSummary>>(q => ListLoansEndpoint.Get(Empty(Status), null, Group, null, Empty(Sort), PageNumber, 50,
            AsOf, null, null, null, null, User, q, Time, Ct));
        if (Problem is not null) Refused(Problem, "");
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public string ExportLink => "/api/loans/export.csv" + QueryString.Create(new Dictionary<string, string?>
        { ["asOf"] = AsOf, ["status"] = Empty(Status), ["group"] = Group?.ToString(), ["sort"] = Empty(Sort) }.Where(kv => kv.Value is not null));
}
