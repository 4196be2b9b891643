namespace HtxFund.Lending;

/// <summary>
/// Specific-provision rates per debt group, in percent. Defaults are the microfinance rates of
/// Decree 86/2024/ND-CP (11/07/2024): 0 / 2 / 25 / 50 / 100 %. Each rate is within 0–100 % and rates never fall
/// as the group worsens.
/// </summary>
public sealed record ProvisionRates
{
    public ProvisionRates(decimal group1Percent, decimal group2Percent, decimal group3Percent, decimal group4Percent, decimal group5Percent)
    {
        decimal[] rates = [group1Percent, group2Percent, group3Percent, group4Percent, group5Percent];
        for (var i = 0; i < rates.Length; i++)
        {
            if (rates[i] is < 0m or > 100m)
                throw new ArgumentException($"The group {i + 1} provision rate must be between 0 % and 100 %, not {rates[i]} %.");
            if (i > 0 && rates[i] < rates[i - 1])
                throw new ArgumentException($"The group {i + 1} provision rate ({rates[i]} %) is below the group {i} rate ({rates[i - 1]} %).");
        }
        Group1Percent = group1Percent;
        Group2Percent = group2Percent;
        Group3Percent = group3Percent;
        Group4Percent = group4Percent;
        Group5Percent = group5Percent;
    }

    /// <summary>0 / 2 / 25 / 50 / 100 %, Decree 86/2024/ND-CP for microfinance institutions.</summary>
    public static ProvisionRates Decree86Of2024Microfinance { get; } = new(0m, 2m, 25m, 50m, 100m);

    public decimal Group1Percent { get; }
    public decimal Group2Percent { get; }
    public decimal Group3Percent { get; }
    public decimal Group4Percent { get; }
    public decimal Group5Percent { get; }

    public decimal For(DebtGroup group) => group switch
    {
        DebtGroup.Group1 => Group1Percent,
        DebtGroup.Group2 => Group2Percent,
        DebtGroup.Group3 => Group3Percent,
        DebtGroup.Group4 => Group4Percent,
        DebtGroup.Group5 => Group5Percent,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown debt group."),
    };
}
