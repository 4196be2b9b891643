using System.Security.Claims;
using HtxFund.Files;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.GettingDetails;

public static class GetLoanEndpoint
{
    /// <summary>The loan: approval, contract with its frozen schedule, approved/contracted/disbursed/undisbursed
    /// amounts, tranches and their states, credit checks, repayments, restructurings and history, with its
    /// <see cref="LoanDetails.Position"/> valued as of <c>asOf</c> (yyyy-MM-dd, default today) from the events. A
    /// cooperative sees only its own loans (others answer 404), without the names of the fund's staff.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}", OperationId = "getLoan")]
    [EndpointSummary("Khoản vay và số dư tại một ngày")]
    [EndpointDescription(LoanPosition.Conventions)]
    [Tags("Khoản vay")]
    [ProducesResponseType<LoanDetails>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(Guid id, string? asOf, ClaimsPrincipal user, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        if (AsOf.Parse(asOf, time.Today) is not { } date) return Results.Problem(AsOf.Invalid);
        var details = await LoanAccess.ReadableAsync(session, id, user, ct);
        if (details is null) return Results.Problem(LoanAccess.NotFound(id));
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var loan = await session.Events.AggregateStreamAsync<Loan>(id, token: ct);
        details = details with { Position = loan is null ? null : LoanPosition.Of(loan, date, policy) };
        return Results.Ok(user.IsCooperative() ? details.ForBorrower() : details);
    }

    /// <summary>Downloads the signed contract (PDF, with the repayment schedule annex).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/loans/{id}/contract", OperationId = "downloadLoanContract")]
    [Tags("Hợp đồng tín dụng")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetContract(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var details = await LoanAccess.ReadableAsync(session, id, user, ct);
        if (details?.ContractFileId is not { } fileId || await FileStore.LoadAsync(session, fileId, ct) is not { } loaded)
            return Results.Problem(Problems.NotFound("contract.not_found", "Khoản vay này chưa có hợp đồng tín dụng."));
        return FileStore.Download(loaded);
    }
}
