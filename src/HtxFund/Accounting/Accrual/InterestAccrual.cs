using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Reports.CapitalAdequacy;
using NodaTime;

namespace HtxFund.Accounting.Accrual;

/// <summary>
/// Every loan's interest at a month end, valued exactly as the capital-adequacy report values it
/// (<see cref="CapitalAdequacyCalculator"/>): the loans of an <see cref="EventCut"/> batch by batch, each valued by the
/// Lending engine (<see cref="LoanTransactions.Valuations"/>) at the month's last day and split on and off the balance
/// sheet by <see cref="InterestRecognition.At(LoanValuation, LendingPolicy, LocalDate?)"/> with the date its principal left
/// the balance sheet. So the sums of the figures are the report's <c>interest.onBalance</c> and <c>interest.offBalance</c>
/// at that date for the same cut.
/// </summary>
public static class InterestAccrual
{
    /// <summary>The figures of every loan with a contract signed on or before the month end and not closed before the
    /// month's start (a loan closed earlier was brought to zero by an earlier accrual, or never had any).</summary>
    public static async Task<IReadOnlyList<LoanInterestAtMonthEnd>> LoansAsync(EventCut cut, YearMonth month, CancellationToken ct)
    {
        var asOf = ClassificationRuns.LastDay(month);
        var start = month.OnDayOfMonth(1);
        var policy = (await cut.PolicyAsync(ct)).ToLendingPolicy();
        var dates = new[] { asOf };
        var loans = new List<LoanInterestAtMonthEnd>();
        await foreach (var batch in cut.LoanBatchesAsync(ct))
        {
            var included = batch.Where(l => l.Contract is { } c && c.SignedOn <= asOf && !(l.ClosedOn is { } closed && closed < start)).ToArray();
            var valued = new LoanValuation?[included.Length];
            Parallel.For(0, included.Length, new ParallelOptions { CancellationToken = ct },
                i => valued[i] = LoanTransactions.Valuations(included[i], dates, policy)[0]);
            for (var i = 0; i < included.Length; i++) loans.Add(Of(included[i], valued[i], policy));
        }
        return loans;
    }

    /// <summary>One loan's figures from its valuation at the month end (a loan not started then owes nothing).</summary>
    public static LoanInterestAtMonthEnd Of(Loan loan, LoanValuation? valuation, LendingPolicy policy)
    {
        var (borrowerId, contract) = (loan.MemberId ?? loan.CooperativeId, loan.Contract?.ContractNumber);
        if (valuation is null) return new(loan.Id, borrowerId, loan.BorrowerName, contract, 1, 0, 0, 0);
        var position = InterestRecognition.At(valuation, policy, loan.OffBalanceSince);
        return position.OnBalanceSheet
            ? new(loan.Id, borrowerId, loan.BorrowerName, contract, (int)position.Group,
                position.ContractualReceivable.Dong, position.PenaltyReceivable.Dong, 0)
            : new(loan.Id, borrowerId, loan.BorrowerName, contract, (int)position.Group, 0, 0, position.OffBalance.Dong);
    }

    /// <summary>Every loan's figures at the end of <paramref name="month"/> from the fund's event log as it is now.</summary>
    public static async Task<MonthEndInterest> ValueAsync(Marten.IQuerySession session, YearMonth month, CancellationToken ct)
    {
        var cut = await EventCut.NowAsync(session, ct);
        return new MonthEndInterest(cut.HighestSequence, await LoansAsync(cut, month, ct));
    }

    /// <summary>The accrual of <paramref name="month"/> with <paramref name="figures"/> (pure).</summary>
    public static InterestAccrualBooked Booked(YearMonth month, MonthEndInterest figures, Actor by, Instant now) =>
        new(Guid.CreateVersion7(), ClassificationRuns.Format(month), ClassificationRuns.LastDay(month), figures.Loans, figures.HighestSequence, by, now);
}

/// <summary>Every loan's interest at a month end, valued from the event log up to <see cref="HighestSequence"/>.</summary>
public sealed record MonthEndInterest(long HighestSequence, IReadOnlyList<LoanInterestAtMonthEnd> Loans);
