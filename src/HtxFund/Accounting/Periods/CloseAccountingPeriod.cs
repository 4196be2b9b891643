using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Accounting.Periods;

/// <summary>The chief accountant closes a month of the books (the month is in the route). <see cref="Version"/> is optional:
/// a client may send the books' version it saw to insist on it.</summary>
public sealed record CloseAccountingPeriod(long? Version);

/// <summary>The books' access for the period commands: the stream (one per fund) may not exist yet (nothing was adopted,
/// accrued or closed); a stale <c>version</c> when one is sent.</summary>
public static class BooksAccess
{
    public static ProblemDetails Writable(IEventStream<FundBooks> stream, long? version) =>
        StreamVersions.Check(version, stream.CurrentVersion ?? 0, required: false, "books", "sổ kế toán") ?? WolverineContinue.NoProblems;
}

public static class CloseAccountingPeriodEndpoint
{
    /// <summary>The fund's books stream (one per fund; tenant-scoped).</summary>
    public static Guid BooksId() => FundBooks.StreamId;

    public static ProblemDetails Validate(string month, CloseAccountingPeriod command, IEventStream<FundBooks> stream, FundBooks? books,
        LocalDate today) =>
        PeriodRules.Parse(month) is not { } m ? PeriodRules.BadMonth(month)
        : BooksAccess.Writable(stream, command.Version).Then(() => PeriodRules.Close(books ?? new FundBooks(), m, today));

    /// <summary>Closes <c>month</c> (yyyy-MM): its journal never changes again; a movement recorded later with a business date
    /// in it is posted as an adjusting entry dated the first day of the first open month. Refused (409) unless the month has
    /// ended (<c>period.month_not_ended</c>), its interest accrual is booked (<c>period.accrual_missing</c>) and it is the month
    /// after the latest closed one (<c>period.previous_month_open</c>, <c>period.before_closed</c>), or when it is already
    /// closed (<c>period.already_closed</c>). After the commit, in the background, the month's trial balance is archived
    /// (CSV and PDF with their SHA-256) once the journal has posted everything up to the close, and the books are reconciled
    /// with the capital position at the month's last day; a difference is notified to the fund's chief accountants.</summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/accounting/periods/{month}/close", OperationId = "closeAccountingPeriod")]
    [Tags("Kế toán")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (Events, OutgoingMessages) Post(string month, CloseAccountingPeriod command,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books, ClaimsPrincipal user, Instant now)
    {
        var closed = new AccountingPeriodClosed(PeriodRules.Format(PeriodRules.Parse(month)!.Value), user.ToActor(), now);
        return ([closed], [new ArchiveClosedPeriod(user.FundId(), closed.Month, closed.At)]);
    }
}
