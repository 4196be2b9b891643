using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HtxFund.Documents;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reports.Archive;
using Marten;
using NodaTime;
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
            new(ReportFormat.Pdf, $"{slug}.pdf", ActivityReportDocument.Pdf(report, period, issuer, time.Today, time.Now, PdfDocumentOptions.FontFolderOf(configuration))),
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

public static class GenerateActivityReportEndpoint
{
    /// <summary>An ended period: "2026-H1" (after 30/06) or "2026" (after 31/12).</summary>
    public static ProblemDetails Validate(string period, LocalDate today) =>
        ReportingPeriod.Parse(period) is not { } p ? PeriodicReports.InvalidPeriod
        : p.CutOff >= today ? PeriodicReports.NotEnded(p.Name, p.CutOff)
        : WolverineContinue.NoProblems;

    /// <summary>Generates (once) and archives the lending activity report of an ended period ("2026-H1": data to 30/06;
    /// "2026": data to 31/12) for the caller's fund, as JSON, CSV and PDF; a second request answers the same report. The
    /// report is made by the handler the half-year and annual jobs use (<see cref="GenerateActivityReport"/>).</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/activity-reports/{period}", OperationId = "generateActivityReport")]
    [Tags("Báo cáo định kỳ")]
    [ProducesResponseType<ReportSummary>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<ReportSummary> Post(string period, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        ReportSummary.Of(await bus.InvokeAsync<GeneratedReport>(
            new GenerateActivityReport(user.FundId(), ReportingPeriod.Parse(period)!.Code, user.ToActor(), false), ct));
}
