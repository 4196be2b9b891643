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

    /// <summary>The name of the lock of the fund's capital stream.</summary>
    private static string StreamLockName(string fund) => $"htxfund:capital-stream:{fund}";

    /// <summary>A stable 64-bit key per fund for <c>pg_advisory_xact_lock</c>: the fund's capital lock.</summary>
    public static long LockKey(string fund) => Infrastructure.Database.AdvisoryLocks.Key(LockName(fund));

    /// <summary>
    /// Begins the session's transaction and takes the fund's capital lock for the rest of it (released by the commit or
    /// rollback). It serialises what can take the fund below zero, each of which decides on the ledger left by the last
    /// one committed: a tranche's confirmation, a repayment's reversal, a charter capital withdrawal, a repayment of other
    /// capital, and a retained result (a balance that replaces the last one, so it can lower the actual charter capital
    /// on which a confirmation checks the lending limits). What only adds to the fund takes no fund lock: a contribution,
    /// other capital received (they append to the capital stream under its own lock, <see cref="LockStreamAsync"/>), and a
    /// loan repayment (docs/operations.md, "The capital ledger"). An inflow committed while an outflow is decided can
    /// only leave more than the outflow saw.
    /// </summary>
    public static async Task LockAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await HoldLockAsync(session, ct);
    }

    /// <summary>Takes the fund's capital lock in the transaction the session already runs in (its own, or the caller's).</summary>
    public static Task HoldLockAsync(IDocumentSession session, CancellationToken ct) =>
        Infrastructure.Database.AdvisoryLocks.HoldAsync(session, LockName(session.TenantId), ct);

    /// <summary>Begins the session's transaction and takes the lock of the fund's capital stream: the appends to the stream
    /// (every capital entry) are made one after the other, each at the version the last one committed left, and a fund's
    /// first entries never race to start it. Whoever holds the fund's capital lock as well takes it after that one
    /// (<see cref="LockOutflowAsync"/>, <c>FundCapitalLockPolicy</c>), so the two are always taken in the same order.</summary>
    public static async Task LockStreamAsync(IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await HoldStreamLockAsync(session, ct);
    }

    /// <summary>Begins the session's transaction and takes the fund's capital lock, then its capital stream's: the step of a
    /// capital entry that can take the fund below zero.</summary>
    public static async Task LockOutflowAsync(IDocumentSession session, CancellationToken ct)
    {
        await LockAsync(session, ct);
        await HoldStreamLockAsync(session, ct);
    }

    private static Task HoldStreamLockAsync(IDocumentSession session, CancellationToken ct) =>
        Infrastructure.Database.AdvisoryLocks.HoldAsync(session, StreamLockName(session.TenantId), ct);

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
