using HtxFund.Files;
using HtxFund.Identity;
using Marten;
using NodaTime;
using Wolverine.Marten;

namespace HtxFund.Reports.Archive;

/// <summary>One rendered export of a report: its format, file name (Vietnamese allowed; made safe on store) and bytes.</summary>
public sealed record ReportFile(ReportFormat Format, string FileName, byte[] Content);

/// <summary>A report and its files ready to insert in the caller's fund and transaction.</summary>
public sealed record PreparedReport(GeneratedReport Report, IReadOnlyList<PreparedFile> Files)
{
    /// <summary>Inserts (never overwrites) of the report document and of each file's two documents, as Wolverine Marten side effects.</summary>
    public IMartenOp[] Operations() => [MartenOps.Insert(Report), .. Files.SelectMany(f => f.Operations())];
}

/// <summary>
/// The archive of generated reports (<see cref="GeneratedReport"/>, one Marten document per report in the fund's
/// tenant, plus its files in <see cref="FileStore"/> with owner <c>report:{id}</c>). Listed and downloaded through
/// <c>GET /api/reports</c>, <c>/api/reports/{id}</c> and <c>/api/reports/{id}/files/{format}</c>.
/// <para>How a report stores itself: compute the figures, render each export (JSON, CSV, XLSX, PDF) to bytes, fill a
/// <see cref="GeneratedReport"/> (Kind, Title, Period, AsOf, PolicyVersion, HighestSequence; Id, AsOfDay, GeneratedBy*,
/// GeneratedAt* and Files are filled here) and call <see cref="Store"/> with the session that commits the work
/// (Wolverine commits it; otherwise call SaveChangesAsync), or return <see cref="Prepare"/>'s
/// <see cref="PreparedReport.Operations"/> as side effects from a pure handler. A scheduled report first asks
/// <see cref="FindScheduledAsync"/> so that one period is archived once.</para>
/// </summary>
public static class ReportArchive
{
    public static string Owner(Guid reportId) => $"report:{reportId}";

    public static FileKind Kind(ReportFormat format) => format switch
    {
        ReportFormat.Json => FileKind.Json,
        ReportFormat.Csv => FileKind.Csv,
        ReportFormat.Xlsx => FileKind.Xlsx,
        ReportFormat.Pdf => FileKind.Pdf,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string Extension(ReportFormat format) => Kind(format).Extension();

    /// <summary>The report with its id, actor, time and file references filled in, and its files, nothing stored yet.
    /// <paramref name="meta"/>'s Id is kept when set (a caller that needs the id before rendering).</summary>
    public static PreparedReport Prepare(GeneratedReport meta, IEnumerable<ReportFile> files, Actor actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(actor);
        var id = meta.Id == Guid.Empty ? Guid.CreateVersion7(now.ToDateTimeOffset()) : meta.Id;
        var prepared = files.Select(f => FileStore.Prepare(FileUpload.Rendered(f.FileName, Kind(f.Format), f.Content), Owner(id), actor, now))
            .ToArray();
        var report = meta with
        {
            Id = id,
            AsOfDay = GeneratedReport.DayNumber(meta.AsOf),
            GeneratedBy = actor.UserId,
            GeneratedByName = actor.UserName,
            GeneratedAt = now,
            GeneratedAtUnix = now.ToUnixTimeSeconds(),
            Files = prepared.Select(p => p.Ref).ToArray(),
        };
        return new PreparedReport(report, prepared);
    }

    /// <summary>Queues the report and its files in <paramref name="session"/> (committed by the caller) and returns the report.</summary>
    public static GeneratedReport Store(IDocumentSession session, GeneratedReport meta, IEnumerable<ReportFile> files, Actor actor, Instant now)
    {
        var prepared = Prepare(meta, files, actor, now);
        foreach (var op in prepared.Operations()) op.Execute(session);
        return prepared.Report;
    }

    public static Task<GeneratedReport?> FindAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        session.LoadAsync<GeneratedReport>(id, ct);

    /// <summary>The report a recurring job archived for <paramref name="kind"/> and <paramref name="period"/>, if any
    /// (the job's idempotency check; "as corrected" versions are not counted).</summary>
    public static async Task<GeneratedReport?> FindScheduledAsync(IQuerySession session, ReportKind kind, string period, CancellationToken ct) =>
        (await session.Query<GeneratedReport>()
            .Where(r => r.Kind == kind && r.Period == period && r.Scheduled && r.CorrectsReportId == null)
            .OrderBy(r => r.GeneratedAtUnix).Take(1).ToListAsync(ct)).FirstOrDefault();

    /// <summary>A page of the fund's reports, newest first, optionally of one kind.</summary>
    public static async Task<(IReadOnlyList<GeneratedReport> Items, long Total)> ListAsync(IQuerySession session, ReportKind? kind,
        int page, int pageSize, CancellationToken ct)
    {
        IQueryable<GeneratedReport> query = session.Query<GeneratedReport>();
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.GeneratedAtUnix).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The corrected versions of a report, oldest first.</summary>
    public static async Task<IReadOnlyList<GeneratedReport>> CorrectionsOfAsync(IQuerySession session, Guid reportId, CancellationToken ct) =>
        await session.Query<GeneratedReport>().Where(r => r.CorrectsReportId == reportId).OrderBy(r => r.GeneratedAtUnix).ToListAsync(ct);
}
