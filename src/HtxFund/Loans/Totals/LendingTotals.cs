using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.Totals;

/// <summary>A fund's running lending totals since it started: contracts signed, money disbursed, repayments recorded,
/// loans closed. One document per fund, kept by an <b>asynchronous</b> projection: it lags the events by the daemon's
/// polling interval, and with several nodes exactly one node runs it at a time (Wolverine assigns it).</summary>
public sealed record LendingTotals
{
    public const string SingletonId = "lending-totals";
    public string Id { get; init; } = SingletonId;
    public int LoansContracted { get; init; }
    /// <summary>Sum of the contracted amounts (đồng).</summary>
    public long AmountContracted { get; init; }
    public int TranchesDisbursed { get; init; }
    /// <summary>Sum of the disbursed tranches (đồng).</summary>
    public long AmountDisbursed { get; init; }
    public int RepaymentsRecorded { get; init; }
    public int RepaymentsReversed { get; init; }
    public int LoansClosed { get; init; }
    /// <summary>The last event counted (its sequence in the fund-wide event log, and its time).</summary>
    public long LastSequence { get; init; }
    public Instant? LastEventAt { get; init; }
}

/// <summary>Folds every fund's loan events into its <see cref="LendingTotals"/> (documents are per fund: conjoined tenancy
/// slices the events by tenant, so the one id lives once per fund).</summary>
public sealed class LendingTotalsProjection : MultiStreamProjection<LendingTotals, string>
{
    public LendingTotalsProjection()
    {
        Identity<LoanContractSigned>(_ => LendingTotals.SingletonId);
        Identity<TrancheDisbursed>(_ => LendingTotals.SingletonId);
        Identity<LoanRepaymentRecorded>(_ => LendingTotals.SingletonId);
        Identity<LoanRepaymentReversed>(_ => LendingTotals.SingletonId);
        Identity<LoanClosed>(_ => LendingTotals.SingletonId);
    }

    private static LendingTotals Seen(LendingTotals t, IEvent e) => t with { LastSequence = e.Sequence, LastEventAt = Instant.FromDateTimeOffset(e.Timestamp) };

    public LendingTotals Apply(IEvent<LoanContractSigned> e, LendingTotals t) =>
        Seen(t with { LoansContracted = t.LoansContracted + 1, AmountContracted = t.AmountContracted + e.Data.Contract.Terms.Amount }, e);

    public LendingTotals Apply(IEvent<TrancheDisbursed> e, LendingTotals t) =>
        Seen(t with { TranchesDisbursed = t.TranchesDisbursed + 1, AmountDisbursed = t.AmountDisbursed + e.Data.Amount }, e);

    public LendingTotals Apply(IEvent<LoanRepaymentRecorded> e, LendingTotals t) =>
        Seen(t with { RepaymentsRecorded = t.RepaymentsRecorded + 1 }, e);

    public LendingTotals Apply(IEvent<LoanRepaymentReversed> e, LendingTotals t) =>
        Seen(t with { RepaymentsReversed = t.RepaymentsReversed + 1 }, e);

    public LendingTotals Apply(IEvent<LoanClosed> e, LendingTotals t) =>
        Seen(t with { LoansClosed = t.LoansClosed + 1 }, e);
}

public static class LendingTotalsConfiguration
{
    public static StoreOptions ConfigureLendingTotals(this StoreOptions opts)
    {
        opts.Projections.Add<LendingTotalsProjection>(ProjectionLifecycle.Async);
        return opts;
    }
}

public static class GetLendingTotalsEndpoint
{
    /// <summary>The fund's running lending totals (asynchronous read model: may lag the latest events by a second or
    /// two; <c>lastSequence</c>/<c>lastEventAt</c> say how far it has counted). All zero before the first contract.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/loans/totals", OperationId = "getLendingTotals")]
    [Tags("Khoản vay")]
    [ProducesResponseType<LendingTotals>(200)]
    public static async Task<LendingTotals> Get(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<LendingTotals>(LendingTotals.SingletonId, ct) ?? new LendingTotals();
}
