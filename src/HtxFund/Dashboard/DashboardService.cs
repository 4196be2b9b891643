using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Funds;
using HtxFund.Inspections;
using HtxFund.Lending.Portfolio;
using HtxFund.Plans;
using HtxFund.Policy;
using HtxFund.Reports.CapitalAdequacy;
using Marten;
using NodaTime;

namespace HtxFund.Dashboard;

/// <summary>The dashboard of the session's fund at an event cut, with the loans and inspections behind its figures.</summary>
public sealed record DashboardResult(DashboardView View, IReadOnlyList<DashboardLoan> Loans, IReadOnlyList<OverdueInspection> Inspections)
{
    /// <summary>The list behind <paramref name="figure"/>, optionally for one officer (<see cref="DashboardLoan.OfficerKey"/>) or district.</summary>
    public DashboardList List(string figure, string? officer, string? district)
    {
        bool Keep(string officerKey, string d) => (officer is null || officer == officerKey) && (district is null || district == d);
        DashboardListLine[] lines;
        if (figure == DashboardFigure.OverdueInspections)
            lines = Inspections.Where(i => Keep(i.OfficerKey, i.District)).OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.InspectionId)
                .Select(i => new DashboardListLine(i.LoanId, i.InspectionId, i.ContractNumber, i.BorrowerName, i.OfficerName, i.District, 0,
                    i.DaysOverdue, null, i.Amount)).ToArray();
        else
            lines = Loans.Where(l => Keep(l.OfficerKey, l.District)).Select(l => (Loan: l, Amount: l.Contribution(figure))).Where(x => x.Amount != 0)
                .OrderByDescending(x => x.Amount).ThenBy(x => x.Loan.LoanId)
                .Select(x => new DashboardListLine(x.Loan.LoanId, null, x.Loan.ContractNumber, x.Loan.BorrowerName, x.Loan.OfficerName, x.Loan.District,
                    x.Loan.Outstanding, x.Loan.DaysPastDue, x.Loan.DebtGroup, x.Amount)).ToArray();
        return new DashboardList(figure, DashboardFigure.Name(figure), View.AsOf, View.Sequence, officer, district, lines, lines.Length,
            lines.Sum(l => l.Amount));
    }
}

public static class DashboardService
{
    /// <summary>The stages of the pipeline (applications submitted and not yet decided), in the order a file moves.</summary>
    public static readonly IReadOnlyList<(string Stage, string Name)> Stages =
    [
        ("submitted", "Đã nộp, chờ thẩm định"),
        ("returned", "Trả lại để bổ sung"),
        ("appraised", "Đã thẩm định, chờ biểu quyết"),
        ("voting", "Đang biểu quyết"),
    ];

    /// <summary>The dashboard of the session's fund as of <paramref name="asOf"/> from the events up to <paramref name="sequence"/>
    /// (default: every event now). The loan figures come from one pass of <see cref="CapitalAdequacyCalculator"/> over the cut;
    /// the pipeline is the applications now (processing time to <paramref name="today"/>), the inspections the documents now
    /// (of the tranches scheduled at the cut).</summary>
    public static async Task<DashboardResult> ComputeAsync(IQuerySession session, LocalDate asOf, long? sequence, LocalDate today, CancellationToken ct)
    {
        var cut = sequence is { } s ? new EventCut(session, s) : await EventCut.NowAsync(session, ct);
        var loans = new List<DashboardLoan>();
        var report = await CapitalAdequacyCalculator.ComputeAsync(cut, asOf, ct, eachLoanAtCut: x => loans.Add(DashboardLoan.Of(x)));
        var byId = loans.ToDictionary(l => l.LoanId);

        // inspections due before the as-of date of tranches scheduled at the cut, not visited by then
        // (every inspection document of the fund, filtered here: Marten's LINQ does not compare NodaTime dates; one a tranche)
        var due = (await session.Query<LoanUseInspection>().ToListAsync(ct)).Where(i => i.DueOn < asOf).ToArray();
        var scheduled = due.Length == 0 ? new HashSet<Guid>() : await cut.StartedAsync(due.Select(i => i.Id).ToArray(), ct);
        var inspections = due.Where(i => scheduled.Contains(i.Id) && i.IsOverdueAt(asOf) && byId.ContainsKey(i.LoanId)).Select(i =>
        {
            var loan = byId[i.LoanId];
            return new OverdueInspection(i.Id, i.LoanId, i.ContractNumber, i.BorrowerName, i.Amount, i.DisbursedOn, i.DueOn,
                Period.Between(i.DueOn, asOf, PeriodUnits.Days).Days, loan.OfficerKey, loan.OfficerName, loan.District);
        }).ToArray();

        var plan = await cut.AggregateAsync<AnnualPlan>(AnnualPlans.StreamId(asOf.Year), ct);
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var applications = await session.Query<ApplicationDetails>()
            .Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.ReturnedForInformation || a.Status == ApplicationStatus.Appraised)
            .ToListAsync(ct);
        var pipeline = Stages.Select(stage =>
        {
            var at = applications.Where(a => StageOf(a) == stage.Stage).ToArray();
            var times = at.Select(a => ProcessingTime.Of(a.CompleteFileDate, a.DecidedOn, a.Request.TermMonths, today, policy)).ToArray();
            var timed = times.Where(t => t.CompleteFileDate is not null).ToArray();
            return new PipelineStage(stage.Stage, stage.Name, at.Length, at.Sum(a => a.Amount), times.Count(t => t.Late), times.Count(t => t.DueSoon),
                timed.Length == 0 ? null : Math.Round((decimal)timed.Average(t => t.WorkingDays), 1, MidpointRounding.AwayFromZero));
        }).ToArray();

        var par = PortfolioAtRisk.Of(loans.Select(l => l.Risk));
        var inYear = loans.Aggregate(Collected.None, (c, l) => c + l.CollectedInYear);
        var disbursedInYear = loans.Sum(l => l.DisbursedInYear);
        var view = new DashboardView
        {
            FundId = report.FundId,
            FundName = report.FundName,
            AsOf = asOf,
            Sequence = cut.HighestSequence,
            Loans = report.Loans,
            Outstanding = report.Outstanding,
            DisbursedInMonth = loans.Sum(l => l.DisbursedInMonth),
            DisbursedInYear = disbursedInYear,
            CollectedInMonth = loans.Aggregate(Collected.None, (c, l) => c + l.CollectedInMonth),
            CollectedInYear = inYear,
            Plan = new PlanFigures(asOf.Year, plan?.Version, AgainstPlan.Of(report.Outstanding, plan?.Figures.OutstandingPrincipalTarget),
                AgainstPlan.Of(disbursedInYear, plan?.Figures.DisbursementTarget), AgainstPlan.Of(inYear.Total, plan?.Figures.CollectionTarget)),
            PortfolioAtRisk = PortfolioAtRiskView.Of(par),
            Npl = report.NonPerforming,
            NplRatioPercent = report.NplRatioPercent,
            ProvisionsRequired = report.ProvisionsRequired,
            ProvisionsHeld = report.ProvisionsHeld,
            AvailableToLend = report.AvailableToLend,
            OverdueInspections = inspections.Length,
            Pipeline = pipeline,
            ByOfficer = Breakdown(loans, inspections, l => l.OfficerKey, l => l.OfficerName, i => i.OfficerKey, i => i.OfficerName),
            ByDistrict = Breakdown(loans, inspections, l => l.District, l => l.District, i => i.District, i => i.District),
        };
        return new DashboardResult(view, loans, inspections);
    }

    /// <summary>The central fund's dashboard: every provincial fund's in its own tenant session, and their total.</summary>
    public static async Task<ConsolidatedDashboard> ConsolidatedAsync(IDocumentStore store, Fund central, IReadOnlyList<Fund> funds, LocalDate asOf,
        LocalDate today, CancellationToken ct)
    {
        var each = new List<ConsolidatedDashboardFund>();
        foreach (var fund in funds)
        {
            await using var session = store.QuerySession(fund.Id);
            var view = (await ComputeAsync(session, asOf, null, today, ct)).View;
            each.Add(new ConsolidatedDashboardFund(fund.Id, view.FundName, view.Sequence, view));
        }
        return new ConsolidatedDashboard(asOf, central.Id, central.Name, each, Total(central, asOf, each.Select(f => f.Dashboard).ToArray()));
    }

    /// <summary>The sum of several funds' dashboards: amounts and counts added, ratios recomputed from the sums; the breakdowns
    /// by officer and district stay in each fund's own dashboard.</summary>
    public static DashboardView Total(Fund central, LocalDate asOf, IReadOnlyList<DashboardView> views)
    {
        long Sum(Func<DashboardView, long> f) => views.Sum(f);
        long? SumOrNull(Func<DashboardView, long?> f) => views.Any(v => f(v) is not null) ? views.Sum(v => f(v) ?? 0) : null;
        var par = new PortfolioAtRiskFigures(Sum(v => v.Outstanding), Sum(v => v.PortfolioAtRisk.Par1), Sum(v => v.PortfolioAtRisk.Par30),
            Sum(v => v.PortfolioAtRisk.Par90));
        var inYear = views.Aggregate(Collected.None, (c, v) => c + v.CollectedInYear);
        return new DashboardView
        {
            FundId = central.Id,
            FundName = central.Name,
            AsOf = asOf,
            Sequence = 0,
            Loans = views.Sum(v => v.Loans),
            Outstanding = par.Total,
            DisbursedInMonth = Sum(v => v.DisbursedInMonth),
            DisbursedInYear = Sum(v => v.DisbursedInYear),
            CollectedInMonth = views.Aggregate(Collected.None, (c, v) => c + v.CollectedInMonth),
            CollectedInYear = inYear,
            Plan = new PlanFigures(asOf.Year, null, AgainstPlan.Of(par.Total, SumOrNull(v => v.Plan.Outstanding.Target)),
                AgainstPlan.Of(Sum(v => v.DisbursedInYear), SumOrNull(v => v.Plan.DisbursedInYear.Target)),
                AgainstPlan.Of(inYear.Total, SumOrNull(v => v.Plan.CollectedInYear.Target))),
            PortfolioAtRisk = PortfolioAtRiskView.Of(par),
            Npl = Sum(v => v.Npl),
            NplRatioPercent = CapitalAdequacyCalculator.Ratio(Sum(v => v.Npl), par.Total),
            ProvisionsRequired = Sum(v => v.ProvisionsRequired),
            ProvisionsHeld = Sum(v => v.ProvisionsHeld),
            AvailableToLend = Sum(v => v.AvailableToLend),
            OverdueInspections = views.Sum(v => v.OverdueInspections),
            Pipeline = Stages.Select(s =>
            {
                var at = views.Select(v => v.Pipeline.First(p => p.Stage == s.Stage)).ToArray();
                var count = at.Sum(p => p.Count);
                return new PipelineStage(s.Stage, s.Name, count, at.Sum(p => p.Amount), at.Sum(p => p.Late), at.Sum(p => p.DueSoon), null);
            }).ToArray(),
            ByOfficer = [],
            ByDistrict = [],
        };
    }

    private static string? StageOf(ApplicationDetails a) => a.Status switch
    {
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.ReturnedForInformation => "returned",
        ApplicationStatus.Appraised => a.Votes.Count > 0 ? "voting" : "appraised",
        _ => null,
    };

    private static BreakdownRow[] Breakdown(IReadOnlyList<DashboardLoan> loans, IReadOnlyList<OverdueInspection> inspections,
        Func<DashboardLoan, string> key, Func<DashboardLoan, string> name, Func<OverdueInspection, string> inspectionKey,
        Func<OverdueInspection, string> inspectionName)
    {
        var rows = new Dictionary<string, (string Name, int Loans, long Outstanding, long Par30, long Npl, int Inspections)>(StringComparer.Ordinal);
        foreach (var l in loans.Where(l => l.Outstanding > 0))
        {
            var r = rows.GetValueOrDefault(key(l), (name(l), 0, 0, 0, 0, 0));
            rows[key(l)] = (r.Name, r.Loans + 1, r.Outstanding + l.Outstanding, r.Par30 + l.Contribution(DashboardFigure.Par30),
                r.Npl + l.Contribution(DashboardFigure.Npl), r.Inspections);
        }
        foreach (var i in inspections)
        {
            var r = rows.GetValueOrDefault(inspectionKey(i), (inspectionName(i), 0, 0, 0, 0, 0));
            rows[inspectionKey(i)] = r with { Inspections = r.Inspections + 1 };
        }
        return rows.OrderByDescending(r => r.Value.Outstanding).ThenBy(r => r.Value.Name, StringComparer.Ordinal).Select(r =>
            new BreakdownRow(r.Key, r.Value.Name, r.Value.Loans, r.Value.Outstanding, r.Value.Par30, PortfolioAtRisk.Percent(r.Value.Par30, r.Value.Outstanding),
                r.Value.Npl, PortfolioAtRisk.Percent(r.Value.Npl, r.Value.Outstanding), r.Value.Inspections)).ToArray();
    }
}
