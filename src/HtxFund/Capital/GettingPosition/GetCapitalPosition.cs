using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace HtxFund.Capital.GettingPosition;

/// <summary>One ledger line with the figures right after it.</summary>
public sealed record CapitalLedgerLine(
    Guid EntryId,
    CapitalEntryKind Kind,
    LocalDate ValueDate,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Amount,
    string? Source,
    string Reference,
    LocalDate? DecisionDate,
    string? Reason,
    Actor By,
    Instant At,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CharterCapitalAfter,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResultAfter,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CashAfter,
    Guid? LoanId);

/// <summary>The fund's capital at the end of a date, with the ledger that explains it.</summary>
/// <param name="CashAvailable">Charter contributions − withdrawals − loan disbursements + repayments received.</param>
/// <param name="Committed">Approved (or, once signed, contracted) amounts of loans not yet disbursed at that date.</param>
/// <param name="OutstandingPrincipal">Principal disbursed and not yet repaid.</param>
/// <param name="InterestReceived">Interest (contractual and penalty) received from borrowers up to that date, net of reversals.</param>
/// <param name="AvailableToLend">Cash − committed, never below zero.</param>
public sealed record CapitalPosition(
    LocalDate AsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CharterCapital,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResult,
    LocalDate? RetainedResultAsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money ActualCharterCapital,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money OtherCapitalSources,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CashAvailable,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money Committed,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money OutstandingPrincipal,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money InterestReceived,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money AvailableToLend,
    IReadOnlyList<CapitalLedgerLine> Ledger)
{
    /// <param name="committed">The fund's loans' undisbursed commitments at <paramref name="asOf"/> (from the loans' read model).</param>
    public static CapitalPosition Of(FundCapitalLedger ledger, LocalDate asOf, Money committed)
    {
        var figures = ledger.FiguresAsOf(asOf);
        var charter = Money.Zero;
        var retained = Money.Zero;
        var cash = Money.Zero;
        var lines = new List<CapitalLedgerLine>();
        foreach (var e in ledger.EntriesUpTo(asOf))
        {
            if (e.Kind == CapitalEntryKind.RetainedResult) retained = e.Amount;
            else if (e.Kind is CapitalEntryKind.CharterCapitalContribution or CapitalEntryKind.CharterCapitalWithdrawal) charter += e.Amount;
            if (e.MovesCash) cash += e.Amount;
            lines.Add(new(e.EntryId, e.Kind, e.ValueDate, e.Amount, e.Source, e.Reference, e.DecisionDate, e.Reason, e.By, e.At,
                charter, retained, cash, e.LoanId));
        }
        var cashAvailable = ledger.CashAsOf(asOf);
        var toLend = cashAvailable - committed;
        return new(asOf, figures.CharterCapital, figures.RetainedResult, figures.RetainedResultAsOf, figures.ActualCharterCapital,
            ledger.OtherCapitalAsOf(asOf), cashAvailable, committed, ledger.OutstandingPrincipalAsOf(asOf), ledger.InterestReceivedAsOf(asOf), toLend.IsNegative ? Money.Zero : toLend, lines);
    }
}

public static class GetCapitalPositionEndpoint
{
    /// <summary>The fund's charter capital, retained result, actual charter capital, capital from other sources, cash available, capital committed
    /// to approved-but-undisbursed loans, outstanding principal, interest received and capital available to lend at the end of <c>asOf</c>
    /// (yyyy-MM-dd, default today), computed from the entries (and loans) whose value date is on or before it.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/capital", OperationId = "getCapitalPosition")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalPosition>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? asOf, IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var date = time.Today;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            var parsed = LocalDatePattern.Iso.Parse(asOf.Trim());
            if (!parsed.Success)
                return Results.Problem(Problems.Validation("asOf", "as_of.format", "Ngày phải có dạng yyyy-MM-dd, ví dụ 2026-06-30."));
            date = parsed.Value;
        }
        var committed = await FundCapital.CommittedAsOfAsync(session, date, ct);
        return Results.Ok(CapitalPosition.Of(await FundCapital.LedgerAsync(session, ct), date, committed));
    }
}
