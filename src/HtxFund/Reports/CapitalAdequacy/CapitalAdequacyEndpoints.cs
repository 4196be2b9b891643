using System.Security.Claims;
using HtxFund.Capital;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reports.CapitalAdequacy;

public static class CapitalAdequacyEndpoints
{
    /// <summary>The as-of date: default today, ISO, not in the future, not before 1990.</summary>
    public static (LocalDate? Date, ProblemDetails? Refusal) CheckAsOf(string? asOf, LocalDate today)
    {
        if (AsOf.Parse(asOf, today) is not { } date) return (null, AsOf.Invalid);
        if (date > today)
            return (null, Problems.Validation("asOf", "as_of.in_future", "Ngày báo cáo không được sau ngày hôm nay."));
        if (date < Validation.EarliestRecordDate)
            return (null, Problems.Validation("asOf", "as_of.too_early", "Ngày báo cáo không hợp lệ (trước năm 1990)."));
        return (date, null);
    }

    /// <summary>The capital-adequacy report of the caller's fund at the end of <c>asOf</c> (yyyy-MM-dd, default today),
    /// computed live (not stored) with the Lending engine from the fund's events; <c>sequence</c> recomputes it from the
    /// events with sequence ≤ that number only (the <c>highestSequence</c> of an earlier report gives its figures again).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reports/capital-adequacy", OperationId = "getCapitalAdequacyReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType<CapitalAdequacyReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? asOf, long? sequence, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var (date, refusal) = CheckAsOf(asOf, time.Today);
        if (refusal is not null) return Results.Problem(refusal);
        if (sequence is { } s && (s < 0 || s > await EventCut.CurrentSequenceAsync(session, ct)))
            return Results.Problem(Problems.Validation("sequence", "sequence.out_of_range", "Số thứ tự sự kiện không hợp lệ (phải từ 0 đến số thứ tự lớn nhất hiện có)."));
        return Results.Ok(await CapitalAdequacyService.ComputeAsync(session, date!.Value, sequence, ct));
    }

    /// <summary>The consolidated capital-adequacy report of the funds reporting to the central fund (every provincial
    /// fund of the deployment) at the end of <c>asOf</c>: one column per fund and a total. <c>format</c>: json (default),
    /// csv, xlsx or pdf. Only staff of a central fund; a provincial fund's user gets 403.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reports/capital-adequacy/consolidated", OperationId = "getConsolidatedCapitalAdequacyReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType<ConsolidatedCapitalAdequacy>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    public static async Task<IResult> Consolidated(string? asOf, string? format, ClaimsPrincipal user, IDocumentStore store,
        CapitalAdequacyService reports, BusinessTime time, CancellationToken ct)
    {
        var (own, funds) = await Consolidation.CentralAndReportingFundsAsync(store, user.FundId(), ct);
        if (own is null)
            return Results.Problem(Problems.Forbidden("report.consolidation_central_only",
                "Chỉ cán bộ của quỹ trung ương (Quỹ hỗ trợ phát triển hợp tác xã Việt Nam) mới xem được báo cáo tổng hợp các quỹ; quỹ tỉnh chỉ xem báo cáo của quỹ mình."));
        var (date, refusal) = CheckAsOf(asOf, time.Today);
        if (refusal is not null) return Results.Problem(refusal);
        ReportFormat? wanted = string.IsNullOrWhiteSpace(format) ? ReportFormat.Json : EnumText.Parse<ReportFormat>(format);
        if (wanted is not { } f)
            return Results.Problem(Problems.Validation("format", "format.unknown", "Định dạng phải là json, csv, xlsx hoặc pdf."));

        var consolidated = await Consolidation.ComputeAsync(store, own, funds, date!.Value, ct);
        var stem = $"bao-cao-an-toan-von-tong-hop-{date.Value:yyyy-MM-dd}";
        return f switch
        {
            ReportFormat.Csv => Results.File(CapitalAdequacyExports.Csv(consolidated.Table), "text/csv; charset=utf-8", stem + ".csv"),
            ReportFormat.Xlsx => Results.File(CapitalAdequacyExports.Xlsx(consolidated.Table, $"Báo cáo an toàn vốn tổng hợp tại ngày {date.Value:dd/MM/yyyy}"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"),
            ReportFormat.Pdf => Results.File(CapitalAdequacyExports.ConsolidatedPdf(own.Name, date.Value, consolidated.Table, reports.FontFolder, time.Now),
                "application/pdf", stem + ".pdf"),
            _ => Results.Ok(consolidated),
        };
    }
}
