using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Plans;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace HtxFund.Reports.Rating;

/// <summary>Generate and archive the rating of the ended year <paramref name="Year"/> for fund <paramref name="FundId"/>
/// (once per fund and year; a rerun answers the archived one).</summary>
public sealed record GenerateFundRating(string FundId, int Year, Actor By, bool Scheduled);

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
            new(ReportFormat.Pdf, $"xep-loai-quy-{period}.pdf", FundRatings.Pdf(view, issuer, time.Today, time.Now, Documents.PdfDocumentOptions.FontFolderOf(configuration))),
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

public static class GenerateFundRatingEndpoint
{
    public static Task<AnnualPlan?> LoadAsync(int year, IQuerySession session, CancellationToken ct) => AnnualPlans.LoadAsync(session, year, ct);

    /// <summary>An ended year with a plan.</summary>
    public static ProblemDetails Validate(int year, AnnualPlan? plan, LocalDate today) =>
        year < FundRatings.FirstYear || year >= today.Year
            ? Problems.Validation("year", "year.not_ended", $"Chỉ xếp loại cho năm đã kết thúc (trước năm {today.Year}).")
        : plan is null ? AnnualPlans.NotFound(year)
        : WolverineContinue.NoProblems;

    /// <summary>Generates (once) and archives the rating of an ended year for the caller's fund, with a PDF in
    /// Vietnamese; a second request answers the same report. The report is made by the handler the annual job uses
    /// (<see cref="GenerateFundRating"/>).</summary>
    [Authorize(Roles = $"{Roles.ChiefAccountant},{Roles.Director},{Roles.Admin}")]
    [Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/fund-rating/{year}", OperationId = "generateFundRating")]
    [Tags("Kế hoạch và xếp loại quỹ")]
    [ProducesResponseType<ReportSummary>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<ReportSummary> Post(int year, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
        ReportSummary.Of((await bus.InvokeAsync<GeneratedReport?>(new GenerateFundRating(user.FundId(), year, user.ToActor(), false), ct))!);
}
