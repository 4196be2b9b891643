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
using NodaTime;
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
    public static async Task<IResult> Get(Guid id, string? asOf, ClaimsPrincipal user, IQuerySession session, BusinessTime time,
        ILogger<LoanDetails> logger, CancellationToken ct)
    {
        if (AsOf.Parse(asOf, time.Today) is not { } date) return Results.Problem(AsOf.Invalid);
        return await ReadAsync(session, id, date, user, logger, ct) is { } view
            ? Results.Ok(view)
            : Results.Problem(LoanAccess.NotFound(id));
    }

    /// <summary>The loan as <paramref name="user"/> may read it (null when it is no loan the user may see), valued as of
    /// <paramref name="asOf"/> from its snapshot: the view, the snapshot and the fund's policy read in one round trip,
    /// the stream never folded. A loan whose snapshot is missing is shown without its position, and the error logged
    /// (<c>ops/rebuild-loans</c> restores it).</summary>
    public static async Task<LoanDetails?> ReadAsync(IQuerySession session, Guid id, LocalDate asOf, ClaimsPrincipal user, ILogger logger,
        CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var detailsRead = batch.Load<LoanDetails>(id);
        var loanRead = batch.Load<Loan>(id);
        var contractRead = batch.Load<Contracting.LoanContractDocument>(id);
        var policyRead = FundPolicies.Load(batch);
        await batch.Execute(ct);
        var details = await detailsRead;
        if (details is not { IsLoan: true } || !user.MaySee(details.CooperativeId)) return null;
        var loan = await loanRead;
        if (loan is null)
            logger.LogError("Loan {LoanId} of fund {Fund} has no snapshot document: it is shown without its position until ops/rebuild-loans restores it",
                id, session.TenantId);
        details = details with
        {
            ContractFileId = (await contractRead)?.FileId ?? details.ContractFileId,
            Position = loan is null ? null : LoanPosition.Of(loan, asOf, FundPolicies.Current(await policyRead).ToLendingPolicy()),
        };
        return user.IsCooperative() ? details.ForBorrower() : details;
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
        var fileId = details is null ? null : (await session.LoadAsync<Contracting.LoanContractDocument>(id, ct))?.FileId ?? details.ContractFileId;
        if (fileId is null || await FileStore.LoadAsync(session, fileId.Value, ct) is not { } loaded)
            return Results.Problem(Problems.NotFound("contract.not_found", "Khoản vay này chưa có hợp đồng tín dụng."));
        return FileStore.Download(loaded);
    }
}
