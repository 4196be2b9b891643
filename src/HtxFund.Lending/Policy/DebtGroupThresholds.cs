namespace HtxFund.Lending;

/// <summary>
/// Days-past-due thresholds between the five debt groups for microfinance institutions
/// (Circular 14/2024/TT-NHNN, which Decree 45/2021 Art 28.1 points to): group 2 from 10 days, group 3 from 30,
/// group 4 from 90, group 5 from 180. Must be strictly increasing and positive.
/// </summary>
public sealed record DebtGroupThresholds
{
    public DebtGroupThresholds(int group2FromDays, int group3FromDays, int group4FromDays, int group5FromDays)
    {
        if (group2FromDays < 1)
            throw new ArgumentException($"The group 2 threshold must be at least 1 day past due, not {group2FromDays}.", nameof(group2FromDays));
        if (group3FromDays <= group2FromDays || group4FromDays <= group3FromDays || group5FromDays <= group4FromDays)
            throw new ArgumentException(
                $"Debt-group thresholds must increase strictly: got {group2FromDays}/{group3FromDays}/{group4FromDays}/{group5FromDays} days.");
        Group2FromDays = group2FromDays;
        Group3FromDays = group3FromDays;
        Group4FromDays = group4FromDays;
        Group5FromDays = group5FromDays;
    }

    /// <summary>10/30/90/180 days, Circular 14/2024/TT-NHNN.</summary>
    public static DebtGroupThresholds Circular14Of2024 { get; } = new(10, 30, 90, 180);

    public int Group2FromDays { get; }
    public int Group3FromDays { get; }
    public int Group4FromDays { get; }
    public int Group5FromDays { get; }

    public DebtGroup GroupFor(int daysPastDue) => daysPastDue switch
    {
        _ when daysPastDue >= Group5FromDays => DebtGroup.Group5,
        _ when daysPastDue >= Group4FromDays => DebtGroup.Group4,
        _ when daysPastDue >= Group3FromDays => DebtGroup.Group3,
        _ when daysPastDue >= Group2FromDays => DebtGroup.Group2,
        _ => DebtGroup.Group1,
    };
}
