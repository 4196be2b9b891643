using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Accounting.Periods;

public static class GetReconciliationEndpoint
{
    /// <summary>The books reconciled with the capital position at the end of <c>asOf</c> (yyyy-MM-dd, default today): the
    /// journal's closing balances of the cash, loan, provision (credit) and off-balance principal accounts beside the capital
    /// position's cash available, outstanding principal, provisions held and principal off balance; at a month end whose
    /// interest accrual is booked, also the interest receivable on and off the balance sheet beside the capital-adequacy
    /// report's figures. The accounts are those the mapping in force posts each kind to. Each row: the journal's amount,
    /// the capital side's, the part of the difference explained by adjusting entries (movements dated on or before
    /// <c>asOf</c> posted after it because their month was closed) and the unexplained difference to resolve.
    /// Both sides are read at the event the journal has posted up to (<c>throughSequence</c>).</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/reconciliation", OperationId = "getAccountingReconciliation")]
    [Tags("Kế toán")]
    [ProducesResponseType<ReconciliationReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? asOf, IQuerySession session, IDocumentStore store, BusinessTime time, CancellationToken ct)
    {
        if (AsOf.Parse(asOf, time.Today) is not { } date) return Results.Problem(AsOf.Invalid);
        return Results.Ok(await Reconciling.ComputeAsync(session, store, date, ct));
    }
}
