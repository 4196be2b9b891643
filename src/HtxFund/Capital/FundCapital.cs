using HtxFund.Lending;
using Marten;
using NodaTime;

namespace HtxFund.Capital;

/// <summary>Where a fund's capital lives and how other slices read and write it.</summary>
public static class FundCapital
{
    /// <summary>The capital stream of every fund (streams and documents are tenant-scoped, so one id serves each fund).</summary>
    public static readonly Guid StreamId = new("3c0f1a9e-6b52-4d7a-9e21-70a11c1e0002");

    /// <summary>The whole-đồng ceiling of any single capital amount: 10^15 ₫.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    /// <summary>The name of the fund's capital lock (<see cref="Infrastructure.Database.AdvisoryLocks"/>).</summary>
    private static string LockName(string fund) => $"htxfund:disbursement:{fund}";

    /// <summary>A stable 64-bit key per fund for <c>pg_advisory_xact_lock</c>.</summary>
    public static long LockKey(string fund) => Infrastructure.Database.AdvisoryLocks.Key(LockName(fund));

    /// <summary>
    /// Begins the session's transaction and takes the fund's capital lock for the rest of it (released by the commit or
    /// rollback). It serialises what can take the fund's cash below zero, each of which decides on the ledger left by the
    /// last one committed: a tranche's confirmation, a repayment's reversal, a charter capital withdrawal, a repayment of
    /// other capital. The other appends to the fund's single capital stream (contributions, other capital received,
    /// retained results, provisions: rare entries of the books) hold it too, so that no two of them race for the stream's
    /// next version. Repayments take no fund lock: they only add cash, on their loan's stream (docs/operations.md, "The
    /// capital ledger").
    /// </summary>
    public static async Task LockAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await HoldLockAsync(session, ct);
    }

    /// <summary>Takes the fund's capital lock in the transaction the session already runs in (its own, or the caller's).</summary>
    public static Task HoldLockAsync(IDocumentSession session, CancellationToken ct) =>
        Infrastructure.Database.AdvisoryLocks.HoldAsync(session, LockName(session.TenantId), ct);

    /// <summary>Appends <paramref name="entry"/> to the fund's capital stream at the stream's next version (read now: one
    /// primary-key read), so the inline projection of the ledger's lines knows the event's place. Call it holding the
    /// fund's lock (<see cref="LockAsync"/>); a writer without it makes this append fail on the version.</summary>
    public static async Task AppendAsync(IDocumentSession session, object entry, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(StreamId, ct);
        if (state is null) session.Events.StartStream<FundCapitalStream>(StreamId, entry); // the aggregate of every fund's capital stream
        else session.Events.Append(StreamId, state.Version + 1, entry);
    }

    /// <summary>The fund's ledger with every line committed so far (and, in a transaction, its own), summed by the database
    /// (<see cref="CapitalLedgerSums"/>).</summary>
    public static Task<FundCapitalLedger> LedgerAsync(IQuerySession session, CancellationToken ct) =>
        CapitalLedgerSums.ReadAsync(session, null, ct);

    /// <summary>The fund's ledger from the lines whose event has a global sequence at most <paramref name="upToSequence"/>.</summary>
    public static Task<FundCapitalLedger> LedgerAsync(IQuerySession session, long upToSequence, CancellationToken ct) =>
        CapitalLedgerSums.ReadAsync(session, upToSequence, ct);

    /// <summary>Capital committed at the end of <paramref name="asOf"/> to loans approved or contracted and not yet
    /// disbursed (see <see cref="Loans.GettingDetails.LoanDetails.CommittedAsOf"/>).</summary>
    public static async Task<Money> CommittedAsOfAsync(IQuerySession session, LocalDate asOf, CancellationToken ct)
    {
        var loans = await session.Query<Loans.GettingDetails.LoanDetails>()
            .Where(x => x.Stage != Loans.LoanStage.Application)
            .ToListAsync(ct);
        return Money.Of(loans.Sum(l => l.CommittedAsOf(asOf)));
    }

    /// <summary>Actual charter capital (vốn điều lệ thực có, Decree 45/2021 Art 2.3) of the session's fund at the end of
    /// <paramref name="asOf"/>: charter capital ± the retained result at that date. Zero when nothing is recorded.</summary>
    public static async Task<Money> ActualCharterCapitalAsync(IQuerySession session, LocalDate asOf, CancellationToken ct) =>
        (await LedgerAsync(session, ct)).FiguresAsOf(asOf).ActualCharterCapital;
}
