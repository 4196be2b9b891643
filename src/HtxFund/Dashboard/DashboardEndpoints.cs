using System.Security.Claims;
using System.Text;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Documents;
using HtxFund.Reports;
using HtxFund.Reports.CapitalAdequacy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Dashboard;

public static class DashboardEndpoints
{
    /// <summary>Who reads the dashboard: the board, the Director and finance (issue 20).</summary>
    public const string Readers =
        $"{Roles.Director},{Roles.BoardMember},{Roles.Chairman},{Roles.ChiefAccountant},{Roles.Accountant},{Roles.RiskCouncil}";

    /// <summary>The as-of date (default today, not in the future) and the cut's sequence (default: every event now; else
    /// from 0 to the fund's highest sequence).</summary>
    public static async Task<(LocalDate AsOf, ProblemDetails? Refusal)> CheckAsync(string? asOf, long? sequence, IQuerySession session,
        LocalDate today, CancellationToken ct)
    {
        var (date, refusal) = CapitalAdequacyEndpoints.CheckAsOf(asOf, today);
        if (refusal is not null) return (default, refusal);
        if (sequence is { } s && (s < 0 || s > await EventCut.CurrentSequenceAsync(session, ct)))
            return (default, Problems.Validation("sequence", "sequence.out_of_range",
                "Số thứ tự sự kiện không hợp lệ (phải từ 0 đến số thứ tự lớn nhất hiện có)."));
        return (date!.Value, null);
    }

    /// <summary>The dashboard of the caller's fund at the end of <c>asOf</c> (yyyy-MM-dd, default today) from the events up to
    /// <c>sequence</c> (default: all now; the response's <c>sequence</c> gives the same figures again after any later event):
    /// outstanding, disbursed and collected in the month and the year against the annual plan, PAR1/30/90, NPL (groups 3–5),
    /// provisions required and held, capital available to lend (the capital-adequacy report's figures at the same cut), the
    /// applications in the pipeline by stage with processing time (now), overdue loan-use inspections, by officer and district.</summary>
    [Authorize(Roles = Readers)]
    [WolverineGet("/api/dashboard", OperationId = "getDashboard")]
    [Tags("Bảng điều khiển")]
    [ProducesResponseType<DashboardView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? asOf, long? sequence, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var (date, refusal) = await CheckAsync(asOf, sequence, session, time.Today, ct);
        if (refusal is not null) return Results.Problem(refusal);
        return Results.Ok((await DashboardService.ComputeAsync(session, date, sequence, time.Today, ct)).View);
    }

    /// <summary>The dashboard of <c>GET /api/dashboard</c> at the same cut (<c>asOf</c>, <c>sequence</c>; same roles and refusals)
    /// as a one- or two-page A4 PDF "Bảng tổng hợp chỉ tiêu danh mục cho vay": the fund's letterhead, the as-of date and the
    /// event sequence that reproduce it, the figures, by officer and by district, the pipeline, and charts drawn with
    /// ScottPlot (PAR by threshold, outstanding by debt group, outstanding by officer).</summary>
    [Authorize(Roles = Readers)]
    [WolverineGet("/api/dashboard.pdf", OperationId = "getDashboardPdf")]
    [Tags("Bảng điều khiển")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Pdf(string? asOf, long? sequence, IQuerySession session, BusinessTime time, IConfiguration configuration,
        CancellationToken ct)
    {
        var (date, refusal) = await CheckAsync(asOf, sequence, session, time.Today, ct);
        if (refusal is not null) return Results.Problem(refusal);
        var result = await DashboardService.ComputeAsync(session, date, sequence, time.Today, ct);
        var issuer = await ReportDocuments.IssuerAsync(session, result.View.FundId, configuration, ct);
        var pdf = DashboardDocument.Pdf(result, issuer, time.Today, time.Now, PdfDocumentOptions.FontFolderOf(configuration));
        return Results.File(pdf, "application/pdf", DashboardDocument.FileName(result.View));
    }

    /// <summary>The loans behind a dashboard figure (<c>figure</c>: outstanding, disbursed_month, disbursed_year,
    /// collected_month, collected_year, par1, par30, par90, npl, provisions_required, overdue_inspections) at the same cut
    /// (<c>asOf</c> and <c>sequence</c> of the dashboard), optionally of one <c>officer</c> (the officer's user id, or
    /// <c>none</c>) or <c>district</c>: each loan with what it adds to the figure, and the total, which is the figure (for
    /// overdue inspections the figure is the count). <c>format=csv</c> for a spreadsheet.</summary>
    [Authorize(Roles = Readers)]
    [WolverineGet("/api/dashboard/loans", OperationId = "getDashboardLoans")]
    [Tags("Bảng điều khiển")]
    [ProducesResponseType<DashboardList>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Loans(string? figure, string? asOf, long? sequence, string? officer, string? district, string? format,
        IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        // the date and the cut first: a bad asOf is named even when the figure is missing too
        var (date, refusal) = await CheckAsync(asOf, sequence, session, time.Today, ct);
        if (refusal is not null) return Results.Problem(refusal);
        if (figure is null || !DashboardFigure.All.Contains(figure))
            return Results.Problem(Problems.Validation("figure", "figure.unknown",
                $"Chỉ tiêu phải là một trong: {string.Join(", ", DashboardFigure.All)}."));
        if (format is { Length: > 0 } && format != "csv" && format != "json")
            return Results.Problem(Problems.Validation("format", "format.unknown", "Định dạng phải là json hoặc csv."));
        var list = (await DashboardService.ComputeAsync(session, date, sequence, time.Today, ct))
            .List(figure, string.IsNullOrWhiteSpace(officer) ? null : officer.Trim(), string.IsNullOrWhiteSpace(district) ? null : district.Trim());
        return format == "csv"
            ? Results.File(Csv(list), "text/csv; charset=utf-8", $"bang-dieu-khien-{figure}-{date:yyyy-MM-dd}.csv")
            : Results.Ok(list);
    }

    /// <summary>The dashboard of every provincial fund (each in its own tenant session) and their total at the end of
    /// <c>asOf</c>: amounts and counts summed, ratios recomputed from the sums. Only staff of the central fund; a provincial
    /// fund's user gets 403.</summary>
    [Authorize(Roles = Readers)]
    [WolverineGet("/api/dashboard/consolidated", OperationId = "getConsolidatedDashboard")]
    [Tags("Bảng điều khiển")]
    [ProducesResponseType<ConsolidatedDashboard>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    public static async Task<IResult> Consolidated(string? asOf, ClaimsPrincipal user, IDocumentStore store, BusinessTime time, CancellationToken ct)
    {
        var (own, funds) = await Consolidation.CentralAndReportingFundsAsync(store, user.FundId(), ct);
        if (own is null)
            return Results.Problem(Problems.Forbidden("dashboard.consolidation_central_only",
                "Chỉ cán bộ của quỹ trung ương mới xem được bảng điều khiển tổng hợp các quỹ; quỹ tỉnh chỉ xem bảng điều khiển của quỹ mình."));
        var (date, refusal) = CapitalAdequacyEndpoints.CheckAsOf(asOf, time.Today);
        if (refusal is not null) return Results.Problem(refusal);
        return Results.Ok(await DashboardService.ConsolidatedAsync(store, own, funds, date!.Value, time.Today, ct));
    }

    public static byte[] Csv(DashboardList list)
    {
        var csv = new StringBuilder();
        csv.Append("Số hợp đồng;Người vay;Cán bộ phụ trách;Huyện;Dư nợ gốc;Số ngày quá hạn;Nhóm nợ;")
            .Append(CsvText.Cell(list.Name)).Append("\r\n");
        foreach (var l in list.Lines)
            csv.AppendJoin(';', CsvText.Cell(l.ContractNumber ?? ""), CsvText.Cell(l.BorrowerName), CsvText.Cell(l.OfficerName), CsvText.Cell(l.District),
                l.Outstanding, l.DaysPastDue, l.DebtGroup?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", l.Amount).Append("\r\n");
        csv.Append($"Tổng cộng ({list.Count});;;;;;;{list.Total}\r\n");
        return CsvText.Utf8WithBom(csv.ToString());
    }
}
