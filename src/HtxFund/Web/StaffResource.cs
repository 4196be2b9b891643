namespace HtxFund.Web;

/// <summary>Marker of the credit, board and finance pages' strings. As with <see cref="SharedResource"/>, keys are the
/// Vietnamese text itself (the default culture) and <c>StaffResource.en.resx</c> gives the English rendering.</summary>
public sealed class StaffResource;
