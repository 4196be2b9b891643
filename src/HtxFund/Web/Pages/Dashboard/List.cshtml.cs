using HtxFund.Dashboard;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Dashboard;

/// <summary>The loans behind one dashboard figure at the dashboard's cut (<c>GET /api/dashboard/loans</c>, same roles), with
/// their total, which is the figure, and the CSV export.</summary>
[Authorize(Roles = DashboardEndpoints.Readers)]
public sealed class ListModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Figure { get; set; }
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public long? Sequence { get; set; }
    [BindProperty(SupportsGet = true)] public string? Officer { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }

    public DashboardList? List { get; private set; }

    public async Task OnGetAsync()
    {
        List = await Read<DashboardList>(q => DashboardEndpoints.Loans(Figure, AsOf, Sequence, Officer, District, null, q, Time, Ct));
        if (Problem is not null) Refused(Problem, "");
    }

    /// <summary>The loan's page the user may open: the finance portal's for its roles, else the credit portal's (read-only).</summary>
    public string LoanLink(Guid loanId) => Navigation.FinanceRoles.Split(',').Any(User.IsInRole) ? $"/tai-chinh/khoan-vay/{loanId}" : $"/tin-dung/khoan-vay/{loanId}";

    public bool IsCount => List?.Figure == DashboardFigure.OverdueInspections;

    public string CsvLink => "/api/dashboard/loans" + QueryString.Create(new Dictionary<string, string?>
    {
        ["figure"] = Figure, ["asOf"] = AsOf, ["sequence"] = Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["officer"] = Officer, ["district"] = District, ["format"] = "csv",
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public string BackLink => "/bang-dieu-khien" + QueryString.Create(new Dictionary<string, string?>
    {
        ["asOf"] = AsOf, ["sequence"] = Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
