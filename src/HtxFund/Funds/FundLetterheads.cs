using HtxFund.Documents.Letters;

namespace HtxFund.Funds;

/// <summary>The fund's office holders who sign for it (configuration <c>HtxFund:Letterheads:{fundId}:Chairman</c>, the
/// chair of the board who signs its decisions, and <c>:Director</c>, who signs his decisions and the credit contracts).
/// Null when not configured: the documents then print the position and leave the name to be written by hand (a
/// Director's own decision prints the name of the Director who took it).</summary>
public sealed record FundOfficeHolders(string? Chairman, string? Director);

/// <summary>The letterhead a fund prints on its letters, contracts and notices: configuration
/// (<c>HtxFund:Letterheads:{fundId}:SuperiorBody</c> and <c>:ContactLines</c>) first, then the fund's own
/// <see cref="Fund.Letterhead"/>, then the People's Committee of <paramref name="province"/> and the fund's name.</summary>
public static class FundLetterheads
{
    public static FundLetterhead Resolve(IConfiguration configuration, Fund? fund, string fundId, string province)
    {
        var section = configuration.GetSection($"HtxFund:Letterheads:{fundId}");
        var (superior, printedName, contacts) = fund?.LetterheadLines() ?? (null, null, []);
        return new FundLetterhead(
            section["SuperiorBody"] ?? superior ?? DefaultSuperiorBody(fund, province),
            printedName ?? Fund.NameOf(fund).ToUpperInvariant(),
            section.GetSection("ContactLines").Get<string[]>() ?? contacts);
    }

    /// <summary>The office holders configured for the fund (blank values count as not configured).</summary>
    public static FundOfficeHolders OfficeHolders(IConfiguration configuration, string fundId)
    {
        var section = configuration.GetSection($"HtxFund:Letterheads:{fundId}");
        static string? Name(string? value) => string.IsNullOrWhiteSpace(value) ? null : Reference.VietnameseText.Normalize(value);
        return new FundOfficeHolders(Name(section["Chairman"]), Name(section["Director"]));
    }

    /// <summary>The superior body printed above the fund's name when neither configuration nor the fund's own letterhead
    /// names one: the Vietnam Cooperative Alliance for the central fund, else the People's Committee of the province.</summary>
    public static string DefaultSuperiorBody(Fund? fund, string? province) =>
        fund?.Kind == FundKind.Central || string.IsNullOrWhiteSpace(province)
            ? "LIÊN MINH HỢP TÁC XÃ VIỆT NAM"
            : $"ỦY BAN NHÂN DÂN TỈNH {province.ToUpperInvariant()}";

    /// <summary>The superior body alone (configuration, the fund's own letterhead, then <see cref="DefaultSuperiorBody"/>).</summary>
    public static string SuperiorBody(IConfiguration? configuration, Fund? fund) =>
        configuration?[$"HtxFund:Letterheads:{fund?.Id}:SuperiorBody"] ?? fund?.LetterheadLines().SuperiorBody
        ?? DefaultSuperiorBody(fund, fund?.ProvinceName);
}
