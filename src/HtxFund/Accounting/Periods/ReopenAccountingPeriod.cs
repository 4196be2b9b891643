using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Accounting.Periods;

/// <summary>Why the Director reopens the latest closed month (required). <see cref="Version"/> is optional.</summary>
public sealed record ReopenAccountingPeriod(string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ReopenAccountingPeriod>
    {
        public Validator() =>
            RuleFor(x => x.Reason).RequiredText("reason", "lý do mở lại sổ", TextLimits.Note);
    }
}

public static class ReopenAccountingPeriodEndpoint
{
    /// <summary>The fund's books stream (one per fund; tenant-scoped).</summary>
    public static Guid BooksId() => FundBooks.StreamId;

    public static ProblemDetails Validate(string month, ReopenAccountingPeriod command, IEventStream<FundBooks> stream, FundBooks? books) =>
        PeriodRules.Parse(month) is not { } m ? PeriodRules.BadMonth(month)
        : BooksAccess.Writable(stream, command.Version).Then(() => PeriodRules.Reopen(books ?? new FundBooks(), m));

    /// <summary>Reopens <c>month</c> (yyyy-MM), the latest closed month, with a reason; who and when are recorded and listed
    /// with the periods. Movements recorded afterwards with a business date in it are posted in it again; the adjusting
    /// entries already posted stay. Refused (409) when the month is not closed (<c>period.not_closed</c>) or a later month is
    /// (<c>period.not_latest_closed</c>).</summary>
    [Authorize(Roles = Roles.Director)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/accounting/periods/{month}/reopen", OperationId = "reopenAccountingPeriod")]
    [Tags("Kế toán")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(string month, ReopenAccountingPeriod command,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books, ClaimsPrincipal user, Instant now) =>
        [new AccountingPeriodReopened(PeriodRules.Format(PeriodRules.Parse(month)!.Value), VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
