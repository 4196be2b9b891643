using HtxFund.Applications;
using HtxFund.Applications.Listing;
using HtxFund.Infrastructure.Http;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Credit;

/// <summary>The credit queue: the fund's applications by status with filters and processing-time flags, listed by the
/// API's own function (GET /api/applications).</summary>
[Authorize(Roles = Navigation.CreditRoles)]
public sealed class IndexModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public bool LateOnly { get; set; }
    /// <summary>The responsible officer: a user id, <c>me</c> or <c>none</c> (GET /api/applications?officer=).</summary>
    [BindProperty(SupportsGet = true)] public string? Officer { get; set; }
    public IReadOnlyList<HtxFund.Loans.Officers.CreditOfficerView> Officers { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }

    public PagedResult<ApplicationSummary>? Items { get; private set; }

    public static readonly ApplicationStatus[] Statuses =
    [
        ApplicationStatus.Submitted, ApplicationStatus.Appraised, ApplicationStatus.ReturnedForInformation,
        ApplicationStatus.Approved, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn,
    ];

    public static readonly string[] Priorities = ["womenManaged", "ethnicMinorityArea", "ocopProduct", "agriculturalValueChain", "highTech"];

    public async Task OnGetAsync()
    {
        Status ??= nameof(ApplicationStatus.Submitted);
        var status = Status == "all" ? null : Status;
        Items = await Read<PagedResult<ApplicationSummary>>(q => ListApplicationsEndpoint.Get(status, Province, Sector,
            string.IsNullOrEmpty(Priority) ? null : Priority, null, null, null, LateOnly ? true : null,
            string.IsNullOrEmpty(Sort) ? null : Sort, PageNumber, 20, string.IsNullOrEmpty(Officer) ? null : Officer, User, q, Time, Ct));
        Officers = await HtxFund.Loans.Officers.ListCreditOfficersEndpoint.Get(User, Query, Ct);
    }

    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status, ["province"] = Province, ["sector"] = Sector, ["priority"] = Priority,
        ["lateOnly"] = LateOnly ? "true" : null, ["sort"] = Sort, ["officer"] = Officer, ["trang"] = page.ToString(),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();
}
