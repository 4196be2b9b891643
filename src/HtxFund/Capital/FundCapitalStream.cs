namespace HtxFund.Capital;

/// <summary>
/// The fund's capital stream (<see cref="FundCapital.StreamId"/>) as the aggregate through which the capital commands
/// append with Wolverine's aggregate workflow (<c>[Aggregate(Required = false, FromMethod = ...)]</c>): it only counts
/// the entries of the stream, since the ledger's figures are the database's sums of its lines
/// (<see cref="FundCapital.LedgerAsync"/>). Loading it gives the stream's version, which the append checks at the
/// commit; a fund whose stream does not exist yet has none, and its first entry starts the stream.
/// </summary>
public sealed class FundCapitalStream
{
    public Guid Id { get; set; }

    /// <summary>The capital entries appended to the stream (the historic mirror events of loans are not counted).</summary>
    public int Entries { get; set; }

    public void Apply(CharterCapitalContributed _) => Entries++;
    public void Apply(CharterCapitalWithdrawn _) => Entries++;
    public void Apply(RetainedResultRecorded _) => Entries++;
    public void Apply(OtherCapitalReceived _) => Entries++;
    public void Apply(OtherCapitalRepaid _) => Entries++;
    public void Apply(ProvisionBooked _) => Entries++;
}
