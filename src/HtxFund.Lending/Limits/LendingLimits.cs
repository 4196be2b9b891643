namespace HtxFund.Lending;

/// <summary>Whether a limit caps a value from above or requires it from below.</summary>
public enum LimitKind
{
    Maximum,
    Minimum,
}

/// <summary>
/// The reasoned result of a limit check.
/// </summary>
/// <param name="Rule">The rule checked, with its source.</param>
/// <param name="Kind">Whether <see cref="Value"/> must stay at or under, or reach, <see cref="Limit"/>.</param>
/// <param name="Limit">The limit in đồng.</param>
/// <param name="Value">The value checked: exposure after the loan, or the own equity.</param>
/// <param name="Headroom">How far the value is inside the limit (negative when the check fails).</param>
/// <param name="Passed">Whether the value is within the limit.</param>
/// <param name="Explanation">A sentence for the credit file.</param>
public sealed record LimitCheck(string Rule, LimitKind Kind, Money Limit, Money Value, Money Headroom, bool Passed, string Explanation);

/// <summary>
/// The lending limits of Decree 45/2021, all computed on actual charter capital (vốn điều lệ thực có, Art 2.3) at the
/// date of the lending decision.
/// </summary>
public static class LendingLimits
{
    /// <summary>
    /// Actual charter capital = charter capital on the books plus undistributed surplus, or minus unhandled loss, at the
    /// same date (Decree 45/2021 Art 2.3). <paramref name="retainedSurplusOrLoss"/> is negative for a loss.
    /// </summary>
    public static Money ActualCharterCapital(Money charterCapital, Money retainedSurplusOrLoss)
    {
        if (charterCapital.IsNegative)
            throw new ArgumentException($"Charter capital cannot be negative ({charterCapital}).", nameof(charterCapital));
        return charterCapital + retainedSurplusOrLoss;
    }

    /// <summary>
    /// One customer's outstanding after the loan ≤ 15 % (policy) of actual charter capital (Decree 45/2021 Art 23.2.a).
    /// </summary>
    public static LimitCheck CheckSingleBorrower(Money actualCharterCapital, Money currentExposure, Money proposedLoan, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return CheckExposure(
            $"Single borrower ≤ {policy.SingleBorrowerLimitPercent} % of actual charter capital (Decree 45/2021 Art 23.2.a)",
            "the borrower's",
            actualCharterCapital, currentExposure, proposedLoan, policy.SingleBorrowerLimitPercent);
    }

    /// <summary>
    /// A customer and related persons (Law on Credit Institutions 2010 Art 4.28, via Decree 45/2021 Art 2.5) after the loan
    /// ≤ 25 % (policy) of actual charter capital (Decree 45/2021 Art 23.2.b).
    /// </summary>
    public static LimitCheck CheckRelatedGroup(Money actualCharterCapital, Money currentGroupExposure, Money proposedLoan, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return CheckExposure(
            $"Borrower and related persons ≤ {policy.RelatedGroupLimitPercent} % of actual charter capital (Decree 45/2021 Art 23.2.b)",
            "the group's",
            actualCharterCapital, currentGroupExposure, proposedLoan, policy.RelatedGroupLimitPercent);
    }

    /// <summary>Own equity ≥ 20 % (policy) of the total project or plan investment (Decree 45/2021 Art 22.5).</summary>
    public static LimitCheck CheckOwnEquity(Money projectInvestment, Money ownEquity, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!projectInvestment.IsPositive)
            throw new ArgumentException($"A project investment must be above 0 ₫, not {projectInvestment}.", nameof(projectInvestment));
        if (ownEquity.IsNegative)
            throw new ArgumentException($"Own equity cannot be negative ({ownEquity}).", nameof(ownEquity));
        var minimum = projectInvestment.Percent(policy.MinOwnEquityPercentOfProject, Rounding.Up);
        var headroom = ownEquity - minimum;
        var passed = headroom >= Money.Zero;
        return new LimitCheck(
            $"Own equity ≥ {policy.MinOwnEquityPercentOfProject} % of project investment (Decree 45/2021 Art 22.5)",
            LimitKind.Minimum, minimum, ownEquity, headroom, passed,
            passed
                ? $"Own equity {ownEquity} meets the minimum {minimum} ({policy.MinOwnEquityPercentOfProject} % of {projectInvestment}) by {headroom}."
                : $"Own equity {ownEquity} is {-headroom} short of the minimum {minimum} ({policy.MinOwnEquityPercentOfProject} % of {projectInvestment}).");
    }

    private static LimitCheck CheckExposure(string rule, string whose, Money capital, Money current, Money proposed, decimal percent)
    {
        if (current.IsNegative)
            throw new ArgumentException($"A current exposure cannot be negative ({current}).", nameof(current));
        if (proposed.IsNegative)
            throw new ArgumentException($"A proposed loan cannot be negative ({proposed}).", nameof(proposed));
        // A limit is never rounded up: the fund may not lend a đồng over the percentage.
        var limit = capital.IsPositive ? capital.Percent(percent, Rounding.Down) : Money.Zero;
        var after = current + proposed;
        var headroom = limit - after;
        var passed = headroom >= Money.Zero;
        return new LimitCheck(rule, LimitKind.Maximum, limit, after, headroom, passed,
            passed
                ? $"After the loan {whose} outstanding is {after}, within the limit {limit} ({percent} % of actual charter capital {capital}); headroom {headroom}."
                : $"After the loan {whose} outstanding would be {after}, {-headroom} over the limit {limit} ({percent} % of actual charter capital {capital}).");
    }
}
