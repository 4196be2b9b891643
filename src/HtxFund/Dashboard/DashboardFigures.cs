using HtxFund.Lending.Portfolio;
using HtxFund.Reports.CapitalAdequacy;
using NodaTime;

namespace HtxFund.Dashboard;

/// <summary>The figures a tile shows and links to (<c>figure=</c> of <c>GET /api/dashboard/loans</c>).</summary>
public static class DashboardFigure
{
    public const string Outstanding = "outstanding";
    public const string DisbursedMonth = "disbursed_month";
    public const string DisbursedYear = "disbursed_year";
    public const string CollectedMonth = "collected_month";
    public const string CollectedYear = "collected_year";
    public const string Par1 = "par1";
    public const string Par30 = "par30";
    public const string Par90 = "par90";
    public const string Npl = "npl";
    public const string ProvisionsRequired = "provisions_required";
    public const string OverdueInspections = "overdue_inspections";

    public static readonly IReadOnlyList<string> All =
        [Outstanding, DisbursedMonth, DisbursedYear, CollectedMonth, CollectedYear, Par1, Par30, Par90, Npl, ProvisionsRequired, OverdueInspections];

    public static string Name(string figure) => figure switch
    {
        Outstanding => "Dư nợ cho vay",
        DisbursedMonth => "Giải ngân trong tháng",
        DisbursedYear => "Giải ngân từ đầu năm",
        CollectedMonth => "Thu nợ trong tháng",
        CollectedYear => "Thu nợ từ đầu năm",
        Par1 => "PAR1 (quá hạn trên 1 ngày)",
        Par30 => "PAR30 (quá hạn trên 30 ngày)",
        Par90 => "PAR90 (quá hạn trên 90 ngày)",
        Npl => "Nợ xấu (nhóm 3–5)",
        ProvisionsRequired => "Dự phòng phải trích",
        OverdueInspections => "Kiểm tra sử dụng vốn quá hạn",
        _ => figure,
    };
}

/// <summary>One loan of the cut as the dashboard counts it (from the capital-adequacy calculator's per-loan hook).</summary>
public sealed record DashboardLoan(Guid LoanId, string? ContractNumber, string BorrowerName, Guid? OfficerId, string OfficerName, string District,
    long Outstanding, int DaysPastDue, int? DebtGroup, long ProvisionRequired, long DisbursedInMonth, long DisbursedInYear,
    Collected CollectedInMonth, Collected CollectedInYear)
{
    public const string NoOfficer = "Chưa phân công";
    public const string NoDistrict = "Không rõ";

    public static DashboardLoan Of(LoanAtCut x) => new(x.Loan.Id, x.Loan.Contract?.ContractNumber, x.Loan.BorrowerName, x.Loan.Officer?.UserId,
        x.Loan.Officer?.UserName ?? NoOfficer, x.Cooperative?.District is { Length: > 0 } d ? d : NoDistrict,
        x.Outstanding, x.Outstanding > 0 ? x.DaysPastDue : 0, x.DebtGroup, x.ProvisionRequired, x.DisbursedInMonth, x.DisbursedInYear,
        x.CollectedInMonth, x.CollectedInYear);

    public bool IsNonPerforming => DebtGroup >= 3;

    /// <summary>What this loan adds to <paramref name="figure"/> (0 when it is not behind it).</summary>
    public long Contribution(string figure) => figure switch
    {
        DashboardFigure.Outstanding => Outstanding,
        DashboardFigure.DisbursedMonth => DisbursedInMonth,
        DashboardFigure.DisbursedYear => DisbursedInYear,
        DashboardFigure.CollectedMonth => CollectedInMonth.Total,
        DashboardFigure.CollectedYear => CollectedInYear.Total,
        DashboardFigure.Par1 => PortfolioAtRisk.AtRisk(Risk, 1),
        DashboardFigure.Par30 => PortfolioAtRisk.AtRisk(Risk, 30),
        DashboardFigure.Par90 => PortfolioAtRisk.AtRisk(Risk, 90),
        DashboardFigure.Npl => IsNonPerforming ? Outstanding : 0,
        DashboardFigure.ProvisionsRequired => ProvisionRequired,
        _ => 0,
    };

    public LoanAtRisk Risk => new(Outstanding, DaysPastDue);

    public string OfficerKey => OfficerId?.ToString() ?? "none";
}

/// <summary>An inspection of loan use not visited by the as-of date although due before it.</summary>
public sealed record OverdueInspection(Guid InspectionId, Guid LoanId, string? ContractNumber, string BorrowerName, long Amount, LocalDate DisbursedOn,
    LocalDate DueOn, int DaysOverdue, string OfficerKey, string OfficerName, string District);

/// <summary>Actual against the year's plan: <see cref="Percent"/> null when no target.</summary>
public sealed record AgainstPlan(long Actual, long? Target, decimal? Percent)
{
    public static AgainstPlan Of(long actual, long? target) => new(actual, target, target is > 0 ? PortfolioAtRisk.Percent(actual, target.Value) : null);
}

public sealed record PlanFigures(int Year, int? PlanVersion, AgainstPlan Outstanding, AgainstPlan DisbursedInYear, AgainstPlan CollectedInYear);

public sealed record PortfolioAtRiskView(long Par1, decimal? Par1Percent, long Par30, decimal? Par30Percent, long Par90, decimal? Par90Percent)
{
    public static PortfolioAtRiskView Of(PortfolioAtRiskFigures f) => new(f.Par1, f.Par1Percent, f.Par30, f.Par30Percent, f.Par90, f.Par90Percent);
}

/// <summary>Applications at one stage of the pipeline now, with their processing time against the target.</summary>
public sealed record PipelineStage(string Stage, string Name, int Count, long Amount, int Late, int DueSoon, decimal? AverageWorkingDays);

/// <summary>A breakdown row (an officer or a district).</summary>
public sealed record BreakdownRow(string Key, string Name, int Loans, long Outstanding, long Par30, decimal? Par30Percent, long Npl, decimal? NplPercent,
    int OverdueInspections);

/// <summary>
/// The dashboard of one fund as of <see cref="AsOf"/> from its events up to <see cref="Sequence"/>: the loan figures come from
/// the capital-adequacy calculator's single pass over the cut (so NPL, provisions and capital available to lend are the
/// report's own figures at the same cut); the pipeline (applications) and the inspections are read now.
/// </summary>
public sealed record DashboardView
{
    public required string FundId { get; init; }
    public required string FundName { get; init; }
    public required LocalDate AsOf { get; init; }
    public required long Sequence { get; init; }
    public required int Loans { get; init; }
    public required long Outstanding { get; init; }
    public required long DisbursedInMonth { get; init; }
    public required long DisbursedInYear { get; init; }
    public required Collected CollectedInMonth { get; init; }
    public required Collected CollectedInYear { get; init; }
    public required PlanFigures Plan { get; init; }
    public required PortfolioAtRiskView PortfolioAtRisk { get; init; }
    public required long Npl { get; init; }
    public required decimal? NplRatioPercent { get; init; }
    public required long ProvisionsRequired { get; init; }
    public required long ProvisionsHeld { get; init; }
    public required long AvailableToLend { get; init; }
    public required int OverdueInspections { get; init; }
    public required IReadOnlyList<PipelineStage> Pipeline { get; init; }
    public required IReadOnlyList<BreakdownRow> ByOfficer { get; init; }
    public required IReadOnlyList<BreakdownRow> ByDistrict { get; init; }

    /// <summary>The value of a figure a tile links to.</summary>
    public long Value(string figure) => figure switch
    {
        DashboardFigure.Outstanding => Outstanding,
        DashboardFigure.DisbursedMonth => DisbursedInMonth,
        DashboardFigure.DisbursedYear => DisbursedInYear,
        DashboardFigure.CollectedMonth => CollectedInMonth.Total,
        DashboardFigure.CollectedYear => CollectedInYear.Total,
        DashboardFigure.Par1 => PortfolioAtRisk.Par1,
        DashboardFigure.Par30 => PortfolioAtRisk.Par30,
        DashboardFigure.Par90 => PortfolioAtRisk.Par90,
        DashboardFigure.Npl => Npl,
        DashboardFigure.ProvisionsRequired => ProvisionsRequired,
        DashboardFigure.OverdueInspections => OverdueInspections,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };
}

/// <summary>A line of a figure's list: the loan (or, for overdue inspections, the inspection) and what it adds to the figure.</summary>
public sealed record DashboardListLine(Guid LoanId, Guid? InspectionId, string? ContractNumber, string BorrowerName, string OfficerName, string District,
    long Outstanding, int DaysPastDue, int? DebtGroup, long Amount);

/// <summary>The list behind a figure at the same cut: <see cref="Total"/> is the figure (for overdue inspections the figure is
/// <see cref="Count"/> and <see cref="Total"/> the tranches' amount).</summary>
public sealed record DashboardList(string Figure, string Name, LocalDate AsOf, long Sequence, string? Officer, string? District,
    IReadOnlyList<DashboardListLine> Lines, int Count, long Total);

public sealed record ConsolidatedDashboardFund(string FundId, string FundName, long Sequence, DashboardView Dashboard);

/// <summary>The central fund's view: each provincial fund's dashboard (each computed in its own tenant session) and the
/// total: amounts and counts summed, ratios recomputed from the sums.</summary>
public sealed record ConsolidatedDashboard(LocalDate AsOf, string CentralFundId, string CentralFundName, IReadOnlyList<ConsolidatedDashboardFund> Funds,
    DashboardView Total);
