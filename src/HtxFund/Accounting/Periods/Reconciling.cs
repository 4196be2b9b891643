using HtxFund.Accounting.Reading;
using HtxFund.Capital;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.CapitalAdequacy;
using Marten;
using NodaTime;

namespace HtxFund.Accounting.Periods;

/// <summary>The reconciliation of the books at the end of <see cref="AsOf"/>: one row per figure (see
/// <see cref="Reconciliation"/>), with the setup version whose mapping named the accounts and the event sequence both sides
/// were read up to (the journal's progress: the capital side is cut at the same event, so an event the journal has not
/// posted yet is not a difference). <see cref="WithInterest"/>: a month end whose interest accrual is booked.</summary>
public sealed record ReconciliationReport(LocalDate AsOf, int SetupVersion, long? ThroughSequence, bool WithInterest,
    IReadOnlyList<ReconciliationRow> Rows)
{
    public bool Reconciled => Rows.All(r => r.Reconciled);

    public IEnumerable<ReconciliationRow> Differences => Rows.Where(r => !r.Reconciled);
}

public static class Reconciling
{
    /// <summary>Reconciles the session's fund at <paramref name="asOf"/> at one cut of the event log: the journal's progress is
    /// read before and after its balances and the read is done again when the journal moved in between.</summary>
    public static async Task<ReconciliationReport> ComputeAsync(IQuerySession session, IDocumentStore store, LocalDate asOf, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var through = await JournalProgress.ThroughAsync(store, ct);
            var adjustments = await AdjustmentsAsync(session, asOf, through, ct);
            var balances = (await JournalSums.MovementsAsync(session, asOf, asOf, ct)).ToDictionary(m => m.Account, m => m.Closing);
            if (await JournalProgress.ThroughAsync(store, ct) != through && attempt < 5) continue;

            var books = await session.LoadAsync<FundBooks>(FundBooks.StreamId, ct) ?? new FundBooks();
            var month = new YearMonth(asOf.Year, asOf.Month);
            var withInterest = asOf == PeriodRules.LastDay(month) && books.AccruedMonths.Contains(PeriodRules.Format(month));
            var ledger = through is { } s ? await FundCapital.LedgerAsync(session, s, ct) : await FundCapital.LedgerAsync(session, ct);
            var interest = withInterest ? (await CapitalAdequacyService.ComputeAsync(session, asOf, through, ct)).Interest : null;
            var rows = BooksReconciliation.Accounts(books.Setup.Mapping, withInterest && interest is not null)
                .Select(f => BooksReconciliation.Row(f, balances, adjustments, f.Figure switch
                {
                    ReconciledFigure.Cash => ledger.CashAsOf(asOf).Dong,
                    ReconciledFigure.OutstandingPrincipal => ledger.OutstandingPrincipalAsOf(asOf).Dong,
                    ReconciledFigure.ProvisionsHeld => ledger.ProvisionsHeldAsOf(asOf).Dong,
                    ReconciledFigure.PrincipalOffBalance => ledger.PrincipalOffBalanceAsOf(asOf).Dong,
                    ReconciledFigure.InterestOnBalance => interest!.OnBalance,
                    ReconciledFigure.InterestOffBalance => interest!.OffBalance,
                    _ => throw new ArgumentOutOfRangeException(nameof(f), f.Figure, null),
                }))
                .ToList();
            return new ReconciliationReport(asOf, books.Setup.Version, through, withInterest && interest is not null, rows);
        }
    }

    /// <summary>Per account, the net (debit − credit) of the adjusting entries whose movement is dated on or before
    /// <paramref name="asOf"/> and which are posted after it (up to the journal's progress).</summary>
    private static async Task<Dictionary<string, long>> AdjustmentsAsync(IQuerySession session, LocalDate asOf, long? through,
        CancellationToken ct)
    {
        var day = CapitalLedgerEntry.DayOf(asOf);
        var upTo = through ?? long.MaxValue;
        var lines = await session.Query<JournalLine>()
            .Where(l => l.IsAdjustment && l.BusinessDay <= day && l.PostingDay > day && l.EventSequence <= upTo)
            .Select(l => new { l.Account, l.Debit, l.Credit })
            .ToListAsync(ct);
        return lines.GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
    }
}
