using System.Security.Claims;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Documents.Letters;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Lending.Rating;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Plans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace HtxFund.Reports.Rating;

/// <summary>One KPI of the rating as people read it: plan, actual (đồng or %, as text and as numbers), grade.</summary>
public sealed record KpiRatingLine(Kpi Kpi, string Name, decimal? Plan, decimal? Actual, string PlanText, string ActualText, Grade Grade);

/// <summary>
/// The fund's rating A/B/C for <see cref="Year"/> on the four KPIs of Circular 52/2022 Art 14–15 against the plan
/// entered by the fund (<see cref="PlanVersion"/>), with figures as of <see cref="AsOf"/> (31/12, or a date within the
/// year for the year to date: <see cref="YearToDate"/>). Actuals come from the same computation as the lending
/// activity report (<see cref="LendingActivity"/>): loan book and NPL ratio valued by the Lending engine at the date,
/// financial result = interest income recognised in the year (accrual basis, Circular 52/2022 Art 5.2: <see cref="ActivityFigures.Interest"/>)
/// − provisions booked in the year − principal taken off the balance sheet in the year that its provisions did not cover
/// + money recovered on loans off the balance sheet in the year. The year's risk handling is shown beside it: principal
/// taken off the balance sheet and money recovered.
/// </summary>
public sealed record FundRatingView(
    int Year,
    LocalDate AsOf,
    bool YearToDate,
    int PlanVersion,
    AnnualPlanFigures Plan,
    Grade Overall,
    IReadOnlyList<KpiRatingLine> Kpis,
    long OutstandingAtStartOfYear,
    int PolicyVersion,
    long PrincipalOffBalanceInYear = 0,
    long RecoveredInYear = 0);

public static class FundRatings
{
    public static async Task<FundRatingView> ComputeAsync(IDocumentStore store, string fundId, AnnualPlan plan, LocalDate asOf, CancellationToken ct,
        long? sequence = null)
    {
        var f = await LendingActivity.ComputeAsync(store, fundId, new LocalDate(plan.Year, 1, 1), asOf, ct, sequence);
        var p = plan.Figures;
        var rating = FundRating.Rate(p.ToTargets(),
            new RatingActuals(Money.Of(f.OutstandingAtCutOff), f.NplRatioPercent, Money.Of(f.FinancialResult), p.Compliance));
        var lines = rating.Kpis.Select(k => new KpiRatingLine(k.Kpi, k.Kpi.DisplayName(), k.Plan, k.Actual,
            k.Kpi switch
            {
                Kpi.NplRatio => $"≤ {VietnameseFormat.Percent(p.NplRatioPercentMax)}",
                Kpi.LegalCompliance => "Không có vi phạm",
                _ => VietnameseFormat.Money(Money.Of((long)k.Plan!.Value)),
            },
            k.Kpi switch
            {
                Kpi.NplRatio => VietnameseFormat.Percent(f.NplRatioPercent),
                Kpi.LegalCompliance => p.Compliance.DisplayName(),
                _ => VietnameseFormat.Money(Money.Of((long)k.Actual!.Value)),
            }, k.Grade)).ToArray();
        return new FundRatingView(plan.Year, asOf, asOf < new LocalDate(plan.Year, 12, 31), plan.Version, p, rating.Overall, lines,
            f.OutstandingAtStart, f.PolicyVersion, f.PrincipalOffBalanceInPeriod, f.RecoveredInPeriod);
    }

    public static byte[] Csv(FundRatingView v) => ReportDocuments.Csv(
        new[] { new object?[] { "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Xếp loại" } }
            .Concat(v.Kpis.Select(k => new object?[] { k.Name, k.Plan?.ToString() ?? k.PlanText, k.Actual?.ToString() ?? k.ActualText, k.Grade.ToString() }))
            .Append(["Xếp loại chung", null, null, v.Overall.ToString()])
            .Append(["Dư nợ gốc đã xử lý rủi ro trong năm", null, v.PrincipalOffBalanceInYear.ToString(System.Globalization.CultureInfo.InvariantCulture), null])
            .Append(["Thu hồi nợ đã xử lý trong năm", null, v.RecoveredInYear.ToString(System.Globalization.CultureInfo.InvariantCulture), null]));

    public static byte[] Pdf(FundRatingView v, ReportIssuer issuer, LocalDate today, Instant now, string fontFolder) =>
        ReportDocuments.Pdf(issuer, $"KẾT QUẢ XẾP LOẠI QUỸ NĂM {v.Year}",
            $"Theo kế hoạch năm {v.Year} (phiên bản {v.PlanVersion}), số liệu đến ngày {VietnameseFormat.Date(v.AsOf)}", today, now, fontFolder, c =>
            {
                var cell = OfficialDocument.Body.Size(10f).Spaced(1f);
                c.Text("Căn cứ Nghị định 45/2021/NĐ-CP, Điều 45 và Thông tư 52/2022/TT-BTC, Điều 14–15: mỗi chỉ tiêu xếp loại A khi đạt kế hoạch, "
                       + "loại B khi đạt từ 90 % kế hoạch (tỷ lệ nợ xấu: không quá 110 % kế hoạch), loại C khi thấp hơn; xếp loại chung là loại thấp nhất của bốn chỉ tiêu.",
                    OfficialDocument.Body.Italic().Justify());
                c.Spacer(3);
                c.Table(t =>
                {
                    t.CellStyle(cell).HeaderStyle(cell.Bold()).Zebra().Padding(1.2f, 1f)
                        .Column("Chỉ tiêu", ColumnWidth.Relative(3f))
                        .Column("Kế hoạch", ColumnWidth.Relative(1.8f), TextAlign.Right)
                        .Column("Thực hiện", ColumnWidth.Relative(1.8f), TextAlign.Right)
                        .Column("Xếp loại", ColumnWidth.Relative(0.8f), TextAlign.Center);
                    foreach (var k in v.Kpis) t.Row(k.Name, k.PlanText, k.ActualText, k.Grade.ToString());
                });
                c.Spacer(4);
                c.Text($"XẾP LOẠI CHUNG: {v.Overall}", OfficialDocument.Body.Size(13).Bold().Center());
                c.Spacer(3);
                c.Text($"Dư nợ đầu năm: {VietnameseFormat.Money(Money.Of(v.OutstandingAtStartOfYear))}. "
                       + $"Dư nợ gốc đã xử lý rủi ro trong năm: {VietnameseFormat.Money(Money.Of(v.PrincipalOffBalanceInYear))}; thu hồi nợ đã xử lý trong năm: "
                       + $"{VietnameseFormat.Money(Money.Of(v.RecoveredInYear))} (đã tính vào kết quả tài chính). Kết quả chấp hành pháp luật do quỹ đánh giá và nhập cùng kế hoạch năm. "
                       + "Kết quả xếp loại được Liên minh Hợp tác xã cùng cấp phê duyệt trước ngày 31/5.", OfficialDocument.Small.Italic());
            });

    /// <summary>The first year a fund is rated (plans start in 2000).</summary>
    public const int FirstYear = 2000;

    public static ProblemDetails YearOutOfRange(int year, LocalDate today) =>
        Problems.Validation("year", "year.out_of_range", $"Năm xếp loại phải từ {FirstYear} đến {today.Year}.");

    /// <summary>The date a year is rated as of when none is asked: 31/12 of an ended year, today within the year.</summary>
    public static LocalDate DefaultAsOf(int year, LocalDate today) => new LocalDate(year, 12, 31) is var end && end < today ? end : today;
}
