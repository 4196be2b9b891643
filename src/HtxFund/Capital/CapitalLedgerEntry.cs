using System.Reflection;
using HtxFund.Loans;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Events.Projections;
using Marten.Schema;

namespace HtxFund.Capital;

/// <summary>
/// One line of a fund's capital ledger as a document of its own (id = the entry's id: a capital event's
/// <c>EntryId</c>, a loan event's <c>CapitalEntryId</c>), written inline with its event by
/// <see cref="CapitalLedgerEntryProjection"/>. Nothing else stores the ledger: its figures are the database's sums of these
/// lines (<see cref="CapitalLedgerSums"/>), its pages are read from them (<see cref="GettingPosition.CapitalLedgerPage"/>).
/// <see cref="StreamId"/> and <see cref="StreamVersion"/> name the line's event, whose global sequence is the line's place
/// in the ledger's order and decides whether it is in a report's cut (docs/operations.md, "The capital ledger"). The
/// summed figures are columns of their own, the value date as its day number (<see cref="DateOnly.DayNumber"/>: Marten
/// LINQ cannot compare NodaTime types).
/// </summary>
[LedgerIndex]
public sealed record CapitalLedgerEntry(Guid Id, [property: LedgerColumn] int ValueDay, [property: LedgerColumn] Guid StreamId,
    [property: LedgerColumn] long StreamVersion, CapitalEntry Entry)
{
    [LedgerColumn] public CapitalEntryKind Kind => Entry.Kind;
    [LedgerColumn] public OtherCapitalSourceKind? OtherKind => Entry.OtherKind;
    [LedgerColumn] public long Amount => Entry.Amount.Dong;
    [LedgerColumn] public long PrincipalRepaid => Entry.PrincipalRepaid.Dong;
    [LedgerColumn] public long InterestReceived => Entry.InterestReceived.Dong;
    /// <summary>The month (yyyy-MM) a provision line books; null on other lines.</summary>
    [LedgerColumn] public string? ProvisionMonth => Kind == CapitalEntryKind.ProvisionChange ? Entry.Reference : null;

    public static int DayOf(NodaTime.LocalDate date) => date.ToDateOnly().DayNumber;

    public static NodaTime.LocalDate DateOf(int day) => NodaTime.LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));

    public static CapitalLedgerEntry Of(CapitalEntry e, Guid streamId, long streamVersion) =>
        new(e.EntryId, DayOf(e.ValueDate), streamId, streamVersion, e);
}

/// <summary>A member of <see cref="CapitalLedgerEntry"/> kept in a column of its own for the database's sums and joins,
/// indexed only by <see cref="LedgerIndexAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class LedgerColumnAttribute : MartenAttribute
{
    public override void Modify(DocumentMapping mapping, MemberInfo member) => mapping.DuplicateField(member.Name);
}

/// <summary>The one index of the ledger's lines besides the primary key: by fund and value day (a page of lines reads it
/// backwards or forwards from a date), holding every column the sums and the cut at an event sequence read, so that the
/// database sums a fund's ledger from the index alone.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class LedgerIndexAttribute : MartenAttribute
{
    public override void Modify(DocumentMapping mapping) => mapping.Indexes.Add(
        new Weasel.Postgresql.Tables.IndexDefinition("mt_doc_capitalledgerentry_idx_tenant_value_day")
        {
            Columns = ["tenant_id", "value_day"],
            IncludeColumns = ["kind", "other_kind", "amount", "principal_repaid", "interest_received", "provision_month", "stream_id",
                "stream_version", "id"],
        });
}

/// <summary>Writes a <see cref="CapitalLedgerEntry"/> for every event that moves the fund's capital or cash, in its
/// transaction: the capital stream's events, and the loans' <see cref="TrancheDisbursed"/>, <see cref="LoanRepaymentRecorded"/>
/// and <see cref="LoanRepaymentReversed"/>. Each line is a document of its own with an id no other line has, so concurrent
/// transactions (repayments of different loans) never write the same document. The historic mirror events of the capital
/// stream (<see cref="LoanRepaymentReceived"/> and the like) have no line: their loan events have.</summary>
public sealed partial class CapitalLedgerEntryProjection : EventProjection
{
    public CapitalLedgerEntryProjection()
    {
        Name = "CapitalLedgerEntry";
    }

    /// <summary>The line of the event at its version in its stream (see <see cref="CapitalLedgerEntry"/>: an append that did
    /// not know the stream's version is refused, so no line loses its place in the ledger's order).</summary>
    private static void Store(IEvent e, CapitalEntry entry, IDocumentOperations ops)
    {
        if (e.Version <= 0)
            throw new InvalidOperationException(
                $"An event that moves the fund's capital ({e.EventTypeName}) must be appended with its stream's version known (FetchForWriting, StartStream or an expected version).");
        ops.Store(CapitalLedgerEntry.Of(entry, e.StreamId, e.Version));
    }

    private static void Store(IEvent e, IDocumentOperations ops) => Store(e, CapitalEntries.Of(e.Data)!, ops);

    public void Project(IEvent<CharterCapitalContributed> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<CharterCapitalWithdrawn> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<RetainedResultRecorded> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<OtherCapitalReceived> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<OtherCapitalRepaid> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<ProvisionBooked> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<TrancheDisbursed> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<Loans.Migrating.LoanOpeningBalanceRecorded> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<LoanRepaymentRecorded> e, IDocumentOperations ops) => Store(e, ops);
    public void Project(IEvent<LoanRecoveryRecorded> e, IDocumentOperations ops) => Store(e, ops);

    /// <summary>A use of provisions has two lines (provisions used, principal off balance), both named by the event.</summary>
    public void Project(IEvent<LoanProvisionsUsed> e, IDocumentOperations ops)
    {
        foreach (var entry in CapitalEntries.OfProvisionUse(e.Data)) Store(e, entry, ops);
    }

    /// <summary>A reversal's line takes the reversed repayment's amounts back out: they are read from that repayment's own
    /// event on the loan's stream (recorded in an earlier transaction: a repayment is reversed by a later command).</summary>
    public async Task Project(IEvent<LoanRepaymentReversed> e, IDocumentOperations ops)
    {
        var recorded = await ops.Events.QueryAllRawEvents()
            .Where(x => x.StreamId == e.StreamId && x.EventTypesAre(typeof(LoanRepaymentRecorded)))
            .ToListAsync();
        var reversed = recorded.Select(x => x.Data).OfType<LoanRepaymentRecorded>().SingleOrDefault(r => r.RepaymentId == e.Data.RepaymentId)
            ?? throw new InvalidOperationException(
                $"The repayment {e.Data.RepaymentId} reversed on loan {e.StreamId} has no recorded event before the reversal.");
        Store(e, CapitalEntries.Reversal(e.Data, reversed), ops);
    }
}
