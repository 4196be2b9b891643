namespace HtxFund.Lending;

/// <summary>A set of calendar months (1 = January … 12 = December), e.g. the months of a seasonal principal moratorium.</summary>
public readonly record struct MonthSet
{
    private readonly int mask;

    private MonthSet(int mask) => this.mask = mask;

    public static MonthSet None => default;

    public static MonthSet Of(params IEnumerable<int> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var mask = 0;
        foreach (var month in months)
        {
            if (month is < 1 or > 12)
                throw new ArgumentException($"A month must be between 1 and 12, not {month}.", nameof(months));
            mask |= 1 << month;
        }
        return new MonthSet(mask);
    }

    /// <summary>Months <paramref name="from"/> to <paramref name="to"/> inclusive; wraps over the year end when from &gt; to (11..2).</summary>
    public static MonthSet Range(int from, int to)
    {
        if (from is < 1 or > 12 || to is < 1 or > 12)
            throw new ArgumentException($"Months must be between 1 and 12, got {from}..{to}.");
        var months = new List<int>();
        for (var m = from; ; m = m % 12 + 1)
        {
            months.Add(m);
            if (m == to)
                break;
        }
        return Of(months);
    }

    public bool Contains(int month) => month is >= 1 and <= 12 && (mask & (1 << month)) != 0;

    public int Count => System.Numerics.BitOperations.PopCount((uint)mask);

    public bool IsEmpty => mask == 0;

    public IEnumerable<int> Months => Enumerable.Range(1, 12).Where(Contains);

    public override string ToString() => IsEmpty ? "none" : string.Join(",", Months);
}
