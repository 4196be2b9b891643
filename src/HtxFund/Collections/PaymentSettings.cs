using HtxFund.Lending.Payments;

namespace HtxFund.Collections;

/// <summary>The bank account a fund is repaid to, for its VietQR codes: the bank's 6-digit NAPAS BIN, the account number and
/// the account holder's name (shown beside the code; banks display their own record of it when the code is scanned).</summary>
public sealed record PaymentAccount(string BankBin, string AccountNumber, string AccountName);

/// <summary>
/// <c>HtxFund:Payments</c>: <c>BankBin</c>, <c>AccountNumber</c>, <c>AccountName</c> for every fund, and
/// <c>HtxFund:Payments:Funds:{fund}:…</c> for a fund with its own account (each fund has its own in practice). A fund
/// with neither, or with values a VietQR code cannot carry, has no code: its pages show the payment reference and say the
/// QR code is not configured.
/// </summary>
public sealed class PaymentSettings(PaymentAccount? shared, IReadOnlyDictionary<string, PaymentAccount?> funds)
{
    public const string Section = "HtxFund:Payments";

    public static PaymentSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var funds = section.GetSection("Funds").GetChildren().ToDictionary(f => f.Key, Account, StringComparer.Ordinal);
        return new PaymentSettings(Account(section), funds);
    }

    /// <summary>The account of fund <paramref name="fundId"/>, or null when none is configured (or it is not valid).</summary>
    public PaymentAccount? For(string fundId) => funds.TryGetValue(fundId, out var own) ? own : shared;

    private static PaymentAccount? Account(IConfigurationSection s)
    {
        var (bin, account, name) = (s["BankBin"]?.Trim(), s["AccountNumber"]?.Trim(), s["AccountName"]?.Trim());
        return VietQrPayload.Problem(bin, account, null, "") is null && !string.IsNullOrEmpty(name) ? new PaymentAccount(bin!, account!, name!) : null;
    }
}
