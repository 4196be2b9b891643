namespace HtxFund.Lending;

/// <summary>A loan's debt group with the reasons for it.</summary>
/// <param name="Group">The group that applies: the worst of the three below.</param>
/// <param name="ByDaysPastDue">The group from days past due alone.</param>
/// <param name="ByRestructuring">The minimum group from restructurings or an interest waiver, if any.</param>
/// <param name="ManualOverride">The override requested, if any; it only applies when worse than the computed group.</param>
/// <param name="DaysPastDue">Days past due of the oldest unpaid amount.</param>
/// <param name="Reason">A sentence explaining the group, for the classification report.</param>
public sealed record DebtClassification(
    DebtGroup Group,
    DebtGroup ByDaysPastDue,
    DebtGroup? ByRestructuring,
    DebtGroup? ManualOverride,
    int DaysPastDue,
    string Reason)
{
    /// <summary>Bad debt (nợ xấu) is groups 3, 4 and 5 (Decree 45/2021 Art 2.4).</summary>
    public bool IsBadDebt => Group >= DebtGroup.Group3;

    /// <summary>Interest may be accrued to income only for group 1 (Circular 52/2022/TT-BTC Art 5.2); otherwise off-balance, cash basis.</summary>
    public bool RecogniseInterestAsIncome => Group == DebtGroup.Group1;

    /// <summary>The manual override was worse than the computed group and therefore applied.</summary>
    public bool OverrideApplied => ManualOverride is { } o && o == Group && o > Max(ByDaysPastDue, ByRestructuring);

    internal static DebtGroup Max(DebtGroup a, DebtGroup? b) => b is { } g && g > a ? g : a;
}

/// <summary>
/// Classifies a loan into debt groups 1–5 under Circular 14/2024/TT-NHNN for microfinance institutions, which
/// Decree 45/2021 Art 28.1 makes the rule for the funds. Classify at least monthly, as of the end of the previous month.
/// <list type="bullet">
/// <item>By days past due: thresholds from <see cref="LendingPolicy.DebtGroupThresholds"/> (default 10/30/90/180).</item>
/// <item>Restructured loans (days past due measured on the restructured schedule): first restructuring at least
///   group 2; late on it: under the group-3 threshold (30 days) group 3, under the group-4 threshold (90) group 4,
///   beyond group 5. Second or later restructuring at least group 4; late on it, group 5.</item>
/// <item>Interest waived or reduced because the borrower cannot pay: at least group 3.</item>
/// <item>A manual override can only move the loan to a worse group; a better one is ignored (and said so).</item>
/// </list>
/// </summary>
public static class DebtClassifier
{
    /// <summary>Classifies a valued loan; an interest waiver granted because the borrower cannot pay
    /// (<see cref="LoanValuation.InterestWaiversForInabilityToPay"/>) counts as <paramref name="interestWaivedForInabilityToPay"/>.</summary>
    public static DebtClassification Classify(
        LoanValuation valuation,
        LendingPolicy policy,
        DebtGroup? manualOverride = null,
        bool interestWaivedForInabilityToPay = false)
    {
        ArgumentNullException.ThrowIfNull(valuation);
        return Classify(valuation.DaysPastDue, valuation.RestructuringCount, policy, manualOverride,
            interestWaivedForInabilityToPay || valuation.InterestWaiversForInabilityToPay > 0);
    }

    public static DebtClassification Classify(
        int daysPastDue,
        int restructuringCount,
        LendingPolicy policy,
        DebtGroup? manualOverride = null,
        bool interestWaivedForInabilityToPay = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (daysPastDue < 0)
            throw new ArgumentException($"Days past due cannot be negative ({daysPastDue}).", nameof(daysPastDue));
        if (restructuringCount < 0)
            throw new ArgumentException($"A restructuring count cannot be negative ({restructuringCount}).", nameof(restructuringCount));
        if (manualOverride is { } requested && !Enum.IsDefined(requested))
            throw new ArgumentException($"Unknown debt group {requested}.", nameof(manualOverride));

        var thresholds = policy.DebtGroupThresholds;
        var byDays = thresholds.GroupFor(daysPastDue);
        DebtGroup? byRestructuring = restructuringCount == 0 ? null : RestructuringFloor(restructuringCount, daysPastDue, thresholds);
        if (interestWaivedForInabilityToPay)
            byRestructuring = DebtClassification.Max(DebtGroup.Group3, byRestructuring);

        var computed = DebtClassification.Max(byDays, byRestructuring);
        var group = DebtClassification.Max(computed, manualOverride);

        var reasons = new List<string>(4) { $"{daysPastDue} days past due gives group {(int)byDays}" };
        if (restructuringCount > 0)
            reasons.Add($"{Ordinal(restructuringCount)} restructuring{(daysPastDue > 0 ? $", {daysPastDue} days late on it" : ", on time")}, gives at least group {(int)RestructuringFloor(restructuringCount, daysPastDue, thresholds)}");
        if (interestWaivedForInabilityToPay)
            reasons.Add("interest waived or reduced because the borrower cannot pay gives at least group 3");
        if (manualOverride is { } o)
            reasons.Add(o > computed
                ? $"manual override to group {(int)o} applied"
                : $"manual override to group {(int)o} ignored: an override can only move a loan to a worse group");
        return new DebtClassification(group, byDays, byRestructuring, manualOverride, daysPastDue,
            $"Group {(int)group}: {string.Join("; ", reasons)} (Circular 14/2024/TT-NHNN).");
    }

    /// <summary>The minimum group of a restructured loan, with days past due counted on the restructured schedule.</summary>
    private static DebtGroup RestructuringFloor(int restructuringCount, int daysPastDue, DebtGroupThresholds thresholds) =>
        restructuringCount == 1
            ? daysPastDue == 0 ? DebtGroup.Group2
                : daysPastDue < thresholds.Group3FromDays ? DebtGroup.Group3
                : daysPastDue < thresholds.Group4FromDays ? DebtGroup.Group4
                : DebtGroup.Group5
            : daysPastDue == 0 ? DebtGroup.Group4 : DebtGroup.Group5;

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", _ => $"{n}th" };
}
