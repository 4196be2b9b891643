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
/// <c>knownAt</c> (a report's event sequence), each item is taken as it was known when the log ended there
/// (<see cref="CollateralItem.AsKnownAt"/>): a valuation or a release recorded later is not seen, so reproducing an old
/// report gives its old figure.
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
        var known = items.Select(i => knownAt is { } at ? i.AsKnownAt(at) : i).OfType<CollateralItem>().ToArray();
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

    /// <summary>The items of the session's fund ever pledged to any of <paramref name="loanIds"/> (one query).</summary>
    public static async Task<IReadOnlyList<CollateralItem>> PledgedToAsync(IQuerySession session, IReadOnlyCollection<Guid> loanIds, CancellationToken ct)
    {
        var schema = ((StoreOptions)session.DocumentStore.Options).DatabaseSchemaName;
        var keys = loanIds.Select(id => id.ToString()).ToArray();
        var sql = $"select d.data from {schema}.mt_doc_collateralitem d where d.tenant_id = ? and jsonb_exists_any(d.data -> 'pledgedLoanIds', ?)";
        return [.. await session.QueryAsync<CollateralItem>(sql, ct, session.TenantId, keys)];
    }
}
