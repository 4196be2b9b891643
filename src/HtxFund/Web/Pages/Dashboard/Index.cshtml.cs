using System.Text.Json;
using HtxFund.Dashboard;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Dashboard;

/// <summary>The dashboard of the board, the Director and finance (<c>GET /api/dashboard</c>, same roles): figure tiles, each a
/// link to the list of loans behind it at the same cut (as-of date and event sequence), tables by officer and district, the
/// pipeline, and charts drawn in the browser by Chart.js from the JSON in the page.</summary>
[Authorize(Roles = DashboardEndpoints.Readers)]
public sealed class IndexModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public long? Sequence { get; set; }

    public DashboardView? View { get; private set; }

    public async Task OnGetAsync()
    {
        AsOf = string.IsNullOrWhiteSpace(AsOf) ? Time.Today.ToString("yyyy-MM-dd", null) : AsOf.Trim();
        View = await Read<DashboardView>(q => DashboardEndpoints.Get(AsOf, Sequence, q, Time, Ct));
        if (Problem is not null) Refused(Problem, "");
    }

    /// <summary>The list behind a figure at this dashboard's cut.</summary>
    public string ListLink(string figure, string? officer = null, string? district = null) =>
        "/bang-dieu-khien/danh-sach" + QueryString.Create(new Dictionary<string, string?>
        {
            ["figure"] = figure, ["asOf"] = View!.AsOf.ToString("yyyy-MM-dd", null), ["sequence"] = View.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["officer"] = officer, ["district"] = district,
        }.Where(kv => kv.Value is not null));

    /// <summary>This dashboard again, at the same cut (a link that gives the same figures after later events).</summary>
    /// <summary>The same cut as a PDF (<c>GET /api/dashboard.pdf</c>).</summary>
    public string PdfLink => $"/api/dashboard.pdf?asOf={View!.AsOf:yyyy-MM-dd}&sequence={View.Sequence}";

    public string Permalink => $"/bang-dieu-khien?asOf={View!.AsOf:yyyy-MM-dd}&sequence={View.Sequence}";

    /// <summary>What the charts draw (read by wwwroot/js/dashboard.js; the CSP allows no inline script, so it is data only).</summary>
    public string ChartData()
    {
        var v = View!;
        const double million = 1_000_000;
        return JsonSerializer.Serialize(new
        {
            par = new
            {
                title = Text("Danh mục có rủi ro (% dư nợ)"),
                labels = new[] { "PAR1", "PAR30", "PAR90", Text("Nợ xấu") },
                values = new[] { v.PortfolioAtRisk.Par1Percent ?? 0, v.PortfolioAtRisk.Par30Percent ?? 0, v.PortfolioAtRisk.Par90Percent ?? 0, v.NplRatioPercent ?? 0 },
                unit = "%",
            },
            officers = new
            {
                title = Text("Dư nợ và PAR30 theo cán bộ (triệu đồng)"),
                labels = v.ByOfficer.Select(o => o.Name).ToArray(),
                series = new[]
                {
                    new { label = Text("Dư nợ"), values = v.ByOfficer.Select(o => Math.Round(o.Outstanding / million, 1)).ToArray() },
                    new { label = "PAR30", values = v.ByOfficer.Select(o => Math.Round(o.Par30 / million, 1)).ToArray() },
                },
            },
            districts = new
            {
                title = Text("Dư nợ và nợ xấu theo huyện (triệu đồng)"),
                labels = v.ByDistrict.Select(o => o.Name).ToArray(),
                series = new[]
                {
                    new { label = Text("Dư nợ"), values = v.ByDistrict.Select(o => Math.Round(o.Outstanding / million, 1)).ToArray() },
                    new { label = Text("Nợ xấu"), values = v.ByDistrict.Select(o => Math.Round(o.Npl / million, 1)).ToArray() },
                },
            },
        });
    }
}
