using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reports.Archive;

/// <summary>One archived report in a list: what, for when, who generated it and when, by a job or by a user.</summary>
public sealed record ReportSummary(
    Guid Id,
    ReportKind Kind,
    string Title,
    string Period,
    LocalDate AsOf,
    int PolicyVersion,
    long HighestSequence,
    Guid? CorrectsReportId,
    Guid GeneratedBy,
    string GeneratedByName,
    Instant GeneratedAt,
    bool Scheduled,
    IReadOnlyList<ReportFormat> Formats)
{
    public static ReportSummary Of(GeneratedReport r) => new(r.Id, r.Kind, r.Title, r.Period, r.AsOf, r.PolicyVersion, r.HighestSequence,
        r.CorrectsReportId, r.GeneratedBy, r.GeneratedByName, r.GeneratedAt, r.Scheduled,
        Enum.GetValues<ReportFormat>().Where(f => r.FileOf(f) is not null).ToArray());
}

/// <summary>An archived report's metadata, its files and the differences of an "as corrected" version; the ids of
/// the corrected versions made of it.</summary>
public sealed record ReportDetails(GeneratedReport Report, IReadOnlyList<ReportFormat> Formats, IReadOnlyList<Guid> CorrectedBy);

public static class ReportArchiveEndpoints
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("report.not_found", $"Không tìm thấy báo cáo {id} của quỹ.");

    /// <summary>The caller's fund's generated reports, newest first: <c>kind</c> (CapitalAdequacy, HalfYearActivity,
    /// AnnualActivity, FundRating, TrialBalance), <c>page</c>, <c>pageSize</c>. Each with who generated it, when, its as-of date and
    /// whether a recurring job made it.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reports", OperationId = "listReports")]
    [Tags("Báo cáo")]
    [ProducesResponseType<PagedResult<ReportSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> List(string? kind, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        ReportKind? reportKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            reportKind = EnumText.Parse<ReportKind>(kind);
            if (reportKind is null)
                errors.Add(new FieldError("kind", "kind.unknown", "Loại báo cáo phải là CapitalAdequacy, HalfYearActivity, AnnualActivity, FundRating hoặc TrialBalance."));
        }
        var (number, size) = Paging.Check(page, pageSize, errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));
        var (items, total) = await ReportArchive.ListAsync(session, reportKind, number, size, ct);
        return Results.Ok(new PagedResult<ReportSummary>(items.Select(ReportSummary.Of).ToArray(), number, size, total,
            (long)Math.Ceiling(total / (double)size)));
    }

    /// <summary>One archived report of the caller's fund: metadata (as-of date, policy version, highest event sequence
    /// read, who and when), the formats it can be downloaded in, and for an "as corrected" version the differences.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reports/{id}", OperationId = "getReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType<ReportDetails>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await ReportArchive.FindAsync(session, id, ct) is not { } report) return Results.Problem(NotFound(id));
        var corrections = await ReportArchive.CorrectionsOfAsync(session, id, ct);
        return Results.Ok(new ReportDetails(report, ReportSummary.Of(report).Formats, corrections.Select(c => c.Id).ToArray()));
    }

    /// <summary>Downloads an archived report in <c>format</c> (json, csv, xlsx, pdf).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reports/{id}/files/{format}", OperationId = "downloadReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Download(Guid id, string format, IQuerySession session, CancellationToken ct)
    {
        if (EnumText.Parse<ReportFormat>(format) is not { } f)
            return Results.Problem(Problems.Validation("format", "format.unknown", "Định dạng phải là json, csv, xlsx hoặc pdf."));
        if (await ReportArchive.FindAsync(session, id, ct) is not { } report) return Results.Problem(NotFound(id));
        if (report.FileOf(f) is not { } file)
            return Results.Problem(Problems.NotFound("report.format_not_found", $"Báo cáo này không có tệp định dạng {f.ToString().ToUpperInvariant()}."));
        var loaded = await FileStore.LoadAsync(session, file.Id, ct);
        if (loaded is null || loaded.File.Owner != ReportArchive.Owner(report.Id)) return Results.Problem(NotFound(id));
        return FileStore.Download(loaded);
    }
}

public static class ReportArchiveConfiguration
{
    public static StoreOptions ConfigureReportArchive(this StoreOptions opts)
    {
        opts.Schema.For<GeneratedReport>().Index(x => x.GeneratedAtUnix);
        return opts;
    }
}
