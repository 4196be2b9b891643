using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Lending;
using HtxFund.Loans;
using NodaTime;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>Repayments booked on a loan in a period: the value-dated repayments not reversed at the cut, split as the
/// allocation split them. <see cref="Total"/> is the payments' amount (it includes any refundable excess).</summary>
public sealed record Collected(long Principal, long Interest, long Penalty, long Total)
{
    public static readonly Collected None = new(0, 0, 0, 0);

    public static Collected Of(IEnumerable<RepaymentRecord> repayments, LocalDate from, LocalDate to)
    {
        long principal = 0, interest = 0, penalty = 0, total = 0;
        foreach (var r in repayments)
        {
            if (r.Reversed || r.ValueDate < from || r.ValueDate > to) continue;
            principal += r.Allocation.Principal.Dong;
            interest += r.Allocation.ContractualInterest.Dong;
            penalty += r.Allocation.PenaltyInterest.Dong;
            total += r.Amount;
        }
        return new Collected(principal, interest, penalty, total);
    }

    public static Collected operator +(Collected a, Collected b) =>
        new(a.Principal + b.Principal, a.Interest + b.Interest, a.Penalty + b.Penalty, a.Total + b.Total);
}

/// <summary>
/// One loan of an <see cref="EventCut"/> as the capital-adequacy calculator counted it (its per-loan hook): the loan folded at
/// the cut (so <see cref="Loan.Officer"/> is the responsible officer at the cut), its cooperative's registration data (the
/// district), its valuation at the as-of date by the Lending engine, whether it is on the balance sheet, the debt group and
/// the provision required the report gave it (null / 0 when the report did not classify it: no principal outstanding or off
/// the balance sheet), the tranches paid out and the repayments booked in the month and the year up to the as-of date.
/// </summary>
public sealed record LoanAtCut(Loan Loan, CooperativeDetails? Cooperative, LoanValuation? Position, bool OnBalance, int? DebtGroup,
    long ProvisionRequired, long DisbursedInMonth, long DisbursedInYear, Collected CollectedInMonth, Collected CollectedInYear)
{
    /// <summary>The principal the report counts in the portfolio: outstanding principal of a loan on the balance sheet.</summary>
    public long Outstanding => OnBalance && Position is { } p && p.PrincipalOutstanding.Dong > 0 ? p.PrincipalOutstanding.Dong : 0;

    public int DaysPastDue => Position?.DaysPastDue ?? 0;

    public static LoanAtCut Of(Loan loan, CooperativeDetails? cooperative, LoanValuation? position, bool onBalance, int? debtGroup,
        long provisionRequired, long disbursedInMonth, long disbursedInYear, LocalDate monthStart, LocalDate yearStart, LocalDate asOf) =>
        new(loan, cooperative, position, onBalance, debtGroup, provisionRequired, disbursedInMonth, disbursedInYear,
            Collected.Of(loan.Repayments, monthStart, asOf), Collected.Of(loan.Repayments, yearStart, asOf));
}
