using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using NodaTime;

namespace HtxFund.Capital;

/// <summary>
/// One line of a fund's capital ledger as a document of its own (id = the entry's id), written inline with the event
/// by <see cref="CapitalLedgerEntryProjection"/>, so the ledger's lines are read a page at a time (by value date, then
/// <see cref="Sequence"/>) instead of from one document holding them all. <see cref="ValueDay"/> (the value date's
/// day number, <see cref="DateOnly.DayNumber"/>) and <see cref="Sequence"/> (the event's version in the capital stream)
/// are columns of their own for those queries (Marten LINQ cannot compare NodaTime types);
/// <see cref="CharterChange"/> and <see cref="CashChange"/> let the database sum a day's lines before a page.
/// </summary>
public sealed record CapitalLedgerEntry(Guid Id, int ValueDay, long Sequence, long CharterChange, long CashChange, CapitalEntry Entry)
{
    public static int DayOf(LocalDate date) => date.ToDateOnly().DayNumber;

    public static CapitalLedgerEntry Of(CapitalEntry e) =>
        new(e.EntryId, DayOf(e.ValueDate), e.Sequence, e.CharterChange().Dong, e.CashChange().Dong, e);
}

/// <summary>Writes a <see cref="CapitalLedgerEntry"/> for every event of the capital stream, in its transaction.</summary>
public sealed partial class CapitalLedgerEntryProjection : EventProjection
{
    public CapitalLedgerEntryProjection()
    {
        Name = "CapitalLedgerEntry";
    }

    /// <summary>The line of the event at its version in the capital stream. The version is known here only when the
    /// append knew the stream's version (FetchForWriting, StartStream, or Append with the expected version): an append
    /// without it (version 0 here) is refused, so no line loses its place in the ledger's order.</summary>
    private static void Store(IEvent e, IDocumentOperations ops)
    {
        if (e.Version <= 0)
            throw new InvalidOperationException(
                $"A capital event ({e.EventTypeName}) must be appended with the capital stream's version known (FetchForWriting, StartStream or an expected version).");
        ops.Store(CapitalLedgerEntry.Of(CapitalEntries.Of(e.Data, e.Version)));
    }

    public void Project(IEvent<CharterCapitalContributed> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<CharterCapitalWithdrawn> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<RetainedResultRecorded> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<LoanTranchePaidOut> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<LoanRepaymentReceived> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<LoanRepaymentReceiptReversed> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<OtherCapitalReceived> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<OtherCapitalRepaid> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<ProvisionBooked> e, IDocumentOperations ops) => Store(e, ops);
}
