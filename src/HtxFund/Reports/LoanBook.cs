using System.Runtime.CompilerServices;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using JasperFx.Events;
using Marten;

namespace HtxFund.Reports;

/// <summary>
/// Reads the fund's whole loan book in batches, so reports and the monthly classification keep memory flat however
/// many loans the fund has: the loans' read models are streamed from one query (never listed whole), and each batch's
/// <see cref="Loan"/> aggregates are folded from one events query with Marten's own aggregator for <see cref="Loan"/>
/// (the same Create/Apply methods as <c>AggregateStreamAsync</c>; no second copy of any rule).
/// </summary>
public static class LoanBook
{
    public const int DefaultBatchSize = 500;

    /// <summary>Every loan (approved, contracted or closed; never a bare application) of the session's fund, in the
    /// database's id order, <paramref name="batchSize"/> at a time, read slim: id, borrower, stage, contract number,
    /// approval and contract dates and amounts, closure date and tranches (no history, repayments or schedule). The session's connection is busy while the
    /// stream is read: query anything else with another session.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<LoanDetails>> BatchesAsync(IQuerySession session, int batchSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<LoanDetails>(batchSize);
        // only what batch readers use (stage, borrower, tranches, closure, commitments), not the loan's history
        var query = session.Query<LoanDetails>().Where(l => l.Stage != LoanStage.Application).OrderBy(l => l.Id)
            .Select(l => new LoanDetails
            {
                Id = l.Id, CooperativeId = l.CooperativeId, MemberId = l.MemberId, Stage = l.Stage, ContractNumber = l.ContractNumber,
                ApprovedOn = l.ApprovedOn, ApprovedAmount = l.ApprovedAmount, ContractSignedOn = l.ContractSignedOn,
                ContractedAmount = l.ContractedAmount, ClosedOn = l.ClosedOn, Tranches = l.Tranches,
            });
        await foreach (var loan in query.ToAsyncEnumerable(ct))
        {
            batch.Add(loan);
            if (batch.Count < batchSize) continue;
            yield return batch;
            batch = new List<LoanDetails>(batchSize);
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>The <see cref="Loan"/> aggregates of <paramref name="ids"/>, folded from one query over their events
    /// (only the events with sequence ≤ <paramref name="upTo"/> when given: the loans as they were at that point of the log;
    /// a stream with no event by then is left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, Loan>> FoldAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct,
        long? upTo = null)
    {
        var loans = new Dictionary<Guid, Loan>(ids.Count);
        if (ids.Count == 0) return loans;
        var keys = ids.ToArray();
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(keys));
        if (upTo is { } last) query = query.Where(e => e.Sequence <= last);
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(ct);
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<Loan>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var list = stream.ToList();
            if (await aggregator.BuildAsync(list, session, default, ct) is { } loan) loans[stream.Key] = loan;
        }
        return loans;
    }
}
