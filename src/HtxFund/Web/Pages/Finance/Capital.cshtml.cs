using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Documents.Charts;
using HtxFund.Loans.Listing;
using HtxFund.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using NodaTime;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// The fund's capital dashboard: the position today (the figures of GET /api/capital, by the same <see cref="CapitalPosition"/> computation), and charts drawn as inline SVG by the same chart
/// code as the PDFs: capital, outstanding principal and cash at the end of each of the last six months (the same
/// <see cref="CapitalPosition"/> computation as the API), the distribution of today's outstanding principal by debt
/// group and the NPL ratio (groups 3–5) month by month, from the portfolio valued as of each date by the API's listing.
/// </summary>
[Authorize(Roles = HtxFund.Identity.Roles.Staff)]
public sealed class CapitalModel : StaffPage
{
    public CapitalPosition? Position { get; private set; }
    public string? CapitalChart { get; private set; }
    public string? GroupChart { get; private set; }
    public string? NplChart { get; private set; }
    public IReadOnlyList<(LocalDate Date, CapitalPosition Position)> Months { get; private set; } = [];
    public IReadOnlyList<(int Group, long Outstanding)> Groups { get; private set; } = [];
    public IReadOnlyList<(LocalDate Date, decimal Percent)> Npl { get; private set; } = [];

    private const double Million = 1_000_000;

    public async Task OnGetAsync()
    {
        var today = Time.Today;
        var dates = Enumerable.Range(1, 5).Reverse()
            .Select(n => today.PlusMonths(-n).With(DateAdjusters.EndOfMonth)).Append(today).ToArray();

        var ledger = await FundCapital.LedgerAsync(Query, Ct);
        var months = new List<(LocalDate, CapitalPosition)>();
        var npl = new List<(LocalDate, decimal)>();
        IReadOnlyList<LoanSummary> latest = [];
        foreach (var date in dates)
        {
            months.Add((date, CapitalPosition.Of(ledger, date, await FundCapital.CommittedAsOfAsync(Query, date, Ct))));
            latest = await ListLoansEndpoint.SummariesAsync(new ListLoansEndpoint.Query(null, null, null, null, "contract", date), User, Query, Ct);
            var total = latest.Sum(l => l.PrincipalOutstanding);
            var bad = latest.Where(l => l.DebtGroup >= 3).Sum(l => l.PrincipalOutstanding);
            npl.Add((date, total == 0 ? 0 : Math.Round(bad * 100m / total, 2)));
        }
        Months = months;
        Position = months[^1].Item2; // today's (the last date), without the ledger lines the page does not show
        Npl = npl;
        Groups = Enumerable.Range(1, 5).Select(g => (g, latest.Where(l => l.DebtGroup == g).Sum(l => l.PrincipalOutstanding))).ToArray();

        var fonts = Service<IConfiguration>()[Documents.PdfDocumentOptions.FontFolderKey];
        string[] labels = Months.Select(m => m.Date == today ? Text("Hôm nay") : m.Date.ToString("MM/yyyy", null)).ToArray();
        CapitalChart = ChartSvg.Render(new LineChart(Text("Vốn, dư nợ và tiền mặt"), labels,
        [
            new ChartSeries(Text("Vốn điều lệ thực có"), Months.Select(m => m.Position.ActualCharterCapital.Dong / Million).ToArray()),
            new ChartSeries(Text("Dư nợ gốc"), Months.Select(m => m.Position.OutstandingPrincipal.Dong / Million).ToArray()),
            new ChartSeries(Text("Tiền mặt"), Months.Select(m => m.Position.CashAvailable.Dong / Million).ToArray()),
        ]) { ValueAxisLabel = Text("Triệu đồng") }, widthPoints: 400, fontFolder: fonts);
        GroupChart = ChartSvg.Render(new BarChart(Text("Dư nợ theo nhóm nợ"), Groups.Select(g => string.Format(Text("Nhóm {0}"), g.Group)).ToArray(),
            [new ChartSeries(Text("Dư nợ gốc"), Groups.Select(g => g.Outstanding / Million).ToArray())]) { ValueAxisLabel = Text("Triệu đồng") }, widthPoints: 400, fontFolder: fonts);
        NplChart = ChartSvg.Render(new LineChart(Text("Tỷ lệ nợ xấu (nhóm 3–5)"), labels,
            [new ChartSeries(Text("Nợ xấu / dư nợ (%)"), Npl.Select(n => (double)n.Percent).ToArray(), Documents.DocumentColor.FromHex("#C00000"))])
            { ValueAxisLabel = "%" }, widthPoints: 400, fontFolder: fonts);
    }
}
