namespace HtxFund.Web;

/// <summary>Marker of the pages' shared strings. Keys are the Vietnamese text itself (the default culture);
/// <c>SharedResource.en.resx</c> gives the English rendering (<c>?culture=en</c>). A missing key shows the Vietnamese.</summary>
public sealed class SharedResource;
