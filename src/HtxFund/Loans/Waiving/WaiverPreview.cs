using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Loans.Waiving;

/// <summary>What the borrower owes at the end of a date, interest bucket by bucket.</summary>
public sealed record OwedFigures(long InterestOnLateInterest, long InterestOnOverduePrincipal, long InterestOverdue, long InterestDue,
    long InterestAccrued, long Principal, long Payoff)
{
    public long Interest => InterestOnLateInterest + InterestOnOverduePrincipal + InterestOverdue + InterestDue + InterestAccrued;

    public static OwedFigures Of(LoanValuation v) => new(v.InterestOnLateInterest.Dong, v.InterestOnOverduePrincipal.Dong, v.InterestOverdue.Dong,
        v.InterestDue.Dong, v.InterestAccrued.Dong, v.PrincipalOutstanding.Dong, v.Payoff.Dong);
}

/// <summary>
/// An interest waiver valued by the Lending engine on the loan as recorded: what is owed at the end of its date without
/// it and with it (penalty interest forgiven first, then overdue, due and accrued interest; principal unchanged). What
/// the request and approval pages show before anyone decides, and what the decision letter prints.
/// </summary>
public sealed record WaiverPreview(LocalDate Date, long Amount, WaiverGround Ground, OwedFigures Before, OwedFigures After)
{
    /// <summary>The preview of <paramref name="waiver"/> on <paramref name="loan"/>, whether it is pending or already approved.</summary>
    public static WaiverPreview Of(Loan loan, WaiverRecord waiver, LendingPolicy policy)
    {
        var others = loan with { Waivers = loan.Waivers.RemoveAll(w => w.WaiverId == waiver.WaiverId) };
        var before = LoanTransactions.Statement(others, waiver.Date, policy)!.Valuation;
        var after = LoanTransactions.Statement(others, waiver.Date, policy, [LoanTransactions.Waiver(waiver.Date, waiver.Amount, waiver.Ground)])!.Valuation;
        return new WaiverPreview(waiver.Date, waiver.Amount, waiver.Ground, OwedFigures.Of(before), OwedFigures.Of(after));
    }
}
