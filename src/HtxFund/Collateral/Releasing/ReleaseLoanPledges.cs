using HtxFund.Infrastructure.Database;
using JasperFx.Core;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace HtxFund.Collateral.Releasing;

/// <summary>The loan <paramref name="LoanId"/> was repaid in full on <paramref name="ClosedOn"/>: its pledges end. Cascaded
/// after the commit of the repayment that closed it (<see cref="Loans.Repaying.RepaymentBooking.AfterCommit"/>), for the loan's fund.</summary>
public sealed record ReleaseLoanPledges(Guid LoanId, LocalDate ClosedOn);

/// <summary>One item's pledges to the closed loan released (one transaction per item stream).</summary>
public sealed record ReleaseItemPledgesAtClosure(Guid ItemId, Guid LoanId, LocalDate ClosedOn);

public static class ReleaseLoanPledgesHandler
{
    /// <summary>The items with an active pledge to the loan, one message each.</summary>
    public static async Task<OutgoingMessages> Handle(ReleaseLoanPledges message, IDocumentSession session, CancellationToken ct)
    {
        var items = await session.Query<CollateralItem>().Where(x => x.PledgedLoanIds.Contains(message.LoanId)).ToListAsync(ct);
        var messages = new OutgoingMessages();
        foreach (var item in items.Where(i => i.Pledges.Any(p => p.IsActive && p.LoanId == message.LoanId)))
            messages.Add(new ReleaseItemPledgesAtClosure(item.Id, message.LoanId, message.ClosedOn));
        return messages;
    }
}

public static class ReleaseItemPledgesAtClosureHandler
{
    /// <summary>A concurrent change of the item makes the append fail on its version: decided again on the item as it is then.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException(StreamConflicts.IsConflict).RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());

    /// <summary>Releases the item's active pledges to the loan, as of its closing date; nothing when none is left (a
    /// repeated message, or a manual release first).</summary>
    public static Events Handle(ReleaseItemPledgesAtClosure message, [WriteAggregate(nameof(ReleaseItemPledgesAtClosure.ItemId))] CollateralItem item,
        Instant now) =>
        new(CollateralRules.ReleasedAtClosure(item, message.LoanId, message.ClosedOn, now));
}
