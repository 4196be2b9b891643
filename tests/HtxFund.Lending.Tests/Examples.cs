using NodaTime;

namespace HtxFund.Lending.Tests;

/// <summary>Shared values for the worked examples.</summary>
internal static class Examples
{
    /// <summary>
    /// The default policy with due dates left on their contractual day, so that the hand computations in the worked
    /// examples use whole calendar months (working-day moves are tested on their own).
    /// </summary>
    public static LendingPolicy Unadjusted { get; } = LendingPolicy.Default with { DueDateRule = BusinessDayRule.Unadjusted };

    public static LocalDate D(int year, int month, int day) => new(year, month, day);

    public static Money M(long dong) => Money.Of(dong);

    /// <summary>500,000,000 ₫ at 6 %/year, 36 months, monthly, equal principal, 6 months' principal grace, from 10/01/2025.</summary>
    public static LoanTerms GraceLoan { get; } = LoanTerms.Create(
        M(500_000_000), 6m, D(2025, 1, 10), 36, RepaymentFrequency.Monthly, RepaymentMethod.EqualPrincipal, principalGraceMonths: 6);

    /// <summary>Pays every instalment of <paramref name="schedule"/> on its due date, in full.</summary>
    public static IEnumerable<LoanTransaction> OnTimePayments(RepaymentSchedule schedule, int count) =>
        schedule.Instalments.Take(count).Select(i => (LoanTransaction)new Repayment(i.DueDate, i.Total));
}
