using FluentValidation;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Capital;

/// <summary>What a recorded capital entry answers: its id and the fund's figures today, after it.</summary>
public sealed record CapitalEntryReceipt(Guid EntryId, CapitalFigures Today);

/// <summary>Rules and the append step shared by the commands that record capital entries.</summary>
public static class CapitalRecording
{
    public static Money ToMoney(this decimal? amount) => Money.Of(decimal.ToInt64(amount!.Value));

    /// <summary>The id of the entry a request records. With an <c>Idempotency-Key</c> (which these commands require) it
    /// is derived from the key, per fund and user: the idempotency record is completed after the command's own
    /// transaction, so if the process dies between the two, the client's repeat is carried out again once the key is
    /// taken over, and finds its entry already booked (<see cref="LoadAsync"/>) instead of booking the money twice.
    /// A fresh id without a key.</summary>
    public static Guid EntryIdFor(HttpContext http) =>
        Infrastructure.Http.Idempotency.IdempotencyMiddleware.RequestKey(http) is { } key ? KeyedGuid($"htxfund:capital-entry:{key}") : Guid.CreateVersion7();

    /// <summary>A name-based UUID (version 8, RFC 9562): the first 16 bytes of the name's SHA-256.</summary>
    private static Guid KeyedGuid(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>The fund's capital stream, for <c>[Aggregate(Required = false, FromMethod = ...)]</c> (one per fund;
    /// tenant-scoped). A fund's first entry starts it.</summary>
    public static Guid StreamId() => FundCapital.StreamId;

    /// <summary>The step that reads what every capital command decides on, run holding its locks
    /// (<see cref="BooksCapitalAttribute"/>): the fund's ledger and the entry already booked with the request's id
    /// (<see cref="EntryIdFor"/>), if any.</summary>
    public static async Task<CapitalBooking> LoadAsync(IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var ledger = await FundCapital.LedgerAsync(session, ct);
        var entryId = EntryIdFor(http);
        return new(entryId, ledger, await session.LoadAsync<CapitalLedgerEntry>(entryId, ct));
    }

    /// <summary>The rule refusal of a request, unless it repeats an entry already booked (answered with that entry).</summary>
    public static ProblemDetails Check(CapitalBooking booking, Func<FundCapitalLedger, ProblemDetails?> refusal) =>
        booking.Booked is null && refusal(booking.Ledger) is { } refused ? refused : WolverineContinue.NoProblems;

    /// <summary>The pure answer of a capital command: 201 with the entry <paramref name="entry"/> builds (with the id
    /// <see cref="CapitalBooking.EntryId"/>) and the figures today after it, appended to the capital stream. A request
    /// whose entry is already booked (a repeat, see <see cref="EntryIdFor"/>) is answered 201 with that entry and today's
    /// figures, and nothing is appended.</summary>
    public static (IResult, Events) Record(CapitalBooking booking, LocalDate today, Func<Guid, object> entry)
    {
        if (booking.Booked is { } booked)
            return (Results.Created($"/api/capital?asOf={booked.Entry.ValueDate:yyyy-MM-dd}",
                new CapitalEntryReceipt(booking.EntryId, booking.Ledger.FiguresAsOf(today))), []);
        var appended = entry(booking.EntryId);
        var recorded = CapitalEntries.Of(appended)!;
        return (Results.Created($"/api/capital?asOf={recorded.ValueDate:yyyy-MM-dd}",
            new CapitalEntryReceipt(recorded.EntryId, booking.Ledger.Add(recorded).FiguresAsOf(today))), [appended]);
    }
}

/// <summary>What a capital command decides on, read under the fund's capital lock: the id of the entry it records, the
/// fund's ledger, and that entry if a previous attempt of the same request booked it already.</summary>
public sealed record CapitalBooking(Guid EntryId, FundCapitalLedger Ledger, CapitalLedgerEntry? Booked);

/// <summary>The fields of a capital movement made on a decision: charter capital contributed or withdrawn, other capital
/// received or repaid.</summary>
public interface ICapitalMovement
{
    decimal? Amount { get; }
    string? Source { get; }
    string? DecisionNumber { get; }
    LocalDate? DecisionDate { get; }
    LocalDate? ValueDate { get; }

    /// <summary>Why the movement is made: required of what pays capital out, an optional note of a receipt, none on a
    /// contribution.</summary>
    string? Reason => null;
}

/// <summary>The rules every capital movement's fields follow (the one home of the amount, source, decision, value date
/// and reason rules).</summary>
public abstract class CapitalMovementValidator<T> : AbstractValidator<T> where T : ICapitalMovement
{
    /// <param name="today">The fund's business date: no date of a movement is after it.</param>
    /// <param name="requiredReason">The label of the reason a movement that pays capital out must give, or null when a
    /// reason is an optional note.</param>
    protected CapitalMovementValidator(LocalDate today, string? requiredReason = null)
    {
        RuleFor(x => x.Amount).WholeDong("amount", "số tiền");
        RuleFor(x => x.Source).RequiredText("source", "nguồn vốn", TextLimits.Name);
        RuleFor(x => x.DecisionNumber).RequiredText("decision_number", "số quyết định", TextLimits.Reference);
        RuleFor(x => x.DecisionDate).PastDate("decision_date", "ngày quyết định", today);
        RuleFor(x => x.ValueDate).PastDate("value_date", "ngày giá trị", today);
        RuleFor(x => x.ValueDate).Must((x, v) => v >= x.DecisionDate).When(x => x.ValueDate is not null && x.DecisionDate is not null)
            .Refuse("value_date.before_decision", "Ngày giá trị không được trước ngày quyết định.");
        if (requiredReason is null) RuleFor(x => x.Reason).OptionalText("reason", "ghi chú", TextLimits.Note);
        else RuleFor(x => x.Reason).RequiredText("reason", requiredReason, TextLimits.Note);
    }
}
