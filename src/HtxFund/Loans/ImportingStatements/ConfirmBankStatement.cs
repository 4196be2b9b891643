using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Repaying;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Loans.ImportingStatements;

/// <summary>
/// Confirming a statement books its matched lines one by one, each in its own transaction through
/// <see cref="BookStatementLineHandler"/> (Wolverine's aggregate workflow on the line's loan and the repayment decision of
/// <see cref="RecordRepaymentEndpoint"/>, invoked inline), then stores the statement with each line's outcome. It is an
/// orchestration of many commands, not a decision of its own: the one place that loops.
/// </summary>
public static class ConfirmBankStatementEndpoint
{
    public static async Task<(ProblemDetails, BankStatementImport?)> LoadAsync(Guid id, IDocumentSession session, CancellationToken ct) =>
        await session.LoadAsync<BankStatementImport>(id, ct) is { } statement
            ? (WolverineContinue.NoProblems, statement)
            : (GetBankStatementEndpoint.NotFound(id), null);

    /// <summary>Books the matched lines as repayments (each with the same rules as a single repayment, in its own
    /// transaction, as BankTransfer). A line whose reference was booked meanwhile becomes a duplicate; one the rules
    /// refuse is marked refused with the reason. Confirming again books only what is still matched, so nothing is
    /// ever booked twice (the bank reference is unique in the fund); a line booked from this same statement by a
    /// confirmation running at the same time reads as booked. The stored result is the last confirmation's.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/repayments/statements/{id}/confirmation", OperationId = "confirmBankStatement")]
    [Tags("Thu nợ")]
    [ProducesResponseType<BankStatementImport>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<(IResult, IMartenOp)> Post(Guid id, [NotBody] BankStatementImport statement, ClaimsPrincipal user, IMessageBus bus,
        IDocumentStore store, Instant now, CancellationToken ct)
    {
        var fund = user.FundId();
        var actor = user.ToActor();
        var lines = new List<BankStatementLine>(statement.Lines.Count);
        foreach (var line in statement.Lines)
        {
            if (line.Status != StatementLineStatus.Matched)
            {
                lines.Add(line);
                continue;
            }
            StatementLineOutcome outcome;
            try
            {
                outcome = await bus.InvokeForTenantAsync<StatementLineOutcome>(fund,
                    new BookStatementLine(line.LoanId!.Value, id, line.Amount!.Value, line.Date!.Value, line.Reference, actor), ct);
            }
            catch (Exception e) when (IsDuplicate(e))
            {
                outcome = new StatementLineOutcome(null, RepaymentRules.DuplicateReference(line.Reference)); // booked meanwhile on another loan
            }
            var code = outcome.Refusal?.Extensions.TryGetValue("code", out var c) == true ? c?.ToString() : null;
            if (code == "repayment.duplicate_reference" && await BookedFromThisStatementAsync(store, fund, id, line, ct) is { } repaymentId)
                outcome = new StatementLineOutcome(repaymentId, null);
            lines.Add(outcome.Refusal is null
                ? line with { Status = StatementLineStatus.Booked, RepaymentId = outcome.RepaymentId, Code = null, Reason = null }
                : line with
                {
                    Status = code == "repayment.duplicate_reference" ? StatementLineStatus.Duplicate : StatementLineStatus.Refused,
                    Code = code, Reason = outcome.Refusal.Detail,
                });
        }
        var updated = statement with
        {
            Lines = lines, ConfirmationCount = statement.ConfirmationCount + 1, LastConfirmedAt = now, LastConfirmedBy = actor.UserName,
        };
        return (Results.Ok(updated), MartenOps.Store(updated));
    }

    /// <summary>The repayment booked from this very statement under the line's reference (by a confirmation running at
    /// the same time), so that line reads as booked rather than as a duplicate.</summary>
    private static async Task<Guid?> BookedFromThisStatementAsync(IDocumentStore store, string fund, Guid statementId, BankStatementLine line,
        CancellationToken ct)
    {
        await using var session = store.QuerySession(fund);
        if (await session.LoadAsync<BookedBankReference>(BookedBankReference.Key(line.Reference), ct) is not { } booked) return null;
        var loan = await session.LoadAsync<LoanDetails>(booked.LoanId, ct);
        return loan?.Repayments.Any(r => r.RepaymentId == booked.RepaymentId && r.StatementId == statementId) == true ? booked.RepaymentId : null;
    }

    /// <summary>The reference's document inserted at the same moment by another line or request: the unique key refused it.</summary>
    private static bool IsDuplicate(Exception e) =>
        !StreamConflicts.IsConflict(e) && (e is DocumentAlreadyExistsException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                                           || (e.InnerException is { } inner && IsDuplicate(inner)));
}
