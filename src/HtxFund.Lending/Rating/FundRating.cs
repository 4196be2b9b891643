namespace HtxFund.Lending.Rating;

/// <summary>A fund's (or one KPI's) rating under Circular 52/2022/TT-BTC Art 14–15 (Decree 45/2021 Art 45).</summary>
public enum Grade { A, B, C }

/// <summary>The four KPIs a cooperative development fund is rated on (DOMAIN.md §1.8, Circular 52/2022 Art 14):
/// loan-book growth, the NPL ratio (groups 3–5), the financial result and legal compliance.</summary>
public enum Kpi { LoanBookGrowth, NplRatio, FinancialResult, LegalCompliance }

/// <summary>The year's legal-compliance finding, entered by the fund (the system cannot observe it): no violation,
/// violations found and remedied, or violations sanctioned.</summary>
public enum ComplianceFinding { NoViolation, ViolationsRemedied, ViolationsSanctioned }

/// <summary>The plan figures of the year: the loan book (outstanding principal) planned at the year end, the NPL
/// ratio not to exceed (%), and the financial result planned for the year (may be negative: a planned loss).</summary>
public sealed record RatingTargets(Money OutstandingPrincipal, decimal NplRatioPercent, Money FinancialResult);

/// <summary>What the fund achieved by the cut-off.</summary>
public sealed record RatingActuals(Money OutstandingPrincipal, decimal NplRatioPercent, Money FinancialResult, ComplianceFinding Compliance);

/// <summary>The B band: within <see cref="LowerBandPercent"/> % of a "higher is better" plan, or within
/// <see cref="NplUpperBandPercent"/> % of the planned NPL ratio. Defaults from Circular 52/2022 Art 14–15 (DOMAIN.md).</summary>
public sealed record RatingBands(decimal LowerBandPercent = 90m, decimal NplUpperBandPercent = 110m)
{
    public static readonly RatingBands Default = new();
}

/// <summary>One KPI: its plan, its actual (as text-free numbers; compliance has none) and its grade.</summary>
public sealed record KpiGrade(Kpi Kpi, decimal? Plan, decimal? Actual, Grade Grade);

public sealed record FundRatingResult(Grade Overall, IReadOnlyList<KpiGrade> Kpis);

/// <summary>
/// The fund rating decision, pure. Per KPI (Circular 52/2022 Art 14–15, DOMAIN.md §1.8): <b>A</b> when the plan is met,
/// <b>B</b> when at least 90 % of the plan is reached (for the NPL ratio: at most 110 % of the planned ratio), <b>C</b>
/// otherwise. A "higher is better" plan that is negative (a planned loss) gets the same 10 % band on its size:
/// B from plan − 10 % × |plan|. Legal compliance: no violation A, remedied B, sanctioned C.
/// <para>Overall: the worst of the four KPIs (A only when all four are A; C when any is C). The circular's exact
/// aggregation wording was not available to us (DOMAIN.md gives only the per-KPI rule): this conservative reading is
/// our choice and is documented in the README.</para>
/// </summary>
public static class FundRating
{
    public static FundRatingResult Rate(RatingTargets plan, RatingActuals actual, RatingBands? bands = null)
    {
        bands ??= RatingBands.Default;
        var kpis = new[]
        {
            new KpiGrade(Kpi.LoanBookGrowth, plan.OutstandingPrincipal.Dong, actual.OutstandingPrincipal.Dong,
                HigherIsBetter(plan.OutstandingPrincipal.Dong, actual.OutstandingPrincipal.Dong, bands.LowerBandPercent)),
            new KpiGrade(Kpi.NplRatio, plan.NplRatioPercent, actual.NplRatioPercent,
                LowerIsBetter(plan.NplRatioPercent, actual.NplRatioPercent, bands.NplUpperBandPercent)),
            new KpiGrade(Kpi.FinancialResult, plan.FinancialResult.Dong, actual.FinancialResult.Dong,
                HigherIsBetter(plan.FinancialResult.Dong, actual.FinancialResult.Dong, bands.LowerBandPercent)),
            new KpiGrade(Kpi.LegalCompliance, null, null, Compliance(actual.Compliance)),
        };
        return new FundRatingResult(kpis.Max(k => k.Grade), kpis);
    }

    /// <summary>A when actual ≥ plan; B when actual ≥ plan − (100 − band) % × |plan|; else C.</summary>
    public static Grade HigherIsBetter(decimal plan, decimal actual, decimal lowerBandPercent = 90m)
    {
        if (actual >= plan) return Grade.A;
        return actual >= plan - Math.Abs(plan) * (100m - lowerBandPercent) / 100m ? Grade.B : Grade.C;
    }

    /// <summary>A when actual ≤ plan; B when actual ≤ plan × band % (plan ≥ 0); else C.</summary>
    public static Grade LowerIsBetter(decimal plan, decimal actual, decimal upperBandPercent = 110m)
    {
        if (actual <= plan) return Grade.A;
        return actual <= plan + Math.Abs(plan) * (upperBandPercent - 100m) / 100m ? Grade.B : Grade.C;
    }

    public static Grade Compliance(ComplianceFinding finding) => finding switch
    {
        ComplianceFinding.NoViolation => Grade.A,
        ComplianceFinding.ViolationsRemedied => Grade.B,
        _ => Grade.C,
    };

    /// <summary>The NPL ratio in % (groups 3–5 over all outstanding principal), rounded to 2 decimals; 0 with no loans.</summary>
    public static decimal NplRatioPercent(Money nonPerforming, Money outstanding) =>
        outstanding.IsZero ? 0m : Math.Round(nonPerforming.Dong * 100m / outstanding.Dong, 2, MidpointRounding.AwayFromZero);

    public static string DisplayName(this Kpi kpi) => kpi switch
    {
        Kpi.LoanBookGrowth => "Tăng trưởng dư nợ cho vay (dư nợ cuối kỳ so với kế hoạch)",
        Kpi.NplRatio => "Tỷ lệ nợ xấu (nhóm 3–5)",
        Kpi.FinancialResult => "Kết quả tài chính (chênh lệch thu chi)",
        Kpi.LegalCompliance => "Chấp hành pháp luật",
        _ => kpi.ToString(),
    };

    public static string DisplayName(this ComplianceFinding finding) => finding switch
    {
        ComplianceFinding.NoViolation => "Không có vi phạm",
        ComplianceFinding.ViolationsRemedied => "Có vi phạm, đã khắc phục",
        ComplianceFinding.ViolationsSanctioned => "Có vi phạm bị xử lý",
        _ => finding.ToString(),
    };
}
