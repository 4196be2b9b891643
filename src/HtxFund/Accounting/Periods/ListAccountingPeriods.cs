using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Reports.Archive;
using JasperFx.Events;
using Marten.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Accounting.Periods;

public enum PeriodState { Open, Closed }

/// <summary>One close or reopening of a month: who, when, and for a reopening why.</summary>
public sealed record PeriodAction(string Action, Actor By, Instant At, string? Reason, long Sequence);

/// <summary>A closed month's archived trial balance: the report, its download links and each file's SHA-256.</summary>
public sealed record ArchivedTrialBalance(Guid ReportId, string Link, string? CsvLink, string? CsvSha256, string? PdfLink, string? PdfSha256,
    Instant GeneratedAt);

/// <summary>One month of the books: whether it is closed, whether its interest accrual is booked, whether the journal has
/// lines in it, its closes and reopenings in order, and the trial balance archived at its latest close.</summary>
public sealed record AccountingPeriodView(string Month, PeriodState State, bool AccrualBooked, bool HasLines, IReadOnlyList<PeriodAction> History,
    ArchivedTrialBalance? TrialBalance)
{
    public PeriodAction? LastClosed => History.LastOrDefault(h => h.Action == "Closed");
    public PeriodAction? LastReopened => History.LastOrDefault(h => h.Action == "Reopened");
}

/// <summary>The fund's accounting periods, latest month first; <see cref="ClosedThrough"/> the latest closed month and
/// <see cref="NextToClose"/> the only month a close may name next (null before the first close: any ended month).</summary>
public sealed record AccountingPeriodList(string? ClosedThrough, string? NextToClose, IReadOnlyList<AccountingPeriodView> Months);

public static class ListAccountingPeriodsEndpoint
{
    /// <summary>The fund's months that have journal lines, a booked interest accrual or a close, latest first: open or closed,
    /// whether the accrual is booked, who closed and reopened each and when (a reopening with its reason), and the trial
    /// balance archived at the latest close with the CSV's and PDF's links and SHA-256 (archived in the background once the
    /// journal has posted the close: absent for a moment after it).</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/periods", OperationId = "listAccountingPeriods")]
    [Tags("Kế toán")]
    [ProducesResponseType<AccountingPeriodList>(200)]
    public static async Task<AccountingPeriodList> Get(IQuerySession session, CancellationToken ct) => await ReadAsync(session, ct);

    public static async Task<AccountingPeriodList> ReadAsync(IQuerySession session, CancellationToken ct)
    {
        var books = await session.LoadAsync<FundBooks>(FundBooks.StreamId, ct) ?? new FundBooks();
        var lineMonths = (await session.Query<JournalLine>().Select(x => x.Month).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var history = await HistoryAsync(session, ct);
        var reports = (await session.Query<GeneratedReport>().Where(r => r.Kind == ReportKind.TrialBalance).ToListAsync(ct))
            .GroupBy(r => r.Period).ToDictionary(g => g.Key, g => g.MaxBy(r => r.GeneratedAtUnix)!);

        var months = lineMonths.Concat(books.AccruedMonths).Concat(history.Select(h => h.Month)).Distinct()
            .OrderDescending(StringComparer.Ordinal)
            .Select(m =>
            {
                var closed = books.IsClosed(m);
                return new AccountingPeriodView(m, closed ? PeriodState.Closed : PeriodState.Open, books.AccruedMonths.Contains(m),
                    lineMonths.Contains(m), history.Where(h => h.Month == m).Select(h => h.Action).ToList(),
                    closed && reports.TryGetValue(m, out var report) ? Archived(report) : null);
            })
            .ToList();
        var next = PeriodRules.Parse(books.ClosedThrough) is { } through ? PeriodRules.Format(through.PlusMonths(1)) : null;
        return new AccountingPeriodList(books.ClosedThrough, next, months);
    }

    private static ArchivedTrialBalance Archived(GeneratedReport r)
    {
        var csv = r.FileOf(ReportFormat.Csv);
        var pdf = r.FileOf(ReportFormat.Pdf);
        string? Link(StoredFileRef? file, string format) => file is null ? null : $"/api/reports/{r.Id}/files/{format}";
        return new(r.Id, $"/api/reports/{r.Id}", Link(csv, "csv"), csv?.Sha256, Link(pdf, "pdf"), pdf?.Sha256, r.GeneratedAt);
    }

    private sealed record Dated(string Month, PeriodAction Action);

    /// <summary>The closes and reopenings of the fund's books in the order recorded (only those events are read, not the
    /// accruals with their per-loan figures).</summary>
    private static async Task<IReadOnlyList<Dated>> HistoryAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == FundBooks.StreamId)
            .Where(e => e.EventTypesAre(typeof(AccountingPeriodClosed), typeof(AccountingPeriodReopened)))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Select(e => e.Data switch
        {
            AccountingPeriodClosed c => new Dated(c.Month, new PeriodAction("Closed", c.By, c.At, null, e.Sequence)),
            AccountingPeriodReopened r => new Dated(r.Month, new PeriodAction("Reopened", r.By, r.At, r.Reason, e.Sequence)),
            _ => throw new InvalidOperationException($"Unexpected event {e.EventTypeName} in the periods' history."),
        }).ToList();
    }
}
