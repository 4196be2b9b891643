using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.ImportingStatements;

public static class GetBankStatementEndpoint
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("statement.not_found", $"Không tìm thấy sao kê {id}.");

    /// <summary>A stored statement preview (or its result once confirmed).</summary>
    [Authorize(Roles = $"{Roles.Accountant},{Roles.ChiefAccountant}")]
    [WolverineGet("/api/repayments/statements/{id}", OperationId = "getBankStatement")]
    [Tags("Thu nợ")]
    [ProducesResponseType<BankStatementImport>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<BankStatementImport>(id, ct) is { } statement
            ? Results.Ok(statement)
            : Results.Problem(NotFound(id));
}
