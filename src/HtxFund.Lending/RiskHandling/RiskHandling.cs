using NodaTime;

namespace HtxFund.Lending;

/// <summary>What the use of provisions does to one loan (Decree 86/2024/ND-CP; Decree 45/2021 Art 28–29): its principal
/// outstanding leaves the balance sheet; the loan's specific provision held is used against it first, capped at the
/// principal, and whatever the provision does not cover is charged to the fund's expenses. The borrower still owes it all.</summary>
/// <param name="PrincipalOffBalance">The principal outstanding taken off the balance sheet (tracked off-balance).</param>
/// <param name="ProvisionsUsed">The specific provision used: min(provision held, principal).</param>
/// <param name="ChargedToExpense">The principal the provision does not cover: a loss of the period.</param>
public sealed record ProvisionUse(Money PrincipalOffBalance, Money ProvisionsUsed, Money ChargedToExpense);

/// <summary>The pure money rules of risk handling: the use of provisions, the earliest write-off from the books (Art 28.3)
/// and the most a recovery after it may bring in.</summary>
public static class RiskHandling
{
    /// <summary>The use of <paramref name="specificProvisionHeld"/> against <paramref name="principalOutstanding"/>.</summary>
    public static ProvisionUse UseProvisions(Money principalOutstanding, Money specificProvisionHeld)
    {
        if (principalOutstanding.IsNegative) throw new ArgumentException("Principal outstanding cannot be negative.", nameof(principalOutstanding));
        if (specificProvisionHeld.IsNegative) throw new ArgumentException("A provision held cannot be negative.", nameof(specificProvisionHeld));
        var used = Money.Min(specificProvisionHeld, principalOutstanding);
        return new ProvisionUse(principalOutstanding, used, principalOutstanding - used);
    }

    /// <summary>The first day the loan may be written off the books: <paramref name="minYears"/> whole years after the
    /// provisions were used (Decree 45/2021 Art 28.3: "at least 5 years"; 29/02 falls back to 28/02).</summary>
    public static LocalDate EarliestWriteOff(LocalDate provisionsUsedOn, int minYears) => provisionsUsedOn.PlusYears(minYears);

    /// <summary>The most a new recovery may bring in: what was taken off the balance sheet plus the interest the borrower
    /// owes, less what was recovered so far; never below zero.</summary>
    public static Money RecoveryLimit(Money principalOffBalance, Money interestOwed, Money recoveredSoFar) =>
        Money.Max(Money.Zero, principalOffBalance + interestOwed - recoveredSoFar);
}
