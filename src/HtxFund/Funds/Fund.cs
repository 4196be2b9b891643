using Marten;

namespace HtxFund.Funds;

public enum FundKind
{
    /// <summary>Quỹ hỗ trợ phát triển HTX Việt Nam: lends nationwide (Decree 45/2021 Art 20.2).</summary>
    Central,
    /// <summary>A provincial fund: lends only within its own province (Decree 45/2021 Art 20.2).</summary>
    Provincial,
}

/// <summary>A fund served by this deployment. Its <see cref="Id"/> is the Marten tenant id of all its data.</summary>
public sealed record Fund
{
    /// <summary>The generic name of a fund, printed and sent where a fund's own name is not known.</summary>
    public const string GenericName = "Quỹ hỗ trợ phát triển hợp tác xã";

    /// <summary>The fund's name, or <see cref="GenericName"/> when the fund is not known.</summary>
    public static string NameOf(Fund? fund) => fund?.Name ?? GenericName;

    /// <summary>Tenant id, e.g. <c>daklak</c>.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required FundKind Kind { get; init; }
    /// <summary>The province a provincial fund serves (canonical name from <see cref="Reference.Provinces"/>).</summary>
    public string? ProvinceName { get; init; }
    /// <summary>Letterhead for documents, one item per line: the superior body (e.g. "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
    /// the fund's name as printed, then contact lines (address, phone). Configuration
    /// <c>HtxFund:Letterheads:{fundId}:SuperiorBody</c> and <c>:ContactLines</c> override it.</summary>
    public string? Letterhead { get; init; }

    public (string? SuperiorBody, string? PrintedName, IReadOnlyList<string> ContactLines) LetterheadLines()
    {
        var lines = (Letterhead ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines.ElementAtOrDefault(0), lines.ElementAtOrDefault(1), lines.Skip(2).ToArray());
    }
}

public static class FundsConfiguration
{
    public static StoreOptions ConfigureFunds(this StoreOptions opts)
    {
        opts.Schema.For<Fund>().SingleTenanted();
        return opts;
    }
}

public static class ServedFunds
{
    /// <summary>The ids of every fund this deployment serves, in id order: what each scheduled job runs once per fund for.</summary>
    public static async Task<IReadOnlyList<string>> IdsAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.Query<Fund>().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct);
    }
}
