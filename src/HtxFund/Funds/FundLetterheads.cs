using HtxFund.Documents.Letters;

namespace HtxFund.Funds;

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
            section["SuperiorBody"] ?? superior ?? $"ỦY BAN NHÂN DÂN TỈNH {province.ToUpperInvariant()}",
            printedName ?? (fund?.Name ?? "Quỹ hỗ trợ phát triển hợp tác xã").ToUpperInvariant(),
            section.GetSection("ContactLines").Get<string[]>() ?? contacts);
    }
}
