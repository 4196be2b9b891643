using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Reports;

/// <summary>
/// The recognised interest income of a period summed over the loan book (Circular 52/2022/TT-BTC Art 5.2, 5.4;
/// <see cref="InterestRecognition"/>), filled by the capital-adequacy pass at the period's end
/// (<see cref="CapitalAdequacy.CapitalAdequacyCalculator.ComputeAsync"/>), which values each loan the day before the period
/// (<see cref="Eve"/>) too, in the same batch and on the same cores as its other dates.
/// </summary>
public sealed class InterestIncomeTally(LocalDate from, LocalDate to)
{
    public LocalDate From { get; } = from;
    public LocalDate To { get; } = to;

    /// <summary>The day before the period: the position the period starts from.</summary>
    public LocalDate Eve => From.PlusDays(-1);

    public InterestIncome Total { get; private set; } = InterestIncome.None(from, to);

    /// <summary>One loan's income for the period from its valuations the day before and at the end (null before its start);
    /// a loan off the balance sheet at the end is valued again on the days it may have left it (thread-safe: adds nothing).</summary>
    public InterestIncome? Of(Loan loan, LoanValuation? before, LoanValuation? end, LendingPolicy policy)
    {
        if (end is null || loan.Contract is not { } contract) return null;
        // the date the loan's principal left the balance sheet (its provisions used), if it did
        var writtenOff = loan.OffBalanceSince;
        var b = before is null ? null : InterestRecognition.At(before, policy, writtenOff);
        var e = InterestRecognition.At(end, policy, writtenOff);
        var last = e.OnBalanceSheet ? null
            : InterestRecognition.LastOnBalanceDay(LoanTransactions.Schedule(contract, policy), LoanTransactions.Of(loan), policy, writtenOff, From, To, b);
        var returned = e.OnBalanceSheet && b is { OnBalanceSheet: false }
            ? InterestRecognition.ReturnDay(LoanTransactions.Schedule(contract, policy), LoanTransactions.Of(loan), policy, writtenOff, From, To)
            : null;
        return InterestRecognition.Period(From, b, e, last, returned);
    }

    /// <summary>Adds one loan's income (from <see cref="Of"/>) to the total.</summary>
    public void Add(InterestIncome? income)
    {
        if (income is not null) Total += income;
    }
}
