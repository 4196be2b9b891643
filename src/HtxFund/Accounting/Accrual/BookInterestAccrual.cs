using System.Security.Claims;
using FluentValidation;
using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Accounting.Accrual;

/// <summary>Book the month-end interest accrual of <paramref name="Month"/> (yyyy-MM, an ended month, still open).</summary>
public sealed record BookInterestAccrual(string? Month)
{
    public YearMonth? Parsed => ClassificationRunner.ParseMonth(Month?.Trim());

    public sealed class Validator : AbstractValidator<BookInterestAccrual>
    {
        public Validator() =>
            RuleFor(x => x.Month).Must((c, _) => c.Parsed is not null).Refuse("month.format", ClassificationRuns.MonthFormatMessage);
    }
}

/// <summary>What was booked: the month, its last day, the cut of the event log it was valued at, the totals and every
/// loan's figures (whole đồng).</summary>
public sealed record InterestAccrualReceipt(Guid RunId, string Month, LocalDate ValueDate, long HighestSequence, int LoanCount,
    long OnBalanceContractual, long OnBalancePenalty, long OffBalance, IReadOnlyList<LoanInterestAtMonthEnd> Loans)
{
    public static InterestAccrualReceipt Of(InterestAccrualBooked e) => new(e.RunId, e.Month, e.ValueDate, e.HighestSequence, e.Loans.Count,
        e.Loans.Sum(l => l.OnBalanceContractual), e.Loans.Sum(l => l.OnBalancePenalty), e.Loans.Sum(l => l.OffBalance), e.Loans);
}

public static class BookInterestAccrualEndpoint
{
    /// <summary>The fund's books stream (one per fund; tenant-scoped).</summary>
    public static Guid BooksId() => FundBooks.StreamId;

    /// <summary>The loans valued at the month end, only for a command the books do not refuse (<see cref="Validate"/>).</summary>
    public static async Task<MonthEndInterest?> LoadAsync(BookInterestAccrual command,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books, IDocumentSession session, LocalDate today, CancellationToken ct) =>
        AccrualRules.Refusal(command.Parsed!.Value, books ?? new FundBooks(), today) is null
            ? await InterestAccrual.ValueAsync(session, command.Parsed!.Value, ct)
            : null;

    /// <summary>422 <c>month_not_ended</c>; 409 <c>month_closed</c> or <c>later_accrual_booked</c>.</summary>
    public static ProblemDetails Validate(BookInterestAccrual command, [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books,
        LocalDate today) =>
        AccrualRules.Refusal(command.Parsed!.Value, books ?? new FundBooks(), today) ?? WolverineContinue.NoProblems;

    /// <summary>Books the interest accrual of an ended, open month (ChiefAccountant): every loan of the fund valued by the
    /// Lending engine at the month's last day as the capital-adequacy report values it (interest receivable on the balance
    /// sheet, contractual and penalty, for loans in group 1; off the balance sheet otherwise), in one
    /// <see cref="InterestAccrualBooked"/> on the fund's books stream. The journal brings each loan's receivable accounts to
    /// these figures (it posts the difference), so booking an open month again is allowed. The monthly job books the
    /// previous month on the 1st.</summary>
    [Authorize(Roles = Roles.ChiefAccountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/accounting/accruals", OperationId = "bookInterestAccrual")]
    [Tags("Kế toán")]
    [ProducesResponseType<InterestAccrualReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(BookInterestAccrual command,
        [Aggregate(Required = false, FromMethod = nameof(BooksId))] FundBooks? books, MonthEndInterest? figures, ClaimsPrincipal user, Instant now)
    {
        var booked = InterestAccrual.Booked(command.Parsed!.Value, figures!, user.ToActor(), now);
        return (Results.Created($"/api/accounting/accruals/{booked.Month}", InterestAccrualReceipt.Of(booked)), [booked]);
    }
}
