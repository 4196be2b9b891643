using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Listing;
using HtxFund.Loans.Officers;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Portfolio;

/// <summary>
/// The staff portfolio (/danh-muc-cho-vay): the fund's loans valued as of a date, filtered by responsible officer ("my
/// loans" included), district, sector, priority group and debt group, with totals over the whole filtered set and server-side
/// paging; read with the API's own list functions (GET /api/loans). The Director ticks loans and transfers them to another
/// credit officer with a reason (POST /api/loans/officer-transfers through the app's pipeline); the others read only.
/// </summary>
[Authorize(Roles = OfficerTransferRules.PortfolioRoles)]
public sealed class IndexModel : StaffPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true, Name = "officer")] public string? OfficerFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public int? Group { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    [BindProperty] public BulkTransferForm Transfer { get; set; } = new();

    public IReadOnlyList<LoanSummary> Items { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int PageCount { get; private set; }
    public PortfolioTotals Totals { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<CreditOfficerView> Officers { get; private set; } = [];
    public IReadOnlyList<string> Districts { get; private set; } = [];
    public IReadOnlyList<string> Sectors { get; private set; } = [];

    public bool MayTransfer => MayCall(typeof(TransferOfficerLoansEndpoint));

    /// <summary>The loans a refused bulk transfer named (its problem's <c>refusals</c>), each with the reason.</summary>
    public IReadOnlyList<OfficerTransferRefusal> Refusals { get; private set; } = [];

    public static readonly (string Key, string Name)[] Priorities =
    [
        ("womenManaged", "Do phụ nữ quản lý"), ("ethnicMinorityArea", "Vùng đồng bào dân tộc thiểu số"), ("ocopProduct", "Sản phẩm OCOP"),
        ("agriculturalValueChain", "Chuỗi giá trị nông nghiệp"), ("highTech", "Ứng dụng công nghệ cao"), ("none", "Không thuộc nhóm ưu tiên"),
    ];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTransferAsync()
    {
        if (!MayTransfer) return Forbidden();
        if (!Transfer.Confirmed)
            ModelState.AddModelError("Transfer.Confirmed", Text("Vui lòng xác nhận chuyển các khoản vay đã chọn."));
        else if (ModelState.IsValid && await Post("/api/loans/officer-transfers", Transfer.Command(), nameof(Transfer)) is { } result
                 && ValueOf<OfficerTransferReceipt>(result) is { } receipt)
        {
            Done = string.Format(Text("Đã chuyển {0} khoản vay cho cán bộ tín dụng mới."), receipt.LoanIds.Count);
            return Redirect(Link(PageNumber ?? 1));
        }
        Refusals = RefusalsOf(Problem);
        await LoadAsync();
        return Page();
    }

    private static IReadOnlyList<OfficerTransferRefusal> RefusalsOf(ProblemDetails? problem) =>
        problem?.Extensions.TryGetValue("refusals", out var value) == true && value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } list
            ? list.EnumerateArray().Select(r => new OfficerTransferRefusal(r.GetProperty("loanId").GetGuid(), r.GetProperty("code").GetString() ?? "",
                r.GetProperty("detail").GetString() ?? "")).ToArray()
            : [];

    /// <summary>How the page names a loan of a refusal (its contract number or borrower when it is on this page).</summary>
    public string NameOf(Guid loanId) => Items.FirstOrDefault(i => i.Id == loanId) is { } l ? l.ContractNumber ?? l.BorrowerName : loanId.ToString();

    private async Task LoadAsync()
    {
        AsOf ??= Time.Today.ToString("yyyy-MM-dd", null);
        var errors = new List<FieldError>();
        var query = ListLoansEndpoint.Parse(null, null, Group, null, null, AsOf, Empty(OfficerFilter), Empty(District), Empty(Sector), Empty(Priority),
            User, Time.Today, errors);
        var (page, _) = Paging.Check(PageNumber, PageSize, errors);
        Officers = await ListCreditOfficersEndpoint.Get(User, Query, Ct);
        Districts = (await Query.Query<CooperativeDetails>().Select(c => c.District).ToListAsync(Ct)).Where(d => d.Length > 0).Distinct()
            .Order(StringComparer.CurrentCulture).ToArray();
        Sectors = (await Query.Query<ApplicationDetails>().Select(a => a.Sector).ToListAsync(Ct)).Where(s => s.Length > 0).Distinct()
            .Order(StringComparer.CurrentCulture).ToArray();
        if (query is null)
        {
            Refused(Problems.Validation(errors), "");
            return;
        }
        var all = await ListLoansEndpoint.SummariesAsync(query, User, Query, Ct);
        TotalCount = all.Count;
        PageCount = (int)Math.Ceiling(all.Count / (double)PageSize);
        Totals = new PortfolioTotals(all.Sum(l => l.DisbursedAmount), all.Sum(l => l.PrincipalOutstanding), all.Sum(l => l.PrincipalOverdue),
            all.Sum(l => l.InterestDue));
        Items = all.Skip((page - 1) * PageSize).Take(PageSize).ToArray();
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>This page with the current filters and <paramref name="page"/>.</summary>
    public string Link(int page) => "/danh-muc-cho-vay" + QueryString.Create(new Dictionary<string, string?>
    {
        ["asOf"] = AsOf, ["officer"] = Empty(OfficerFilter), ["district"] = Empty(District), ["sector"] = Empty(Sector),
        ["priority"] = Empty(Priority), ["group"] = Group?.ToString(), ["trang"] = page == 1 ? null : page.ToString(),
    }.Where(kv => kv.Value is not null));

    /// <summary>The CSV export of the same filtered list.</summary>
    public string ExportLink => "/api/loans/export.csv" + QueryString.Create(new Dictionary<string, string?>
    {
        ["asOf"] = AsOf, ["officer"] = Empty(OfficerFilter), ["district"] = Empty(District), ["sector"] = Empty(Sector),
        ["priority"] = Empty(Priority), ["group"] = Group?.ToString(),
    }.Where(kv => kv.Value is not null));
}

/// <summary>Sums over every loan the filters keep (not only the page shown).</summary>
public sealed record PortfolioTotals(long Disbursed, long PrincipalOutstanding, long PrincipalOverdue, long InterestDue);
