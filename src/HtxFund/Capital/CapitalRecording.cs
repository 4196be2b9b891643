using FluentValidation;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

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
    /// taken over, and finds its entry already booked (<see cref="AppendAsync"/>) instead of booking the money twice.
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

    /// <summary>Validates a normalised command, then appends the entry <paramref name="decide"/> returns for the ledger
    /// (with the id <paramref name="entryId"/>, from <see cref="EntryIdFor"/>).</summary>
    public static async Task<IResult> RecordAsync<T>(T command, IValidator<T> validator, IDocumentSession session, LocalDate today,
        Guid entryId, Func<FundCapitalLedger, (ProblemDetails? Refusal, object? Entry)> decide, CancellationToken ct)
    {
        var invalid = Validation.Check(command, validator);
        return invalid != WolverineContinue.NoProblems ? Results.Problem(invalid) : await AppendAsync(session, today, entryId, decide, ct);
    }

    /// <summary>Takes the fund's capital lock (<see cref="FundCapital.LockAsync"/>), reads the fund's ledger, decides,
    /// appends the entry to the capital stream and answers 201 with the figures today. An entry with the id
    /// <paramref name="entryId"/> already on the ledger is a repeat of a request that was booked (see
    /// <see cref="EntryIdFor"/>): answered 201 with that entry and today's figures, and nothing is appended.</summary>
    public static async Task<IResult> AppendAsync(IDocumentSession session, LocalDate today, Guid entryId,
        Func<FundCapitalLedger, (ProblemDetails? Refusal, object? Entry)> decide, CancellationToken ct)
    {
        await FundCapital.LockAsync(session, ct);
        var ledger = await FundCapital.LedgerAsync(session, ct);
        if (await session.LoadAsync<CapitalLedgerEntry>(entryId, ct) is { } booked)
            return Results.Created($"/api/capital?asOf={booked.Entry.ValueDate:yyyy-MM-dd}", new CapitalEntryReceipt(entryId, ledger.FiguresAsOf(today)));
        var (refusal, entry) = decide(ledger);
        if (refusal is not null) return Results.Problem(refusal);
        await FundCapital.AppendAsync(session, entry!, ct);
        var recorded = CapitalEntries.Of(entry!)!;
        return Results.Created($"/api/capital?asOf={recorded.ValueDate:yyyy-MM-dd}",
            new CapitalEntryReceipt(recorded.EntryId, ledger.Add(recorded).FiguresAsOf(today)));
    }
}

/// <summary>The fields of a charter capital contribution or withdrawal.</summary>
public interface ICharterCapitalMovement
{
    decimal? Amount { get; }
    string? Source { get; }
    string? DecisionNumber { get; }
    LocalDate? DecisionDate { get; }
    LocalDate? ValueDate { get; }
}

/// <summary>The rules a contribution and a withdrawal share.</summary>
public abstract class CharterCapitalMovementValidator<T> : AbstractValidator<T> where T : ICharterCapitalMovement
{
    protected CharterCapitalMovementValidator(LocalDate today)
    {
        RuleFor(x => x.Amount).WholeDong("amount", "số tiền");
        RuleFor(x => x.Source).RequiredText("source", "nguồn vốn", TextLimits.Name);
        RuleFor(x => x.DecisionNumber).RequiredText("decision_number", "số quyết định", TextLimits.Reference);
        RuleFor(x => x.DecisionDate).PastDate("decision_date", "ngày quyết định", today);
        RuleFor(x => x.ValueDate).PastDate("value_date", "ngày giá trị", today);
        RuleFor(x => x.ValueDate).Must((x, v) => v >= x.DecisionDate).When(x => x.ValueDate is not null && x.DecisionDate is not null)
            .Refuse("value_date.before_decision", "Ngày giá trị không được trước ngày quyết định.");
    }
}
