using HtxFund.Funds;
using Marten;
using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>One reporting fund's column: which fund, and the event sequence and policy version its figures come from.</summary>
public sealed record ConsolidatedFund(string FundId, string FundName, long HighestSequence, int PolicyVersion);

/// <summary>The consolidated report: the funds in column order, then the table (one value column per fund, the total last).</summary>
public sealed record ConsolidatedCapitalAdequacy(LocalDate AsOf, string CentralFundId, string CentralFundName, IReadOnlyList<ConsolidatedFund> Funds,
    FigureTable Table);

/// <summary>
/// Consolidation for the central fund (Decree 45/2021 Art 44.2: a local fund reports to the central fund, which
/// consolidates). The funds that report to a central fund are <b>every provincial fund of the deployment</b> (one
/// deployment serves one central fund); each is computed in its own tenant session, so no provincial data crosses
/// into another province's view. The total column sums money and counts; the ratios are recomputed from the summed
/// figures (NPL ratio, month-end NPL ratios, outstanding / equity); figures that do not add up across funds (limits,
/// the threshold flag) are left empty in the total; the ranked largest exposures of each fund stay in its own report.
/// </summary>
public static class Consolidation
{
    public const string TotalColumn = "Tổng cộng";

    public static async Task<IReadOnlyList<Fund>> ReportingFundsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Fund>().Where(f => f.Kind == FundKind.Provincial).ToListAsync(ct)).OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The caller's fund when it is a central fund (else null: the caller may not consolidate) and the funds reporting to it.</summary>
    public static async Task<(Fund? Central, IReadOnlyList<Fund> Funds)> CentralAndReportingFundsAsync(IDocumentStore store, string callerFund,
        CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var own = await query.LoadAsync<Fund>(callerFund, ct);
        return (own?.Kind == FundKind.Central ? own : null, await ReportingFundsAsync(query, ct));
    }

    public static async Task<ConsolidatedCapitalAdequacy> ComputeAsync(IDocumentStore store, Fund central, IReadOnlyList<Fund> funds, LocalDate asOf,
        CancellationToken ct)
    {
        var reports = new List<CapitalAdequacyReport>();
        foreach (var fund in funds)
        {
            await using var session = store.QuerySession(fund.Id);
            reports.Add(await CapitalAdequacyService.ComputeAsync(session, asOf, null, ct));
        }
        return new ConsolidatedCapitalAdequacy(asOf, central.Id, central.Name,
            reports.Select(r => new ConsolidatedFund(r.FundId, r.FundName, r.HighestSequence, r.PolicyVersion)).ToArray(), Table(reports));
    }

    public static FigureTable Table(IReadOnlyList<CapitalAdequacyReport> reports)
    {
        var rows = new List<ReportFigure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in reports.SelectMany(r => r.Figures).Where(f => !f.Code.StartsWith("exposure.", StringComparison.Ordinal)))
            if (seen.Add(f.Code)) rows.Add(f);
        var byFund = reports.Select(r => r.Figures.ToDictionary(f => f.Code, f => f.Value)).ToArray();
        decimal Sum(string code) => byFund.Sum(d => d.GetValueOrDefault(code));
        decimal? Total(ReportFigure f)
        {
            if (f.Code.StartsWith("limits.", StringComparison.Ordinal)
                || f.Code == "equity.below_threshold") return null;
            if (f.Unit != FigureUnit.Percent) return Sum(f.Code);
            if (f.Code == "portfolio.npl_ratio") return CapitalAdequacyCalculator.Ratio((long)Sum("portfolio.npl"), (long)Sum("portfolio.outstanding"));
            if (f.Code == "equity.outstanding_to_equity")
                return CapitalAdequacyCalculator.Ratio((long)Sum("portfolio.outstanding"), (long)Sum("capital.equity"));
            if (f.Code.StartsWith("trend.", StringComparison.Ordinal) && f.Code.EndsWith(".npl_ratio", StringComparison.Ordinal))
            {
                var month = f.Code["trend.".Length..^".npl_ratio".Length];
                return CapitalAdequacyCalculator.Ratio((long)Sum($"trend.{month}.npl"), (long)Sum($"trend.{month}.outstanding"));
            }
            return null;
        }
        var columns = reports.Select(r => r.FundName).Append(TotalColumn).ToArray();
        return new FigureTable(columns, rows.Select(f => new FigureRow(f.Code, f.Section, f.Label, f.Unit,
            byFund.Select(d => d.TryGetValue(f.Code, out var v) ? v : (decimal?)null).Append(Total(f)).ToArray())).ToArray());
    }
}
