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
/// financial result = interest received in the year − provisions booked in the year.
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
    int PolicyVersion);

/// <summary>Generate and archive the rating of the ended year <paramref name="Year"/> for fund <paramref name="FundId"/>
/// (once per fund and year; a rerun answers the archived one).</summary>
public sealed record GenerateFundRating(string FundId, int Year, Actor By, bool Scheduled);

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
            f.OutstandingAtStart, f.PolicyVersion);
    }

    public static byte[] Csv(FundRatingView v) => ReportDocuments.Csv(
        new[] { new object?[] { "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Xếp loại" } }
            .Concat(v.Kpis.Select(k => new object?[] { k.Name, k.Plan?.ToString() ?? k.PlanText, k.Actual?.ToString() ?? k.ActualText, k.Grade.ToString() }))
            .Append(["Xếp loại chung", null, null, v.Overall.ToString()]));

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
                c.Text($"Dư nợ đầu năm: {VietnameseFormat.Money(Money.Of(v.OutstandingAtStartOfYear))}. Kết quả chấp hành pháp luật do quỹ đánh giá và nhập cùng kế hoạch năm. "
                       + "Kết quả xếp loại được Liên minh Hợp tác xã cùng cấp phê duyệt trước ngày 31/5.", OfficialDocument.Small.Italic());
            });

    public static ProblemDetails YearOutOfRange(int year, LocalDate today) =>
        Problems.Validation("year", "year.out_of_range", $"Năm xếp loại phải từ 2000 đến {today.Year}.");
}

public static class GenerateFundRatingHandler
{
    public static async Task<GeneratedReport?> Handle(GenerateFundRating command, IDocumentStore store, BusinessTime time,
        IConfiguration configuration, ILogger<GenerateFundRating> logger, CancellationToken ct)
    {
        var period = command.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var id = PeriodicReports.ReportId(ReportKind.FundRating, period);
        await using var session = store.LightweightSession(command.FundId);
        if (await session.LoadAsync<GeneratedReport>(id, ct) is { } existing) return existing;
        if (await AnnualPlans.LoadAsync(session, command.Year, ct) is not { } plan)
        {
            logger.LogWarning("Fund {Fund} has no annual plan for {Year}: no rating generated", command.FundId, command.Year);
            return null;
        }
        var sequence = await CapitalAdequacy.EventCut.CurrentSequenceAsync(session, ct);
        var view = await FundRatings.ComputeAsync(store, command.FundId, plan, new LocalDate(command.Year, 12, 31), ct, sequence);
        var issuer = await ReportDocuments.IssuerAsync(session, command.FundId, configuration, ct);
        ReportFile[] files =
        [
            new(ReportFormat.Json, $"xep-loai-quy-{period}.json", ReportDocuments.JsonBytes(view)),
            new(ReportFormat.Csv, $"xep-loai-quy-{period}.csv", FundRatings.Csv(view)),
            new(ReportFormat.Pdf, $"xep-loai-quy-{period}.pdf", FundRatings.Pdf(view, issuer, time.Today, time.Now, PeriodicReports.FontFolder(configuration))),
        ];
        var meta = new GeneratedReport
        {
            Id = id, Kind = ReportKind.FundRating, Title = $"Xếp loại quỹ năm {command.Year}: loại {view.Overall}", Period = period,
            AsOf = view.AsOf, PolicyVersion = view.PolicyVersion, HighestSequence = sequence, GeneratedBy = command.By.UserId,
            GeneratedByName = command.By.UserName, GeneratedAt = time.Now, Scheduled = command.Scheduled,
        };
        var stored = ReportArchive.Store(session, meta, files, command.By, time.Now);
        await session.SaveChangesAsync(ct);
        return stored;
    }
}

public static class FundRatingEndpoints
{
    /// <summary>The rating A/B/C of <c>year</c> for the caller's fund against its annual plan, computed now: as of 31/12
    /// for an ended year, else as of <c>asOf</c> (yyyy-MM-dd within the year, default today): the year to date.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/fund-rating/{year}", OperationId = "getFundRating")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<FundRatingView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(int year, string? asOf, ClaimsPrincipal user, IDocumentStore store, IQuerySession session,
        BusinessTime time, CancellationToken ct)
    {
        if (year < 2000 || year > time.Today.Year) return Results.Problem(FundRatings.YearOutOfRange(year, time.Today));
        var yearEnd = new LocalDate(year, 12, 31);
        var date = AsOf.Parse(asOf, yearEnd < time.Today ? yearEnd : time.Today);
        if (date is null) return Results.Problem(AsOf.Invalid);
        if (date.Value.Year != year || date.Value > time.Today)
            return Results.Problem(Problems.Validation("asOf", "as_of.outside_year",
                $"Ngày xếp loại phải thuộc năm {year} và không sau ngày hôm nay."));
        if (await AnnualPlans.LoadAsync(session, year, ct) is not { } plan) return Results.Problem(AnnualPlans.NotFound(year));
        return Results.Ok(await FundRatings.ComputeAsync(store, user.FundId(), plan, date.Value, ct));
    }

    /// <summary>Generates (once) and archives the rating of an ended year for the caller's fund, with a PDF in
    /// Vietnamese; a second request answers the same report.</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/fund-rating/{year}", OperationId = "generateFundRating")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<ReportSummary>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Post(int year, ClaimsPrincipal user, IMessageBus bus, IQuerySession session, BusinessTime time,
        CancellationToken ct)
    {
        if (year < 2000 || year >= time.Today.Year)
            return Results.Problem(Problems.Validation("year", "year.not_ended", $"Chỉ xếp loại cho năm đã kết thúc (trước năm {time.Today.Year})."));
        if (await AnnualPlans.LoadAsync(session, year, ct) is null) return Results.Problem(AnnualPlans.NotFound(year));
        var report = await bus.InvokeAsync<GeneratedReport?>(new GenerateFundRating(user.FundId(), year, user.ToActor(), false), ct);
        return Results.Ok(ReportSummary.Of(report!));
    }
}
