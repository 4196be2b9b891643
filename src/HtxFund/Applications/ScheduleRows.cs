using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Applications;

/// <summary>The repayment schedule of proposed terms, from the Lending engine (the same function the contract uses).</summary>
public static class ScheduleRows
{
    public static LoanTerms Terms(LoanProposal p) =>
        LoanTerms.Create(Money.Of(p.Amount), p.AnnualRatePercent, p.StartDate, p.TermMonths, p.Frequency, p.Method, p.GraceMonths);

    public static (IReadOnlyList<ScheduleRow> Rows, long TotalInterest) Generate(LoanProposal proposal, LendingPolicy policy)
    {
        var schedule = ScheduleGenerator.Generate(Terms(proposal), policy);
        return (schedule.Instalments.Select(i => new ScheduleRow(i.Number, i.DueDate, i.Principal.Dong, i.Interest.Dong, i.Total.Dong, i.BalanceAfter.Dong)).ToArray(),
            schedule.TotalInterest.Dong);
    }

    /// <summary>Why terms cannot make a schedule (the engine's own checks), or null.</summary>
    public static string? Invalid(LoanProposal proposal)
    {
        try
        {
            Terms(proposal);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
