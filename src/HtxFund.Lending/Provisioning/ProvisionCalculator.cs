namespace HtxFund.Lending;

/// <summary>Provisions for one loan.</summary>
/// <param name="Group">The debt group applied.</param>
/// <param name="PrincipalOutstanding">Outstanding principal provisioned against.</param>
/// <param name="DeductibleCollateral">Collateral value the caller deems deductible (after haircuts).</param>
/// <param name="SpecificBase">max(0, principal − deductible collateral).</param>
/// <param name="SpecificRatePercent">The group's specific rate.</param>
/// <param name="Specific">Specific provision, rounded half away from zero.</param>
/// <param name="General">General provision on groups 1–4 principal, rounded half away from zero.</param>
/// <param name="RecogniseInterestAsIncome">Interest accrues to income only in group 1 (Circular 52/2022/TT-BTC Art 5.2).</param>
/// <param name="Excluded">Entrusted lending on which the fund bears no risk needs no provision (Decree 45/2021 Art 28.2).</param>
public sealed record LoanProvision(
    DebtGroup Group,
    Money PrincipalOutstanding,
    Money DeductibleCollateral,
    Money SpecificBase,
    decimal SpecificRatePercent,
    Money Specific,
    Money General,
    bool RecogniseInterestAsIncome,
    bool Excluded)
{
    public Money Total => Specific + General;
}

/// <summary>Totals of provisions over many loans.</summary>
public sealed record ProvisionTotals(int Loans, Money PrincipalOutstanding, Money Specific, Money General, Money BadDebtPrincipal)
{
    public Money Total => Specific + General;

    public static ProvisionTotals Empty { get; } = new(0, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    public ProvisionTotals Add(LoanProvision provision) => new(
        Loans + 1,
        PrincipalOutstanding + provision.PrincipalOutstanding,
        Specific + provision.Specific,
        General + provision.General,
        BadDebtPrincipal + (provision.Group >= DebtGroup.Group3 ? provision.PrincipalOutstanding : Money.Zero));
}

/// <summary>
/// Loan-loss provisions under Decree 86/2024/ND-CP (Decree 45/2021 Art 28.1 points to the SBV/Government rules for
/// microfinance institutions):
/// specific provision = max(0, outstanding principal − deductible collateral value) × the group's rate
/// (default 0/2/25/50/100 %); general provision = outstanding principal of groups 1–4 × the general rate
/// (default 0.75 %, an assumption: unconfirmed for microfinance).
/// </summary>
public static class ProvisionCalculator
{
    public static LoanProvision Calculate(
        DebtGroup group,
        Money principalOutstanding,
        Money deductibleCollateral,
        LendingPolicy policy,
        bool entrustedWithoutRisk = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!Enum.IsDefined(group))
            throw new ArgumentException($"Unknown debt group {group}.", nameof(group));
        if (principalOutstanding.IsNegative)
            throw new ArgumentException($"Outstanding principal cannot be negative ({principalOutstanding}).", nameof(principalOutstanding));
        if (deductibleCollateral.IsNegative)
            throw new ArgumentException($"A deductible collateral value cannot be negative ({deductibleCollateral}).", nameof(deductibleCollateral));

        var rate = policy.SpecificProvisionRates.For(group);
        var recognise = group == DebtGroup.Group1;
        if (entrustedWithoutRisk)
            return new LoanProvision(group, principalOutstanding, deductibleCollateral, Money.Zero, rate, Money.Zero, Money.Zero, recognise, Excluded: true);

        var specificBase = Money.Max(Money.Zero, principalOutstanding - deductibleCollateral);
        var specific = specificBase.Percent(rate);
        var general = group <= DebtGroup.Group4 ? principalOutstanding.Percent(policy.GeneralProvisionRatePercent) : Money.Zero;
        return new LoanProvision(group, principalOutstanding, deductibleCollateral, specificBase, rate, specific, general, recognise, Excluded: false);
    }

    /// <summary>Classifies a valued loan and provisions it in one step.</summary>
    public static LoanProvision Calculate(
        LoanValuation valuation,
        Money deductibleCollateral,
        LendingPolicy policy,
        DebtGroup? manualOverride = null,
        bool entrustedWithoutRisk = false)
    {
        var classification = DebtClassifier.Classify(valuation, policy, manualOverride);
        return Calculate(classification.Group, valuation.PrincipalOutstanding, deductibleCollateral, policy, entrustedWithoutRisk);
    }
}
