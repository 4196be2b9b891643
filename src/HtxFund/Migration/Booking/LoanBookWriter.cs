using HtxFund.Applications;
using HtxFund.Collateral;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Loans;
using Marten;

namespace HtxFund.Migration.Booking;

/// <summary>
/// The I/O of a booking: what the fund already holds (read before deciding) and the decided streams written in batches,
/// the portfolio seeder's bulk way: many streams per transaction, the inline projections (the loan, its view, the
/// cooperative, the collateral register, the capital ledger) updated in the same transaction. Each batch is all or
/// nothing. A failure mid-way leaves the batches before it booked; confirming again books the rest (the loans already
/// booked are found by their name-based ids and skipped, the cooperatives registered by their tax code).
/// </summary>
public static class LoanBookWriter
{
    public const int BatchSize = 250;

    public static async Task<FundHoldings> HoldingsAsync(IQuerySession session, LoanBookFile file, string fundId, CancellationToken ct)
    {
        var taxCodes = file.Cooperatives.Select(c => c.TaxCode).Concat(file.Members.Select(m => m.CooperativeTaxCode))
            .Concat(file.Loans.Select(l => l.BorrowerTaxCode)).Distinct().ToArray();
        var details = await session.Query<CooperativeDetails>().Where(x => x.TaxCode.IsOneOf(taxCodes)).ToListAsync(ct);
        var cooperatives = new Dictionary<string, ExistingCooperative>();
        foreach (var d in details)
        {
            var aggregate = await session.Events.AggregateStreamAsync<Cooperative>(d.Id, token: ct);
            var state = await session.Events.FetchStreamStateAsync(d.Id, ct);
            if (aggregate is null || state is null) continue;
            cooperatives[d.TaxCode] = new ExistingCooperative(d.Id, d.Name, d.Province, d.MainSector, state.Version, aggregate,
                d.Members.Select(m => new ExistingMember(m.MemberId, m.FullName, m.NationalId, m.OrganisationTaxCode)).ToList());
        }
        var ids = file.Loans.Select(l => LoanBookIds.Loan(fundId, l.ContractNumber)).ToArray();
        var booked = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(1000))
            booked.UnionWith(await session.Query<Loan>().Where(x => x.Id.IsOneOf(chunk)).Select(x => x.Id).ToListAsync(ct));
        return new FundHoldings(cooperatives, booked);
    }

    /// <summary>The cooperatives (new ones and new members of existing ones) in one transaction, then the loans
    /// <paramref name="batchSize"/> at a time, each batch with its collateral items and bank references.</summary>
    public static async Task WriteAsync(IDocumentStore store, string fundId, LoanBookPlan plan, CancellationToken ct, int batchSize = BatchSize)
    {
        if (plan.Cooperatives.Count > 0)
        {
            await using var s = store.LightweightSession(fundId);
            foreach (var c in plan.Cooperatives)
            {
                if (c.ExpectedVersion == 0) s.Events.StartStream<Cooperative>(c.Id, c.Events);
                else s.Events.Append(c.Id, c.ExpectedVersion, c.Events);
            }
            await s.SaveChangesAsync(ct);
        }
        foreach (var batch in plan.Loans.Chunk(batchSize))
        {
            await using var s = store.LightweightSession(fundId);
            foreach (var loan in batch)
            {
                s.Events.StartStream<LoanApplication>(loan.LoanId, loan.Events);
                foreach (var item in loan.Collateral) s.Events.StartStream<CollateralItem>(item.Id, item.Events);
                foreach (var document in loan.Documents) s.Insert(document);
            }
            await s.SaveChangesAsync(ct);
        }
    }
}
