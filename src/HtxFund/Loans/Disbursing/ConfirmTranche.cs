using System.Security.Claims;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using Marten.Exceptions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.Disbursing;

/// <summary>The ChiefAccountant's confirmation of a prepared tranche (the second pair of eyes). The tranche is named in
/// the route and its state is checked, so no stream version is needed: confirmations of other tranches of the same
/// loan do not make this one stale. A client may still send <see cref="Version"/> to insist on the loan it saw.</summary>
public sealed record ConfirmTranche(long? Version);

public sealed record TrancheConfirmation(Guid TrancheId, long Amount, Guid CapitalEntryId, long DisbursedAmount, long UndisbursedAmount);

public static class ConfirmTrancheEndpoint
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Confirms a tranche: appends <see cref="TrancheDisbursed"/> to the loan (the fund's cash line is projected from it,
    /// in the same transaction: <see cref="CapitalLedgerEntry"/>).
    /// <para>
    /// Concurrency: confirmations of one fund are serialised by a PostgreSQL transaction-scoped advisory lock on the
    /// fund (<see cref="FundCapital.LockAsync"/>: <c>pg_advisory_xact_lock</c>, taken inside the transaction that appends, before the fund's cash and the
    /// loan are read, and released by its commit or rollback). So every confirmation decides on the cash and the
    /// undisbursed amount left by the one committed before it, and exactly the affordable tranches are paid (what commits
    /// meanwhile without the lock, a repayment, only adds cash). The loan stream is still appended with its optimistic
    /// version as a second line of defence (anything that writes it without the lock, e.g. a tranche being prepared on
    /// the loan, makes the commit fail), and
    /// such a conflict is retried here from a fresh read, so a refusal is always about the money, never about a race.
    /// An advisory lock was chosen over retrying on the capital stream's version alone: 50 simultaneous confirmations
    /// would otherwise conflict O(n²) times and could exhaust any bounded retry.
    /// </para>
    /// </summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/tranches/{trancheId}/confirmation", OperationId = "confirmTranche")]
    [Tags("Giải ngân")]
    [ProducesResponseType<TrancheConfirmation>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, Guid trancheId, ConfirmTranche command, ClaimsPrincipal user, IDocumentStore store,
        BusinessTime time, DisbursementSettings settings, CancellationToken ct)
    {
        var fund = user.FundId();
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(fund);
            await FundCapital.LockAsync(session, ct);

            var loaded = await LoanAccess.ForWriteAsync(session, id, command.Version, user, ct, versionRequired: false);
            if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
            var ledger = await FundCapital.LedgerAsync(session, ct);
            var loan = loaded.Loan;
            var tranche = loan.TrancheOf(trancheId);
            var decision = DisbursementRules.Confirm(loan, trancheId, ledger, user.ToActor(), time.Now, time.Today,
                settings.CreditCheckMaxAgeDays, Guid.CreateVersion7());
            if (decision.Refusal is not null) return Results.Problem(decision.Refusal);
            if (await PrepareTrancheEndpoint.LimitsRefusalAsync(session, loan, tranche!.ValueDate, ct) is { } limits)
                return Results.Problem(limits);

            loaded.Stream!.AppendOne(decision.Disbursed!);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (StreamConflicts.IsConflict(e) && attempt < MaxAttempts)
            {
                continue; // someone wrote the loan without the lock: decide again on fresh data
            }
            var after = loan.Apply(decision.Disbursed!);
            return Results.Ok(new TrancheConfirmation(trancheId, tranche.Amount, decision.Disbursed!.CapitalEntryId, after.Disbursed, after.Undisbursed));
        }
    }
}
