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
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResultAfter);

/// <summary>The fund's capital at the end of a date, with the ledger that explains it.</summary>
public sealed record CapitalPosition(
    LocalDate AsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money CharterCapital,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money RetainedResult,
    LocalDate? RetainedResultAsOf,
    [property: JsonConverter(typeof(MoneyJsonConverter))] Money ActualCharterCapital,
    IReadOnlyList<CapitalLedgerLine> Ledger)
{
    public static CapitalPosition Of(FundCapitalLedger ledger, LocalDate asOf)
    {
        var figures = ledger.FiguresAsOf(asOf);
        var charter = Money.Zero;
        var retained = Money.Zero;
        var lines = new List<CapitalLedgerLine>();
        foreach (var e in ledger.EntriesUpTo(asOf))
        {
            if (e.Kind == CapitalEntryKind.RetainedResult) retained = e.Amount;
            else charter += e.Amount;
            lines.Add(new(e.EntryId, e.Kind, e.ValueDate, e.Amount, e.Source, e.Reference, e.DecisionDate, e.Reason, e.By, e.At,
                charter, retained));
        }
        return new(asOf, figures.CharterCapital, figures.RetainedResult, figures.RetainedResultAsOf, figures.ActualCharterCapital, lines);
    }
}

public static class GetCapitalPositionEndpoint
{
    /// <summary>The fund's charter capital, retained result and actual charter capital at the end of <c>asOf</c>
    /// (yyyy-MM-dd, default today), computed from the entries whose value date is on or before it.</summary>
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
        return Results.Ok(CapitalPosition.Of(await FundCapital.LedgerAsync(session, ct), date));
    }
}
