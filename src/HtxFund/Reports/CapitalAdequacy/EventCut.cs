using HtxFund.Borrowers;
using HtxFund.Capital;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>
/// The fund's state as it was when its event log ended at <see cref="HighestSequence"/>: every aggregate is folded
/// from the raw events of its stream with sequence ≤ that number (Marten <c>QueryAllRawEvents</c> filtered on the
/// stream and the sequence, folded with <c>AggregateToAsync</c>), never from the inline snapshots, which hold every
/// event. So a report computed at a recorded sequence is computed again, identically, after any later event,
/// including backdated ones. Loans are read a batch at a time: a loan's inline snapshot (<see cref="Loan"/>) is
/// used only when it is exactly the fold of the events up to the cut (no event of its stream after the cut, checked in
/// the statement that reads it); any other loan is folded from its events up to the cut. So memory holds two batches at
/// most.
/// <para>Read-only data used beside the events never changes once written for what the report reads: the loan list
/// (ids of the loan snapshots and loan read models; a loan whose events at the cut are not yet an approved loan is left
/// out), the borrower's name (from the application's first event) and the cooperatives' registration data (name, type,
/// district, sector, priority flags; members added later borrow nothing before the cut).</para>
/// </summary>
public sealed class EventCut(IQuerySession session, long highestSequence)
{
    public long HighestSequence { get; } = highestSequence;
    public IQuerySession Session { get; } = session;

    /// <summary>The highest event sequence of the session's fund now (0 when it has no events).</summary>
    public static async Task<long> CurrentSequenceAsync(IQuerySession session, CancellationToken ct)
    {
        var last = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Take(1).ToListAsync(ct);
        return last.Count == 0 ? 0 : last[0].Sequence;
    }

    public static async Task<EventCut> NowAsync(IQuerySession session, CancellationToken ct) =>
        new(session, await CurrentSequenceAsync(session, ct));

    private IQueryable<IEvent> Stream(Guid id) =>
        Session.Events.QueryAllRawEvents().Where(e => e.StreamId == id && e.Sequence <= HighestSequence).OrderBy(e => e.Sequence);

    /// <summary>The stream <paramref name="id"/> folded into <typeparamref name="T"/> from its events up to the cut; null when it had none.</summary>
    public async Task<T?> AggregateAsync<T>(Guid id, CancellationToken ct) where T : class
    {
        if (!await Stream(id).AnyAsync(ct)) return null;
        return await Stream(id).AggregateToAsync<T>(null, ct);
    }

    /// <summary>Of <paramref name="ids"/>, the streams whose first event is at or before the cut (one query per batch).</summary>
    public async Task<IReadOnlySet<Guid>> StartedAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var array = ids.ToArray();
        var firsts = await Session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(array) && e.Version == 1 && e.Sequence <= HighestSequence).ToListAsync(ct);
        return firsts.Select(e => e.StreamId).ToHashSet();
    }

    /// <summary>The fund's capital ledger from the lines whose event is at or before the cut (the capital stream's entries
    /// and the loans' disbursements, repayments and reversals, summed by the database: <see cref="CapitalLedgerSums"/>).</summary>
    public Task<FundCapitalLedger> LedgerAsync(CancellationToken ct) => FundCapital.LedgerAsync(Session, HighestSequence, ct);

    public async Task<FundPolicy> PolicyAsync(CancellationToken ct) =>
        (await AggregateAsync<FundPolicyStream>(FundPolicies.StreamId, ct))?.Current ?? FundPolicy.Default;

    public async Task<RelatedPartyRegister> RelatedPartiesAsync(CancellationToken ct) =>
        await AggregateAsync<RelatedPartyRegister>(RelatedParties.StreamId, ct) ?? new RelatedPartyRegister();

    /// <summary>Every loan of the fund at the cut (approved or later), in batches of <paramref name="batchSize"/>, borrower by
    /// borrower (<see cref="LoanBook.BorrowerOrderedIdBatchesAsync"/>: each cooperative's loans together, the cooperative's own
    /// first, then each member's, each borrower's by id): each loan from its inline snapshot when that is exactly the loan at the cut (no event of its stream
    /// after the cut), otherwise folded from its events up to the cut (<see cref="LoanBook.LoadAsync"/>). The next batch is read
    /// while the caller works on the current one (its own query session), so memory holds two batches at most.</summary>
    public async IAsyncEnumerable<IReadOnlyList<Loan>> LoanBatchesAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, int batchSize = LoanBook.DefaultBatchSize)
    {
        await foreach (var batch in LoanBook.PrefetchedAsync(Session.DocumentStore, Session.TenantId, batchSize, null, null, HighestSequence, ct,
            byBorrower: true))
        {
            var loans = batch.Where(l => !l.IsApplication).ToArray();
            if (loans.Length > 0) yield return loans;
        }
    }

    /// <summary>Every loan of the fund at the cut, one at a time (<see cref="LoanBatchesAsync"/>).</summary>
    public async IAsyncEnumerable<Loan> LoansAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, int batchSize = LoanBook.DefaultBatchSize)
    {
        await foreach (var batch in LoanBatchesAsync(ct, batchSize))
            foreach (var loan in batch) yield return loan;
    }
}
