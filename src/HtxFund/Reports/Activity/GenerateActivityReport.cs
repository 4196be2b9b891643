using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Applications.Deciding;
using HtxFund.Documents;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace HtxFund.Reports.Activity;

/// <summary>Generate and archive the lending activity report of <paramref name="Period"/> ("2026-H1" or "2026") for fund
/// <paramref name="FundId"/>. Idempotent: one report per fund and period; a rerun answers the archived one.</summary>
public sealed record GenerateActivityReport(string FundId, string Period, Actor By, bool Scheduled);

public static class PeriodicReports
{
    /// <summary>The archive id of the one report of <paramref name="kind"/> for <paramref name="period"/>: deterministic
    /// (documents are tenant-scoped, so one id per fund), so a concurrent second generation fails on insert.</summary>
    public static Guid ReportId(ReportKind kind, string period) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"htxfund:report:{kind}:{period}")));

    public static string FontFolder(IConfiguration configuration) =>
        configuration[DecisionLetterService.FontFolderKey] ?? PdfDocumentOptions.DefaultFontFolder;

    public static ProblemDetails InvalidPeriod => Problems.Validation("period", "period.format",
        "Kỳ báo cáo phải có dạng yyyy-H1 (6 tháng đầu năm, ví dụ 2026-H1) hoặc yyyy (cả năm, ví dụ 2026).");

    public static ProblemDetails NotEnded(string name, NodaTime.LocalDate cutOff) => Problems.Validation("period", "period.not_ended",
        $"Kỳ báo cáo {name} chưa kết thúc (số liệu chốt ngày {cutOff:dd/MM/yyyy}): chỉ lập báo cáo cho kỳ đã qua.");
}

public static class GenerateActivityReportHandler
{
    public static async Task<GeneratedReport> Handle(GenerateActivityReport command, IDocumentStore store, BusinessTime time,
        IConfiguration configuration, CancellationToken ct)
    {
        var period = ReportingPeriod.Parse(command.Period) ?? throw new ArgumentException($"Not a reporting period: {command.Period}.");
        var id = PeriodicReports.ReportId(period.Kind, period.Code);
        await using var session = store.LightweightSession(command.FundId);
        if (await session.LoadAsync<GeneratedReport>(id, ct) is { } existing) return existing;

        var sequence = await CapitalAdequacy.EventCut.CurrentSequenceAsync(session, ct);
        var figures = await LendingActivity.ComputeAsync(store, command.FundId, period.From, period.CutOff, ct, sequence);
        var issuer = await ReportDocuments.IssuerAsync(session, command.FundId, configuration, ct);
        var report = new LendingActivityReport(command.FundId, issuer.FundName, period.Code, period.Name, period.Kind, period.DueBy, figures);
        var slug = period.HalfYear ? $"bao-cao-cho-vay-6-thang-{period.Year}" : $"bao-cao-cho-vay-nam-{period.Year}";
        ReportFile[] files =
        [
            new(ReportFormat.Json, $"{slug}.json", ReportDocuments.JsonBytes(report)),
            new(ReportFormat.Csv, $"{slug}.csv", ActivityReportDocument.Csv(report)),
            new(ReportFormat.Pdf, $"{slug}.pdf", ActivityReportDocument.Pdf(report, period, issuer, time.Today, time.Now, PeriodicReports.FontFolder(configuration))),
        ];
        var meta = new GeneratedReport
        {
            Id = id, Kind = period.Kind, Title = ActivityReportDocument.Title(period), Period = period.Code, AsOf = period.CutOff,
            PolicyVersion = figures.PolicyVersion, HighestSequence = sequence, GeneratedBy = command.By.UserId,
            GeneratedByName = command.By.UserName, GeneratedAt = time.Now, Scheduled = command.Scheduled,
        };
        var stored = ReportArchive.Store(session, meta, files, command.By, time.Now);
        await session.SaveChangesAsync(ct);
        return stored;
    }
}

public static class ActivityReportEndpoints
{
    /// <summary>Generates (once) and archives the lending activity report of an ended period ("2026-H1": data to 30/06;
    /// "2026": data to 31/12) for the caller's fund, as JSON, CSV and PDF; a second request answers the same report.</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/activity-reports/{period}", OperationId = "generateActivityReport")]
    [Tags("Báo cáo định kỳ")]
    [ProducesResponseType<ReportSummary>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Post(string period, ClaimsPrincipal user, IMessageBus bus, BusinessTime time, CancellationToken ct)
    {
        if (ReportingPeriod.Parse(period) is not { } p) return Results.Problem(PeriodicReports.InvalidPeriod);
        if (p.CutOff >= time.Today) return Results.Problem(PeriodicReports.NotEnded(p.Name, p.CutOff));
        var report = await bus.InvokeAsync<GeneratedReport>(new GenerateActivityReport(user.FundId(), p.Code, user.ToActor(), false), ct);
        return Results.Ok(ReportSummary.Of(report));
    }

    /// <summary>The lending activity figures of a period of the caller's fund computed now (nothing stored); for a
    /// period not yet ended, the figures so far (cut-off today). <c>sequence</c> computes them from the events with
    /// sequence ≤ that number only (the <c>highestSequence</c> of an archived report gives its figures again).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/activity-reports/{period}", OperationId = "getActivityReport")]
    [Tags("Báo cáo định kỳ")]
    [ProducesResponseType<LendingActivityReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string period, long? sequence, ClaimsPrincipal user, IDocumentStore store, IQuerySession session,
        BusinessTime time, IConfiguration configuration, CancellationToken ct)
    {
        if (ReportingPeriod.Parse(period) is not { } p) return Results.Problem(PeriodicReports.InvalidPeriod);
        if (p.From > time.Today) return Results.Problem(Problems.Validation("period", "period.in_future", $"Kỳ báo cáo {p.Name} chưa bắt đầu."));
        if (sequence is { } s && (s < 0 || s > await CapitalAdequacy.EventCut.CurrentSequenceAsync(session, ct)))
            return Results.Problem(Problems.Validation("sequence", "sequence.out_of_range", "Số thứ tự sự kiện không hợp lệ (phải từ 0 đến số thứ tự lớn nhất hiện có)."));
        var cutOff = p.CutOff < time.Today ? p.CutOff : time.Today;
        var figures = await LendingActivity.ComputeAsync(store, user.FundId(), p.From, cutOff, ct, sequence);
        var issuer = await ReportDocuments.IssuerAsync(session, user.FundId(), configuration, ct);
        return Results.Ok(new LendingActivityReport(user.FundId(), issuer.FundName, p.Code, p.Name, p.Kind, p.DueBy, figures));
    }
}
