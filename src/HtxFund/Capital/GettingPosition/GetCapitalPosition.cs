using System.Text.Json.Serialization;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
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

/// <summary>The fund's capital at the end of a date, with a page of the ledger that explains it.</summary>
/// <param name="CashAvailable">Charter contributions − withdrawals − loan disbursements + repayments received.</param>
/// <param name="Committed">Approved (or, once signed, contracted) amounts of loans not yet disbursed at that date.</param>
/// <param name="OutstandingPrincipal">Principal disbursed and not yet repaid.</param>
/// <param name="InterestReceived">Interest (contractual and penalty) received from borrowers up to that date, net of reversals.</param>
/// <param name="AvailableToLend">Cash − committed, never below zero.</param>
/// <param name="Ledger">The page of ledger lines asked for (value date on or before <c>AsOf</c>, by value date then in recorded
/// order), each with the figures right after it as computed over the whole ledger.</param>
/// <param name="LedgerFrom">The first value date of the page's window when one was asked for (<c>ledgerFrom</c>), else null
/// (the latest lines up to <c>AsOf</c>).</param>
/// <param name="LedgerHasMore">Whether the window holds lines not on the page: earlier ones when the page is the latest
/// lines, later ones (up to <c>AsOf</c>) when it starts at <c>LedgerFrom</c>.</param>
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
    IReadOnlyList<CapitalLedgerLine> Ledger,
    LocalDate? LedgerFrom = null,
    bool LedgerHasMore = false)
{
    /// <summary>Loan-loss provisions booked by the monthly classification up to <c>AsOf</c> (the sum of the changes).</summary>
    [JsonConverter(typeof(MoneyJsonConverter))] public Money ProvisionsBooked { get; init; }
    /// <summary>Provisions used against the principal of loans taken off the balance sheet.</summary>
    [JsonConverter(typeof(MoneyJsonConverter))] public Money ProvisionsUsed { get; init; }
    /// <summary>Provisions held: booked − used.</summary>
    [JsonConverter(typeof(MoneyJsonConverter))] public Money ProvisionsHeld { get; init; }
    /// <summary>Principal of loans taken off the balance sheet (their provisions used), tracked off-balance: the borrowers still owe it.</summary>
    [JsonConverter(typeof(MoneyJsonConverter))] public Money PrincipalOffBalance { get; init; }
    /// <summary>Money recovered on loans off the balance sheet (recovery income, cash in).</summary>
    [JsonConverter(typeof(MoneyJsonConverter))] public Money Recovered { get; init; }

    /// <summary>The figures at <paramref name="asOf"/> with the ledger lines of <paramref name="page"/> (none when not given).</summary>
    /// <param name="committed">The fund's loans' undisbursed commitments at <paramref name="asOf"/> (from the loans' read model).</param>
    public static CapitalPosition Of(FundCapitalLedger ledger, LocalDate asOf, Money committed, CapitalLedgerPage? page = null)
    {
        var figures = ledger.FiguresAsOf(asOf);
        var cashAvailable = ledger.CashAsOf(asOf);
        var toLend = cashAvailable - committed;
        return new(asOf, figures.CharterCapital, figures.RetainedResult, figures.RetainedResultAsOf, figures.ActualCharterCapital,
            ledger.OtherCapitalAsOf(asOf), cashAvailable, committed, ledger.OutstandingPrincipalAsOf(asOf), ledger.InterestReceivedAsOf(asOf),
            toLend.IsNegative ? Money.Zero : toLend, page?.Lines ?? [], page?.From, page?.HasMore ?? false)
        {
            ProvisionsBooked = ledger.ProvisionsBookedAsOf(asOf), ProvisionsUsed = ledger.ProvisionsUsedAsOf(asOf),
            ProvisionsHeld = ledger.ProvisionsHeldAsOf(asOf), PrincipalOffBalance = ledger.PrincipalOffBalanceAsOf(asOf),
            Recovered = ledger.RecoveredAsOf(asOf),
        };
    }
}

/// <summary>A bounded page of the capital ledger's lines (from the <see cref="CapitalLedgerEntry"/> documents) with their
/// running figures.</summary>
public sealed record CapitalLedgerPage(IReadOnlyList<CapitalLedgerLine> Lines, LocalDate? From, bool HasMore)
{
    public const int DefaultLines = 100;
    public const int MaxLines = 1000;

    /// <summary>A line with its event's global sequence (its place among the lines of one value date).</summary>
    private sealed record Placed(long Sequence, CapitalLedgerEntry Line);

    /// <summary>
    /// The lines with value date on or before <paramref name="asOf"/>, by value date then in recorded order (their events'
    /// global sequence, see <see cref="CapitalLedgerEntry"/>): from <paramref name="from"/> on, the first
    /// <paramref name="limit"/>; without it, the last <paramref name="limit"/>. The running figures start from the ledger's
    /// figures just before the page, so each line shows what a walk over the whole ledger shows: forward, the figures at the
    /// end of the day before <paramref name="from"/>; backward, the figures at <paramref name="asOf"/> less the page's own
    /// movements (the page ends with the last line up to it), and the retained result of the latest record before the page
    /// (one query, only when the page has earlier lines). A loan's line shows its loan's contract number.
    /// </summary>
    public static async Task<CapitalLedgerPage> ReadAsync(IQuerySession session, FundCapitalLedger ledger, LocalDate asOf, LocalDate? from,
        int limit, CancellationToken ct)
    {
        var lastDay = CapitalLedgerEntry.DayOf(asOf);
        List<Placed> entries;
        long charter, cash;
        Money retained;
        bool more;
        if (from is { } first)
        {
            entries = await LinesAsync(session, "l.value_day between ? and ?", [CapitalLedgerEntry.DayOf(first), lastDay], true, limit + 1, ct);
            more = entries.Count > limit;
            if (more) entries.RemoveAt(limit);
            // nothing is recorded before Validation.EarliestRecordDate (and the day before LocalDate.MinIsoValue does not exist)
            var dayBefore = (first > Validation.EarliestRecordDate ? first : Validation.EarliestRecordDate).PlusDays(-1);
            var before = ledger.FiguresAsOf(dayBefore);
            (charter, cash, retained) = (before.CharterCapital.Dong, ledger.CashAsOf(dayBefore).Dong, before.RetainedResult);
        }
        else
        {
            entries = await LinesAsync(session, "l.value_day <= ?", [lastDay], false, limit + 1, ct);
            more = entries.Count > limit;
            if (more) entries.RemoveAt(limit);
            entries.Reverse();
            charter = ledger.FiguresAsOf(asOf).CharterCapital.Dong - entries.Sum(e => e.Line.Entry.CharterChange().Dong);
            cash = ledger.CashAsOf(asOf).Dong - entries.Sum(e => e.Line.Entry.CashChange().Dong);
            retained = Money.Zero;
            if (more && entries.Count > 0)
            {
                var (day, sequence) = (entries[0].Line.ValueDay, entries[0].Sequence);
                var latest = await LinesAsync(session, "l.kind = ? and (l.value_day < ? or (l.value_day = ? and e.seq_id < ?))",
                    [nameof(CapitalEntryKind.RetainedResult), day, day, sequence], false, 1, ct);
                if (latest.Count > 0) retained = latest[0].Line.Entry.Amount;
            }
        }

        var loans = entries.Select(e => e.Line.Entry.LoanId).OfType<Guid>().Distinct().ToArray();
        var contracts = loans.Length == 0 ? [] : (await session.Query<Loans.GettingDetails.LoanDetails>()
            .Where(x => x.Id.IsOneOf(loans)).Select(x => new { x.Id, x.ContractNumber }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => x.ContractNumber);
        var lines = new List<CapitalLedgerLine>(entries.Count);
        foreach (var (_, line) in entries)
        {
            var e = line.Entry.LoanId is { } loan ? CapitalEntries.WithContract(line.Entry, contracts.GetValueOrDefault(loan)) : line.Entry;
            if (e.Kind == CapitalEntryKind.RetainedResult) retained = e.Amount;
            charter += e.CharterChange().Dong;
            cash += e.CashChange().Dong;
            lines.Add(new(e.EntryId, e.Kind, e.ValueDate, e.Amount, e.Source, e.Reference, e.DecisionDate, e.Reason, e.By, e.At,
                Money.Of(charter), retained, Money.Of(cash), e.LoanId));
        }
        return new(lines, from, more);
    }

    /// <summary>The session's fund's lines matching <paramref name="where"/>, by value date then global sequence (descending
    /// unless <paramref name="ascending"/>), at most <paramref name="limit"/>, each with its event's sequence.</summary>
    private static async Task<List<Placed>> LinesAsync(IQuerySession session, string where, object[] parameters, bool ascending, int limit,
        CancellationToken ct)
    {
        var (lines, events) = CapitalLedgerSums.Tables(session);
        var order = ascending ? "" : " desc";
        return [.. await session.AdvancedSql.QueryAsync<Placed>(
            $"select json_build_object('sequence', e.seq_id, 'line', l.data) as data from {lines} l "
            + $"join {events} e on e.tenant_id = l.tenant_id and e.stream_id = l.stream_id and e.version = l.stream_version "
            + $"where l.tenant_id = ? and {where} order by l.value_day{order}, e.seq_id{order} limit {limit}",
            ct, [session.TenantId, .. parameters])];
    }
}

public static class GetCapitalPositionEndpoint
{
    /// <summary>The fund's charter capital, retained result, actual charter capital, capital from other sources, cash available, capital committed
    /// to approved-but-undisbursed loans, outstanding principal, interest received and capital available to lend at the end of <c>asOf</c>
    /// (yyyy-MM-dd, default today), computed from the entries (and loans) whose value date is on or before it; with a page of the
    /// ledger's lines up to <c>asOf</c>, each with the charter capital, retained result and cash right after it: the last
    /// <c>ledgerLines</c> (1–1000, default 100) lines, or, with <c>ledgerFrom</c> (yyyy-MM-dd, not after <c>asOf</c>), the first
    /// <c>ledgerLines</c> lines with value date from that date on. <c>ledgerHasMore</c> tells whether the window has lines beyond the page.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/capital", OperationId = "getCapitalPosition")]
    [Tags("Vốn của quỹ")]
    [ProducesResponseType<CapitalPosition>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? asOf, string? ledgerFrom, int? ledgerLines, IQuerySession session, BusinessTime time,
        CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var date = time.Today;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (AsOf.Date(asOf) is { } parsed) date = parsed;
            else errors.Add(new FieldError("asOf", "as_of.format", $"Ngày phải có {AsOf.Format}."));
        }
        LocalDate? from = null;
        if (!string.IsNullOrWhiteSpace(ledgerFrom))
        {
            var parsed = AsOf.Date(ledgerFrom);
            if (parsed is null)
                errors.Add(new FieldError("ledgerFrom", "ledger_from.format", $"Ngày bắt đầu của sổ vốn phải có {AsOf.Format}."));
            else if (errors.Count == 0 && parsed > date)
                errors.Add(new FieldError("ledgerFrom", "ledger_from.after_as_of", "Ngày bắt đầu của sổ vốn không được sau ngày xem số liệu."));
            else from = parsed;
        }
        var lines = ledgerLines ?? CapitalLedgerPage.DefaultLines;
        if (lines is < 1 or > CapitalLedgerPage.MaxLines)
            errors.Add(new FieldError("ledgerLines", "ledger_lines.out_of_range", $"Số dòng sổ vốn phải từ 1 đến {CapitalLedgerPage.MaxLines}."));
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));

        var committed = await FundCapital.CommittedAsOfAsync(session, date, ct);
        var ledger = await FundCapital.LedgerAsync(session, ct);
        return Results.Ok(CapitalPosition.Of(ledger, date, committed, await CapitalLedgerPage.ReadAsync(session, ledger, date, from, lines, ct)));
    }
}
