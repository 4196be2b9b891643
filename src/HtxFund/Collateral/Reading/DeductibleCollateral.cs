using HtxFund.Lending;
using Marten;
using NodaTime;

namespace HtxFund.Collateral.Reading;

/// <summary>One item's part of a loan's deductible collateral value, as a provision used it (kept on the classification
/// result and shown by the reports): the valuation, its value and date, the type's deduction rate, the share pledged.</summary>
public sealed record CollateralUsed(Guid ItemId, CollateralType Type, Guid ValuationId, long Value, LocalDate ValuedOn, decimal DeductionRatePercent,
    decimal SharePercent, long Deductible);

/// <summary>A loan's deductible collateral value at a date and the items it comes from.</summary>
public sealed record LoanDeductibleCollateral(long Deductible, IReadOnlyList<CollateralUsed> Items)
{
    public static LoanDeductibleCollateral None { get; } = new(0, []);
}

/// <summary>
/// The deductible collateral value of loans at a cut-off date (<see cref="CollateralDeduction"/>), read from the register
/// a batch of loans at a time: one query finds the items ever pledged to any loan of the batch. With
/// <c>knownAt</c> (a report's event sequence), a second query reads how far each item's stream had gone by then, and
/// each item is taken as it was at that version (<see cref="CollateralItem.AsKnownAt"/>): a valuation or a release
/// recorded later is not seen, so reproducing an old report gives its old figure.
/// </summary>
public static class DeductibleCollateral
{
    public static async Task<IReadOnlyDictionary<Guid, LoanDeductibleCollateral>> ForLoansAsync(IQuerySession session, IReadOnlyCollection<Guid> loanIds,
        LocalDate cutOff, CollateralSettings settings, long? knownAt, CancellationToken ct)
    {
        var result = new Dictionary<Guid, LoanDeductibleCollateral>();
        if (loanIds.Count == 0) return result;
        var items = await PledgedToAsync(session, loanIds, ct);
        var wanted = loanIds.ToHashSet();
        var versions = knownAt is { } at && items.Count > 0 ? await VersionsAtAsync(session, items.Select(i => i.Id).ToArray(), at, ct) : null;
        var known = items.Select(i => versions is null ? i : i.AsKnownAt(versions.GetValueOrDefault(i.Id))).OfType<CollateralItem>().ToArray();
        foreach (var loanId in known.SelectMany(i => i.Pledges.Select(p => p.LoanId)).Where(wanted.Contains).Distinct())
            result[loanId] = Of(known, loanId, cutOff, settings);
        return result;
    }

    /// <summary>The deductible value of <paramref name="loanId"/> from <paramref name="items"/> (those pledged to it among them).</summary>
    public static LoanDeductibleCollateral Of(IEnumerable<CollateralItem> items, Guid loanId, LocalDate cutOff, CollateralSettings settings)
    {
        var types = new Dictionary<Guid, CollateralType>();
        var pledges = new List<PledgedCollateral>();
        foreach (var item in items)
        {
            types[item.Id] = item.Type;
            pledges.AddRange(item.PledgesTo(loanId, settings));
        }
        var deduction = CollateralDeduction.At(pledges, cutOff);
        return deduction.Lines.Count == 0 ? LoanDeductibleCollateral.None : new LoanDeductibleCollateral(deduction.Total.Dong,
            deduction.Lines.Select(l => new CollateralUsed(l.ItemId, types[l.ItemId], l.ValuationId, l.Value.Dong, l.ValuedOn, l.DeductionRatePercent,
                l.SharePercent, l.Deductible.Dong)).ToArray());
    }

    private sealed record StreamAt(Guid StreamId, long Version);

    /// <summary>The version each of <paramref name="itemIds"/>' streams had when the log ended at <paramref name="sequence"/>
    /// (absent: not started by then), in one query.</summary>
    private static async Task<IReadOnlyDictionary<Guid, long>> VersionsAtAsync(IQuerySession session, Guid[] itemIds, long sequence, CancellationToken ct)
    {
        var schema = ((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName;
        var rows = await session.AdvancedSql.QueryAsync<StreamAt>(
            $"select json_build_object('streamId', e.stream_id, 'version', max(e.version)) from {schema}.mt_events e " +
            "where e.tenant_id = ? and e.stream_id = any(?) and e.seq_id <= ? group by e.stream_id", ct, session.TenantId, itemIds, sequence);
        return rows.ToDictionary(r => r.StreamId, r => r.Version);
    }

    /// <summary>The items of the session's fund ever pledged to any of <paramref name="loanIds"/> (one query).</summary>
    public static async Task<IReadOnlyList<CollateralItem>> PledgedToAsync(IQuerySession session, IReadOnlyCollection<Guid> loanIds, CancellationToken ct)
    {
        var schema = ((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName;
        var keys = loanIds.Select(id => id.ToString()).ToArray();
        var sql = $"select d.data from {schema}.mt_doc_collateralitem d where d.tenant_id = ? and jsonb_exists_any(d.data -> 'pledgedLoanIds', ?)";
        return [.. await session.QueryAsync<CollateralItem>(sql, ct, session.TenantId, keys)];
    }
}
