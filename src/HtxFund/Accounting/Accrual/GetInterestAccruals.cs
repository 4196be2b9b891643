using HtxFund.Classification;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Accounting.Accrual;

/// <summary>One booking of a month's accrual as listed: when, by whom, and its totals (without the loans).</summary>
public sealed record InterestAccrualSummary(Guid RunId, string Month, NodaTime.LocalDate ValueDate, long HighestSequence, int LoanCount,
    long OnBalanceContractual, long OnBalancePenalty, long OffBalance, string BookedBy, NodaTime.Instant BookedAt);

public static class GetInterestAccrualsEndpoint
{
    /// <summary>Every booking of the fund's books stream, oldest first.</summary>
    public static async Task<IReadOnlyList<InterestAccrualBooked>> BookingsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(FundBooks.StreamId, token: ct)).Select(e => e.Data).OfType<InterestAccrualBooked>().ToArray();

    /// <summary>The interest accruals booked for the caller's fund, newest first (a month booked again is listed each time).</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/accruals", OperationId = "listInterestAccruals")]
    [Tags("Kế toán")]
    [ProducesResponseType<IReadOnlyList<InterestAccrualSummary>>(200)]
    public static async Task<IReadOnlyList<InterestAccrualSummary>> Get(IQuerySession session, CancellationToken ct) =>
        (await BookingsAsync(session, ct)).Reverse().Select(Summary).ToArray();

    public static InterestAccrualSummary Summary(InterestAccrualBooked e)
    {
        var r = InterestAccrualReceipt.Of(e);
        return new(r.RunId, r.Month, r.ValueDate, r.HighestSequence, r.LoanCount, r.OnBalanceContractual, r.OnBalancePenalty, r.OffBalance,
            e.By.UserName, e.At);
    }
}

public static class GetInterestAccrualEndpoint
{
    /// <summary>The latest accrual booked for <paramref name="month"/> (yyyy-MM) with every loan's figures; 404 when none.</summary>
    [Authorize(Roles = FundBooks.Readers)]
    [WolverineGet("/api/accounting/accruals/{month}", OperationId = "getInterestAccrual")]
    [Tags("Kế toán")]
    [ProducesResponseType<InterestAccrualReceipt>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string month, IQuerySession session, CancellationToken ct)
    {
        if (ClassificationRunner.ParseMonth(month) is null)
            return Results.Problem(Problems.Validation("month", "month.format", ClassificationRuns.MonthFormatMessage));
        return (await GetInterestAccrualsEndpoint.BookingsAsync(session, ct)).LastOrDefault(e => e.Month == month) is { } booked
            ? Results.Ok(InterestAccrualReceipt.Of(booked))
            : Results.Problem(Problems.NotFound("accrual.not_found", $"Chưa trích lãi dự thu tháng {month}."));
    }
}
