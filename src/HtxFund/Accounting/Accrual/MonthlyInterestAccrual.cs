using HtxFund.Classification;
using HtxFund.Identity;
using HtxFund.Infrastructure.Jobs;
using HtxFund.Infrastructure.Time;
using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Accounting.Accrual;

/// <summary>The monthly trigger: book the previous month's interest accrual for every fund whose books have none yet
/// (a month already accrued, closed, or followed by a later accrual is skipped, never rebooked).</summary>
public sealed record BookAllFundsInterestAccrualForPreviousMonth;

public static class BookAllFundsInterestAccrualForPreviousMonthHandler
{
    public static async Task Handle(BookAllFundsInterestAccrualForPreviousMonth _, IDocumentStore store, BusinessTime time, CancellationToken ct)
    {
        var today = time.Today;
        var month = new YearMonth(today.Year, today.Month).PlusMonths(-1);
        string[] funds;
        await using (var query = store.QuerySession())
            funds = (await query.Query<Funds.Fund>().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct)).ToArray();
        foreach (var fund in funds) await BookAsync(store, fund, month, today, time.Now, ct);
    }

    /// <summary>Books <paramref name="month"/> for <paramref name="fund"/> unless the job skips it; optimistic on the books
    /// stream's version, so a booking that raced another is not appended twice.</summary>
    public static async Task<bool> BookAsync(IDocumentStore store, string fund, YearMonth month, LocalDate today, Instant now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(fund);
        var stream = await session.Events.FetchForWriting<FundBooks>(FundBooks.StreamId, ct);
        if (!AccrualRules.JobBooks(month, stream.Aggregate ?? new FundBooks(), today)) return false;
        stream.AppendOne(await InterestAccrual.BookedAsync(session, month, Actor.System, now, ct));
        await session.SaveChangesAsync(ct);
        return true;
    }
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
