using System.Security.Claims;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Disbursing;

/// <summary>The ChiefAccountant's confirmation of a prepared tranche (the second pair of eyes). The tranche is named in
/// the route and its state is checked, so no stream version is needed: confirmations of other tranches of the same
/// loan do not make this one stale. A client may still send <see cref="Version"/> to insist on the loan it saw.</summary>
public sealed record ConfirmTranche(long? Version);

public sealed record TrancheConfirmation(Guid TrancheId, long Amount, Guid CapitalEntryId, long DisbursedAmount, long UndisbursedAmount);

/// <summary>
/// Confirming a tranche must never overdraw the fund. Wolverine loads the loan holding its stream's row
/// (<c>LoadStyle = Exclusive</c>), then <see cref="LoadAsync"/> takes the fund's capital lock
/// (<see cref="FundCapital.LockAsync"/>, a transaction-scoped advisory lock released by the commit or rollback) before
/// it reads the fund's cash. So the confirmations of one fund are decided one after the other, each on the cash and the
/// undisbursed amount left by the one committed before it, and exactly the affordable tranches are paid: a refusal is
/// always about the money, never about a race. An advisory lock was chosen over optimistic retries on a shared version:
/// 50 simultaneous confirmations would otherwise conflict O(n²) times. Every loan command takes the loan's row before the
/// fund's lock, so the two locks are always taken in the same order.
/// </summary>
public static class ConfirmTrancheEndpoint
{
    /// <summary>The fund's cash and the borrower's limits under the fund's lock, taken after the loan's row.</summary>
    public static async Task<DisbursementReads> LoadAsync(Guid trancheId, Loan? loan, IDocumentSession session, CancellationToken ct)
    {
        await FundCapital.LockAsync(session, ct);
        return await DisbursementReads.LoadAsync(session, loan, loan?.TrancheOf(trancheId)?.ValueDate, ct);
    }

    public static ProblemDetails Validate(Guid id, Guid trancheId, ConfirmTranche command, IEventStream<Loan> stream, Loan? loan, DisbursementReads reads,
        ClaimsPrincipal user, LocalDate today) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => DisbursementRules.CheckConfirmation(loan!, trancheId, user.ToActor(), today, reads.Ledger.LowestCashFrom,
                reads.CreditCheckMaxAgeDays) ?? reads.LimitsRefusal);

    /// <summary>Confirms a tranche: the money leaves the fund on the tranche's value date (<see cref="TrancheDisbursed"/>,
    /// whose line the fund's capital ledger shows). Refused when the fund's cash on that date or any later one would
    /// not cover it, and, as when it was prepared, by every other disbursement rule checked again now. In the same
    /// transaction the tranche's inspection of loan use is scheduled (<see cref="Inspections.LoanUseInspectionScheduled"/>,
    /// its stream id the tranche's id), due the fund policy's <c>inspections.dueDays</c> calendar days after the value date.</summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/tranches/{trancheId}/confirmation", OperationId = "confirmTranche")]
    [Tags("Giải ngân")]
    [ProducesResponseType<TrancheConfirmation>(200)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, IStartStream) Post(Guid id, Guid trancheId, ConfirmTranche command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, DisbursementReads reads, ClaimsPrincipal user, Instant now)
    {
        var disbursed = DisbursementRules.Disbursed(loan!, trancheId, user.ToActor(), now, Guid.CreateVersion7());
        var after = loan!.Apply(disbursed);
        var scheduled = HtxFund.Inspections.InspectionRules.Schedule(after, disbursed, reads.Inspections ?? HtxFund.Inspections.InspectionSettings.Default, now);
        return (Results.Ok(new TrancheConfirmation(trancheId, disbursed.Amount, disbursed.CapitalEntryId, after.Disbursed, after.Undisbursed)),
            [disbursed], MartenOps.StartStream<HtxFund.Inspections.LoanUseInspection>(scheduled.InspectionId, scheduled));
    }
}
