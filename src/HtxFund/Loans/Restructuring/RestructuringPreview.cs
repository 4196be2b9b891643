using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Loans.Restructuring;

/// <summary>One instalment of a previewed schedule: principal and interest as the engine will bill them if nothing else
/// happens, and the principal left after it.</summary>
public sealed record PreviewInstalment(int Number, LocalDate DueDate, long Principal, long Interest, long BalanceAfter)
{
    public long Total => Principal + Interest;
}

/// <summary>
/// A restructuring valued by the Lending engine on the loan as recorded: the principal it reschedules, the final due date
/// before and after, and the new schedule from its date (the plan's principal, interest on the balance each period,
/// contractual interest unpaid at the date deferred to the first new due date). What the request and approval pages show
/// before anyone decides, and what the decision letter prints.
/// </summary>
public sealed record RestructuringPreview(RestructuringKind Kind, LocalDate Date, long PrincipalRestructured, LocalDate FinalDueDateBefore,
    LocalDate FinalDueDate, IReadOnlyList<PreviewInstalment> Schedule)
{
    /// <summary>The preview of <paramref name="record"/> on <paramref name="loan"/> (added to the loan's transactions unless
    /// already approved). Call it on a plan the rules accept (<see cref="RestructuringRules.Request"/>): the engine throws
    /// on one they refuse.</summary>
    public static RestructuringPreview Of(Loan loan, RestructuringRecord record, LendingPolicy policy)
    {
        var others = loan with { Restructurings = loan.Restructurings.RemoveAll(r => r.RestructuringId == record.RestructuringId) };
        var before = LoanTransactions.Statement(others, record.Date, policy)!.Valuation;
        var after = LoanTransactions.Statement(others, record.Date, policy,
            [LoanTransactions.Restructuring(record with { State = RestructuringState.Approved })])!;
        var balance = after.Valuation.PrincipalOutstanding.Dong;
        var rows = new List<PreviewInstalment>();
        foreach (var i in after.Schedule.Where(i => i.DueDate > record.Date))
        {
            balance -= i.Principal.Dong;
            rows.Add(new PreviewInstalment(rows.Count + 1, i.DueDate, i.Principal.Dong, i.Interest.Dong, balance));
        }
        return new RestructuringPreview(record.Kind, record.Date, before.PrincipalOutstanding.Dong, before.FinalDueDate, after.Valuation.FinalDueDate, rows);
    }
}
