using System.Security.Cryptography;
using System.Text;
using HtxFund.Accounting.Reading;
using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using HtxFund.Reminders.Notifications;
using HtxFund.Reports.Archive;
using JasperFx.Core;
using JasperFx.Events;
using Marten.Events;
using Marten;
using NodaTime;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Accounting.Periods;

/// <summary>After <see cref="AccountingPeriodClosed"/> of <paramref name="Month"/> at <paramref name="ClosedAt"/> committed in
/// fund <paramref name="FundId"/>: archive the month's trial balance and reconcile its last day. Cascaded by
/// <see cref="CloseAccountingPeriodEndpoint"/>, handled from Wolverine's durable local queue (a crash in between archives on
/// restart).</summary>
public sealed record ArchiveClosedPeriod(string FundId, string Month, Instant ClosedAt);

/// <summary>
/// The close's aftermath. The journal is an asynchronous projection, so the handler first reads the daemon's progress for the
/// journal's shard: until it has processed the close event (and so every event before it), <see cref="JournalBehind"/> is
/// thrown and Wolverine tries the message again later (<see cref="Configure"/>). Then, in one transaction:
/// (i) the month's trial balance by the chart in force at the close, as a CSV and a PDF in the report archive
/// (<see cref="ReportKind.TrialBalance"/>, period yyyy-MM, the files' SHA-256 in their references), under an id derived
/// from the fund, the month and the close's time, so a message handled again stores nothing twice;
/// (ii) the reconciliation at the month's last day; each figure with an unexplained difference is named, with both amounts
/// and the difference, in an in-app notification to every active chief accountant of the fund.
/// </summary>
public static class ArchiveClosedPeriodHandler
{
    public static Guid ReportId(string fundId, string month, Instant closedAt) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"htxfund:trial-balance:{fundId}:{month}:{closedAt.ToUnixTimeTicks()}")));

    public static Guid NotificationId(Guid reportId, Guid userId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"htxfund:reconciliation-notice:{reportId}:{userId}")));

    /// <summary>The journal catches up within a second or two in normal operation: quick retries first, then retries spread
    /// over minutes (a journal stopped by a failure is an operator's matter; the message waits in the durable queue meanwhile).
    /// Two deliveries at once: the second insert fails on the report's key and, tried again, finds it archived.</summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException<JournalBehind>()
            .RetryWithCooldown(100.Milliseconds(), 250.Milliseconds(), 500.Milliseconds(), 1.Seconds(), 2.Seconds(), 3.Seconds())
            .Then.ScheduleRetry(5.Seconds(), 15.Seconds(), 30.Seconds(), 1.Minutes(), 5.Minutes(), 15.Minutes(), 1.Hours());
        chain.OnException<JasperFx.DocumentAlreadyExistsException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds());
    }

    public static async Task Handle(ArchiveClosedPeriod message, IDocumentStore store, IConfiguration configuration, BusinessTime time,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.FundId);
        var reportId = ReportId(message.FundId, message.Month, message.ClosedAt);
        if (await session.LoadAsync<GeneratedReport>(reportId, ct) is not null) return;

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == FundBooks.StreamId)
            .Where(e => e.EventTypesAre(typeof(AccountingPeriodClosed), typeof(AccountingPeriodReopened)))
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var close = events.LastOrDefault(e => e.Data is AccountingPeriodClosed c && c.Month == message.Month && c.At == message.ClosedAt);
        if (close is null) return;
        // reopened since: what the month holds now is not what was closed; the next close archives it
        if (events.Any(e => e.Sequence > close.Sequence && e.Data is AccountingPeriodReopened r && r.Month == message.Month)) return;

        var through = await JournalProgress.ThroughAsync(store, ct);
        if (through is null || through < close.Sequence) throw new JournalBehind(close.Sequence, through);

        var closed = (AccountingPeriodClosed)close.Data;
        var books = await session.Events.AggregateStreamAsync<FundBooks>(FundBooks.StreamId, close.Version, token: ct) ?? new FundBooks();
        var month = PeriodRules.Parse(message.Month)!.Value;
        var trialBalance = await JournalSums.TrialBalanceAsync(session, books.Setup.Chart, PeriodRules.FirstDay(month), PeriodRules.LastDay(month), ct);
        var fund = await session.LoadAsync<Fund>(message.FundId, ct);
        var files = TrialBalanceFiles.Files(trialBalance, books.Setup.Version, month, message.FundId, fund, configuration, closed.At);
        var report = ReportArchive.Store(session, new GeneratedReport
        {
            Id = reportId, Kind = ReportKind.TrialBalance, Title = TrialBalanceFiles.Title(month), Period = message.Month,
            // the trial balance depends on no fund policy: the version recorded is the accounting setup's
            AsOf = PeriodRules.LastDay(month), PolicyVersion = books.Setup.Version, HighestSequence = close.Sequence, Scheduled = true,
            GeneratedBy = Guid.Empty, GeneratedByName = "", GeneratedAt = time.Now,
        }, files, closed.By, time.Now);

        var reconciliation = await Reconciling.ComputeAsync(session, store, PeriodRules.LastDay(month), ct);
        if (!reconciliation.Reconciled)
        {
            var users = await session.Query<UserAccount>().Where(u => u.FundId == message.FundId && !u.Disabled).ToListAsync(ct);
            foreach (var user in users.Where(u => u.Roles.Contains(Roles.ChiefAccountant)))
                session.Insert(DifferenceNotice(NotificationId(report.Id, user.Id), user.Id, month, reconciliation, time.Now));
        }
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The notice of a reconciliation that differs: each figure with an unexplained difference, its accounts, both
    /// amounts and the difference.</summary>
    public static Notification DifferenceNotice(Guid id, Guid userId, YearMonth month, ReconciliationReport r, Instant now)
    {
        static string Amount(long dong) => Money.Of(dong).ToDisplayString();
        var lines = r.Differences.Select(d =>
            $"{d.Label} (TK {string.Join("+", d.Accounts)}): sổ kế toán {Amount(d.Journal)}, số liệu vốn {Amount(d.Capital)}, "
            + $"chênh lệch {Amount(d.Difference)}"
            + (d.Explained == 0 ? "" : $", trong đó bút toán điều chỉnh giải thích {Amount(d.Explained)}, chưa giải thích {Amount(d.Unexplained)}")
            + ".");
        return new Notification
        {
            Id = id, UserId = userId,
            Title = $"Sổ kế toán tháng {PeriodRules.Display(month)} chưa khớp với số liệu vốn",
            Body = $"Đối chiếu ngày {VietnameseFormat.Date(r.AsOf)} sau khi khoá sổ: " + string.Join(" ", lines),
            Link = $"/api/accounting/reconciliation?asOf={r.AsOf:yyyy-MM-dd}",
            CreatedAt = now, CreatedAtMs = now.ToUnixTimeMilliseconds(),
        };
    }
}
