using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace HtxFund.Notices.Producing;

/// <summary>
/// Turns the events of the loan and application streams into notices: a Wolverine batch subscription run by the async
/// daemon (one node at a time, like the journal projection). Each <see cref="Reminders.Notifications.SendNotice"/> is
/// published through Wolverine's outbox in the same transaction that records how far the subscription has read, so a
/// notice is neither lost nor made twice across restarts; a replay (a rewind, a crash before the progress was saved)
/// makes notices with the same ids, which are delivered once. On its first start in a database it begins at the present:
/// the history already in the log notifies nobody.
/// </summary>
public sealed class NoticesSubscription : BatchSubscription
{
    public const string Name = "Notices";

    private readonly NoticeOptions options;

    /// <summary>Built by the container (<see cref="NoticesConfiguration"/>); it must not take the document store, which is
    /// built from the subscriptions: the store comes with each page's operations.</summary>
    public NoticesSubscription(NoticeOptions options) : base(Name)
    {
        this.options = options;
        foreach (var type in NoticesFromEvents.EventTypes) IncludeType(type);
        Options.SubscribeFromPresent();
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        IMessageBus bus, CancellationToken cancellationToken)
    {
        if (!options.Enabled) return;
        foreach (var e in page.Events)
        {
            await using var session = operations.DocumentStore.QuerySession(e.TenantId);
            if (await NoticesFromEvents.ForAsync(e, session, cancellationToken) is { } notice) await bus.PublishAsync(notice);
        }
    }
}
