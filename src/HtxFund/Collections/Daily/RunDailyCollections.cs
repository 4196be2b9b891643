using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using JasperFx.Core;
using Marten;
using JasperFx;
using NodaTime;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Collections.Daily;

/// <summary>The daily trigger (Hangfire, 06:30 Asia/Ho_Chi_Minh by default, before the reminders): one
/// <see cref="RunFundCollections"/> per fund.</summary>
public sealed record RunDailyCollections;

/// <summary>Decide every open promise to pay of fund <paramref name="FundId"/> whose date is before <paramref name="Date"/>.</summary>
public sealed record RunFundCollections(string FundId, LocalDate Date);

/// <summary>Decide promise <paramref name="PromiseId"/> of case <paramref name="CollectionCaseId"/> on <paramref name="Date"/>
/// (one transaction per promise, for the fund's tenant).</summary>
public sealed record DecidePromiseToPay(Guid CollectionCaseId, Guid PromiseId, LocalDate Date);

/// <summary>What one fund run decided.</summary>
public sealed record FundCollectionsRunResult(string FundId, LocalDate Date, int Decided);

public static class RunDailyCollectionsHandler
{
    public static async Task<OutgoingMessages> Handle(RunDailyCollections _, IDocumentStore store, BusinessTime time, CancellationToken ct)
    {
        var funds = await Funds.ServedFunds.IdsAsync(store, ct);
        var messages = new OutgoingMessages();
        foreach (var fund in funds) messages.Add(new RunFundCollections(fund, time.Today));
        return messages;
    }
}

public static class RunFundCollectionsHandler
{
    /// <summary>Reads the fund's cases with an open promise (in the query), keeps those due for decision and decides each in its own transaction; a
    /// promise decided meanwhile (another node, a rerun) is left as it is.</summary>
    public static async Task<FundCollectionsRunResult> Handle(RunFundCollections command, IDocumentStore store, IMessageBus bus, CancellationToken ct)
    {
        List<CollectionCase> cases;
        await using (var query = store.QuerySession(command.FundId))
            cases = (await query.Query<CollectionCase>().Where(c => c.Promises.Any(p => p.State == PromiseState.Open)).ToListAsync(ct)).ToList();
        var decided = 0;
        foreach (var @case in cases.OrderBy(c => c.Id))
        {
            if (@case.OpenPromise is not { } promise || !CollectionRules.DueForDecision(promise, command.Date)) continue;
            await bus.InvokeForTenantAsync(command.FundId, new DecidePromiseToPay(@case.Id, promise.PromiseId, command.Date), ct);
            decided++;
        }
        return new FundCollectionsRunResult(command.FundId, command.Date, decided);
    }
}

/// <summary>The loan and its view, for deciding a promise.</summary>
public sealed record PromiseReads(Loan? Loan, LoanDetails? Details);

public static class DecidePromiseToPayHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    public static async Task<PromiseReads> LoadAsync(DecidePromiseToPay message, CollectionCase? @case,
        IDocumentSession session, CancellationToken ct) =>
        @case is null ? new(null, null) : new(await session.LoadAsync<Loan>(@case.LoanId, ct), await session.LoadAsync<LoanDetails>(@case.LoanId, ct));

    /// <summary>Kept when what was repaid (not reversed) from the day the promise was made to its date reaches the amount;
    /// broken otherwise, with a notice to the loan's officer and the Director(s). Nothing when the promise is no longer open.</summary>
    public static (Events, OutgoingMessages) Handle(DecidePromiseToPay message, [WriteAggregate(Required = false)] CollectionCase? @case,
        PromiseReads reads, IMessageContext context, Instant now)
    {
        if (@case?.PromiseOf(message.PromiseId) is not { } promise || !CollectionRules.DueForDecision(promise, message.Date) || reads.Details is null)
            return ([], []);
        var paid = CollectionRules.PaidTowards(promise, reads.Loan?.Repayments ?? []);
        if (paid >= promise.Amount)
            return ([new PromiseToPayKept(@case.Id, @case.LoanId, promise.PromiseId, promise.Amount, paid, message.Date, now)], []);
        var broken = new PromiseToPayBroken(@case.Id, @case.LoanId, promise.PromiseId, promise.Amount, paid, promise.PayBy, message.Date, now);
        return ([broken], [CollectionNotices.Broken(context.TenantId!, reads.Details, broken)]);
    }
}

/// <summary>Hangfire recurring job: only sends the Wolverine command.</summary>
public sealed class DailyCollectionsJob(IMessageBus bus)
{
    public const string Id = "daily-collections";
    public const string DefaultCron = "30 6 * * *";

    public Task Run(CancellationToken ct) => bus.InvokeAsync(new RunDailyCollections(), ct);
}
