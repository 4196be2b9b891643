using HtxFund.Documents.Formatting;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Reports.Archive;
using Marten;
using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>Computes, renders and archives capital-adequacy reports (configuration: the font folder of the documents
/// and the fund's letterhead, as for decision letters).</summary>
public sealed class CapitalAdequacyService(IConfiguration configuration)
{
    public const string Title = "Báo cáo an toàn vốn";

    public string FontFolder => Documents.PdfDocumentOptions.FontFolderOf(configuration);

    /// <summary>The superior body printed above the fund's name (configuration, then the fund's letterhead, then the province's People's Committee).</summary>
    public string SuperiorBody(Fund? fund) => FundLetterheads.SuperiorBody(configuration, fund);

    /// <summary>The report of the session's fund as of <paramref name="asOf"/> from the events up to <paramref name="sequence"/> (default: all now).</summary>
    public static async Task<CapitalAdequacyReport> ComputeAsync(IQuerySession session, LocalDate asOf, long? sequence, CancellationToken ct)
    {
        var cut = sequence is { } s ? new EventCut(session, s) : await EventCut.NowAsync(session, ct);
        return await CapitalAdequacyCalculator.ComputeAsync(cut, asOf, ct);
    }

    public static string TitleOf(LocalDate asOf, bool corrected) =>
        $"{Title} tại ngày {VietnameseFormat.Date(asOf)}{(corrected ? " (bản điều chỉnh)" : "")}";

    /// <summary>Computes the report now and renders its four files, ready for the archive (nothing stored: the caller
    /// returns <see cref="PreparedReport.Operations"/> as side effects, or executes them in its session).</summary>
    /// <param name="period">"yyyy-MM" for a month-end report, otherwise the as-of date yyyy-MM-dd.</param>
    public async Task<(PreparedReport Prepared, CapitalAdequacyReport Report)> PrepareAsync(IQuerySession session, LocalDate asOf, string period,
        Actor actor, Instant now, bool scheduled, CancellationToken ct, GeneratedReport? corrects = null, CapitalAdequacyReport? original = null,
        Guid? id = null)
    {
        var report = await ComputeAsync(session, asOf, null, ct);
        var fund = await session.LoadAsync<Fund>(session.TenantId, ct);
        var differences = original is null ? [] : CapitalAdequacyFigures.Differences(original.Figures, report.Figures);
        var note = corrects is null ? null
            : $"Bản điều chỉnh của báo cáo lập lúc {corrects.GeneratedAt.InZone(BusinessZone).ToString("HH:mm dd/MM/yyyy", null)} (số liệu đến sự kiện {corrects.HighestSequence}); {differences.Count} chỉ tiêu thay đổi.";
        var meta = new GeneratedReport
        {
            Id = id ?? Guid.Empty,
            Kind = ReportKind.CapitalAdequacy,
            Title = TitleOf(asOf, corrects is not null),
            Period = period,
            AsOf = asOf,
            PolicyVersion = report.PolicyVersion,
            HighestSequence = report.HighestSequence,
            CorrectsReportId = corrects?.Id,
            Differences = differences,
            GeneratedBy = actor.UserId,
            GeneratedByName = actor.UserName,
            GeneratedAt = now,
            Scheduled = scheduled,
        };
        return (ReportArchive.Prepare(meta, CapitalAdequacyExports.Files(report, FontFolder, now, SuperiorBody(fund), note), actor, now), report);
    }

    /// <summary>Computes the report now, renders its four files and queues it in the archive (the caller commits).</summary>
    public async Task<(GeneratedReport Stored, CapitalAdequacyReport Report)> GenerateAsync(IDocumentSession session, LocalDate asOf, string period,
        Actor actor, Instant now, bool scheduled, CancellationToken ct, Guid? id = null)
    {
        var (prepared, report) = await PrepareAsync(session, asOf, period, actor, now, scheduled, ct, id: id);
        foreach (var op in prepared.Operations()) op.Execute(session);
        return (prepared.Report, report);
    }

    private static readonly DateTimeZone BusinessZone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
}

public static class CapitalAdequacyConfiguration
{
    public static IServiceCollection AddHtxFundReports(this IServiceCollection services) =>
        services.AddSingleton<CapitalAdequacyService>();
}
