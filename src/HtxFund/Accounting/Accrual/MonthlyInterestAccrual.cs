using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Infrastructure.Jobs;
using HtxFund.Infrastructure.Time;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Marten;
using Wolverine.ErrorHandling;

namespace HtxFund.Accounting.Accrual;

/// <summary>The monthly trigger: book the previous month's interest accrual for every fund whose books have none yet
/// (a month already accrued, closed, or followed by a later accrual is skipped, never rebooked).</summary>
public sealed record BookAllFundsInterestAccrualForPreviousMonth;

public static class BookAllFundsInterestAccrualForPreviousMonthHandler
{
    /// <summary>Each fund's books take the previous month's accrual through <see cref="BookMonthlyInterestAccrualHandler"/>
    /// (Wolverine's aggregate workflow on the fund's books stream), one fund after the other.</summary>
    public static async Task Handle(BookAllFundsInterestAccrualForPreviousMonth _, IDocumentStore store, IMessageBus bus, BusinessTime time,
        CancellationToken ct)
    {
        var today = time.Today;
        var month = new YearMonth(today.Year, today.Month).PlusMonths(-1);
        var funds = await Funds.ServedFunds.IdsAsync(store, ct);
        foreach (var fund in funds) await bus.InvokeForTenantAsync(fund, new BookMonthlyInterestAccrual(month), ct);
    }
}

/// <summary>The monthly job's booking of <see cref="Month"/> in one fund (the message's tenant), on its books stream
/// <see cref="BooksId"/>.</summary>
public sealed record BookMonthlyInterestAccrual(YearMonth Month)
{
    public Guid BooksId { get; init; } = FundBooks.StreamId;
}

/// <summary>The monthly job's step for one fund: the books stream loaded for writing by Wolverine (the append checks its
/// version, so a booking that raced another is refused and retried on the new version), the loans valued only when the job
/// books the month (<see cref="AccrualRules.JobBooks"/>: not accrued yet, ended, open, no later accrual), then the event.</summary>
public static class BookMonthlyInterestAccrualHandler
{
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        chain.OnException(Infrastructure.Database.StreamConflicts.IsConflict)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

    public static async Task<MonthEndInterest?> LoadAsync(BookMonthlyInterestAccrual message, FundBooks? books, IDocumentSession session,
        LocalDate today, CancellationToken ct) =>
        AccrualRules.JobBooks(message.Month, books ?? new FundBooks(), today) ? await InterestAccrual.ValueAsync(session, message.Month, ct) : null;

    public static Events Handle(BookMonthlyInterestAccrual message,
        [WriteAggregate(nameof(BookMonthlyInterestAccrual.BooksId), Required = false)] FundBooks? books, MonthEndInterest? figures, Instant now) =>
        figures is null ? [] : [InterestAccrual.Booked(message.Month, figures, Actor.System, now)];
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class MonthlyInterestAccrualJob(IMessageBus bus)
{
    public const string Id = "monthly-interest-accrual";
    /// <summary>06:00 on the 1st of each month (the fund's time zone).</summary>
    public const string DefaultCron = "0 6 1 * *";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new BookAllFundsInterestAccrualForPreviousMonth(), ct);
}

public static class AccrualConfiguration
{
    /// <summary>The monthly accrual job (<c>HtxFund:Jobs:InterestAccrualCron</c>, by default 06:00 on the 1st).</summary>
    public static IServiceCollection AddHtxFundInterestAccrual(this IServiceCollection services) =>
        services.AddRecurringJob<MonthlyInterestAccrualJob>(MonthlyInterestAccrualJob.Id, j => j.Run(CancellationToken.None),
            MonthlyInterestAccrualJob.DefaultCron, "HtxFund:Jobs:InterestAccrualCron");
}
